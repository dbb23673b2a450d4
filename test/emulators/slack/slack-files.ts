import type { SlackMessageStore, StoredSlackFile } from './slack-message-store.js';

/** Where the upload endpoint lives on the emulator: `upload_url` is `${url}${UPLOAD_PATH}<file id>`. */
export const UPLOAD_PATH = '/upload/v1/';

/** A file as the emulated workspace keeps it, from files.getUploadURLExternal to its share. */
export interface EmulatedSlackFile {
  id: string;
  /** The `filename` given to files.getUploadURLExternal. */
  name: string;
  /** The `length` declared to files.getUploadURLExternal; the upload must bring exactly this many bytes. */
  length: number;
  /** What the POST to `upload_url` brought (null: not uploaded yet). */
  bytes: Buffer | null;
  /** The `Authorization` header of that POST (web-api sends the bot token along). */
  uploadAuthorization: string | undefined;
  /** Set by files.completeUploadExternal. */
  title?: string | undefined;
  completed: boolean;
  /** Where it was shared (no channel: a private file) and the share's message ts. */
  channel?: string | undefined;
  threadTs?: string | undefined;
  shareTs?: string | undefined;
}

type Args = Record<string, unknown>;
type Answer = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const MIME_TYPES: Record<string, string> = {
  ics: 'text/calendar',
  txt: 'text/plain',
  pdf: 'application/pdf',
  png: 'image/png',
  json: 'application/json',
};
const extensionOf = (name: string) => (name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '');

/**
 * The file bytes of an upload POST: Slack takes raw bytes or a multipart form; web-api 7 sends multipart/form-data
 * (form-data) with one part named `body`, `filename="Untitled"`. The part with a filename (else the first) is the
 * file; null for a multipart body that does not parse.
 */
export function uploadedBytes(raw: Buffer, contentType: string | undefined): Buffer | null {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return raw;
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: { headers: string; body: Buffer }[] = [];
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part sits between "--boundary\r\n" and "\r\n--boundary"; its headers end at the first blank line.
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) parts.push({ headers: part.subarray(0, split).toString('utf8'), body: part.subarray(split + 4) });
    start = next;
  }
  const file = parts.find((p) => /filename=/i.test(p.headers)) ?? parts[0];
  return file ? file.body : null;
}

/**
 * Slack's external file upload (what `files.uploadV2` does): files.getUploadURLExternal reserves a file and names a
 * loopback `upload_url`, the POST to it brings the bytes, files.completeUploadExternal shares the file in a channel
 * or thread as a message whose `files` conversations.history and conversations.replies return, as Slack does.
 * Error names follow Slack: `invalid_arguments`, `missing_argument` (length 0), `file_not_found` (unknown, not yet
 * uploaded or already completed: Slack completes a file once), `channel_not_found`, `invalid_thread_ts` (no such
 * message, or a reply's ts rather than its parent's).
 */
export function createSlackFiles(deps: {
  store: SlackMessageStore;
  baseUrl: () => string;
  bot: { userId: string; botId: string };
}) {
  const files = new Map<string, EmulatedSlackFile>();
  let seq = 0;

  function getUploadURL(args: Args): Answer {
    const filename = str(args.filename)?.trim();
    const raw = args.length;
    const length = typeof raw === 'number' ? raw : /^\d+$/.test(str(raw) ?? '') ? Number(raw) : Number.NaN;
    if (!filename || !Number.isInteger(length) || length < 0) return { ok: false, error: 'invalid_arguments' };
    if (length === 0) return { ok: false, error: 'missing_argument' };
    seq += 1;
    const id = `F_EMU${String(seq).padStart(6, '0')}`;
    files.set(id, { id, name: filename, length, bytes: null, uploadAuthorization: undefined, completed: false });
    return { ok: true, upload_url: `${deps.baseUrl()}${UPLOAD_PATH}${id}`, file_id: id };
  }

  /** The POST to `upload_url`: 200 `OK - <bytes>` as Slack answers, 404 for an unknown id, 400 for a wrong length. */
  function receive(
    fileId: string,
    raw: Buffer,
    headers: { contentType: string | undefined; authorization: string | undefined },
  ): { status: number; body: string } {
    const file = files.get(fileId);
    if (!file || file.completed) return { status: 404, body: 'file not found' };
    const bytes = uploadedBytes(raw, headers.contentType);
    if (!bytes) return { status: 400, body: 'malformed multipart body' };
    if (bytes.length !== file.length)
      return { status: 400, body: `length mismatch: declared ${file.length}, received ${bytes.length}` };
    file.bytes = Buffer.from(bytes);
    file.uploadAuthorization = headers.authorization;
    return { status: 200, body: `OK - ${bytes.length}` };
  }

  const fileObject = (f: EmulatedSlackFile, at: number): StoredSlackFile => ({
    id: f.id,
    created: at,
    timestamp: at,
    name: f.name,
    title: f.title ?? f.name,
    mimetype: MIME_TYPES[extensionOf(f.name)] ?? 'application/octet-stream',
    filetype: extensionOf(f.name) || 'binary',
    user: deps.bot.userId,
    size: f.length,
    mode: 'hosted',
    is_external: false,
    url_private: `${deps.baseUrl()}/files/${f.id}/${encodeURIComponent(f.name)}`,
  });

  function complete(args: Args, missingChannels: ReadonlySet<string>): Answer {
    const list = Array.isArray(args.files) ? (args.files as { id?: unknown; title?: unknown }[]) : [];
    if (!list.length || list.some((f) => typeof f?.id !== 'string')) return { ok: false, error: 'invalid_arguments' };
    const chosen = list.map((f) => ({ file: files.get(f.id as string), title: str(f.title) }));
    if (chosen.some(({ file }) => !file?.bytes || file.completed)) return { ok: false, error: 'file_not_found' };
    const channel = str(args.channel_id) ?? str(args.channels);
    const threadTs = str(args.thread_ts);
    if (threadTs && !channel) return { ok: false, error: 'invalid_arguments' };
    // A channel the bot cannot see, or a user id (a person's DM is shared in its D… channel, not by the user's id).
    if (channel && (missingChannels.has(channel) || /^[UW]/.test(channel)))
      return { ok: false, error: 'channel_not_found' };
    if (channel && threadTs) {
      const parent = deps.store.find(channel, threadTs);
      if (!parent || (parent.thread_ts !== undefined && parent.thread_ts !== parent.ts))
        return { ok: false, error: 'invalid_thread_ts' };
    }
    const at = Math.floor(Date.now() / 1000);
    const done = chosen.map(({ file, title }) => {
      const f = file as EmulatedSlackFile;
      f.completed = true;
      f.title = title ?? f.name;
      return f;
    });
    if (channel) {
      const share = deps.store.add({
        channel,
        text: '',
        user: deps.bot.userId,
        bot_id: deps.bot.botId,
        thread_ts: threadTs,
        upload: true,
        files: done.map((f) => fileObject(f, at)),
      });
      for (const f of done) Object.assign(f, { channel, threadTs, shareTs: share.ts });
    }
    return { ok: true, files: done.map((f) => ({ id: f.id, title: f.title })) };
  }

  return {
    getUploadURL,
    receive,
    complete,
    /** Every file reserved so far, in order (with the bytes that arrived and where each was shared). */
    list: (): EmulatedSlackFile[] => [...files.values()],
    /** The files shared in a channel (optionally one thread), in order. */
    sharedIn: (channel: string, threadTs?: string): EmulatedSlackFile[] =>
      [...files.values()].filter((f) => f.shareTs && f.channel === channel && (!threadTs || f.threadTs === threadTs)),
  };
}

export type SlackFiles = ReturnType<typeof createSlackFiles>;
