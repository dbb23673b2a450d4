import type { ServerResponse } from 'node:http';
import type { APIAttachment } from 'discord.js';
import type { UploadedFile } from './parse-multipart.js';

/** A file the emulated Discord holds, served at its attachment's `url`; tests read `bytes` to check them exactly. */
export interface StoredAttachment {
  id: string;
  channelId: string;
  messageId: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** Discord's limits for a bot's message without boosts: 10 files, 10 MiB each. */
export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type AttachmentsResult =
  | { ok: true; attachments: APIAttachment[]; files: StoredAttachment[] }
  | { ok: false; status: number; code: number; message: string };

interface PartialAttachment {
  id?: unknown;
  filename?: unknown;
  description?: unknown;
  title?: unknown;
}

/**
 * Discord keeps a sanitized filename (whitespace to `_`, characters outside letters, digits, `.`, `_` and `-`
 * dropped) and, when that changed it, the original in `title`.
 */
export function sanitizeFilename(name: string): string {
  const cleaned = name.replace(/\s+/g, '_').replace(/[^A-Za-z0-9._-]/g, '');
  return cleaned.replace(/^\.+/, '') || 'unknown';
}

/**
 * The attachment objects of a created message, from the uploaded `files[n]` and `payload_json.attachments` (which
 * names each placeholder `n` and may give it another filename and a description). Every uploaded file is attached,
 * in upload order; an `attachments` entry that names no uploaded file, more than 10 files, or a file over 10 MiB is
 * refused as Discord refuses it. `url` points at the emulator, which serves the bytes there.
 */
export function attachmentsFor(
  files: readonly UploadedFile[],
  body: Record<string, unknown>,
  where: { channelId: string; messageId: string; nextId(): string; baseUrl: string },
): AttachmentsResult {
  const declared = Array.isArray(body.attachments) ? (body.attachments as PartialAttachment[]) : [];
  if (files.length > MAX_FILES)
    return { ok: false, status: 400, code: 50035, message: `Invalid Form Body: files: Must be ${MAX_FILES} or fewer` };
  const byPlaceholder = new Map(files.map((f) => [f.placeholder, f]));
  for (const entry of declared)
    if (!byPlaceholder.has(String(entry.id)))
      return {
        ok: false,
        status: 400,
        code: 50035,
        message: `Invalid Form Body: attachments: no uploaded file files[${String(entry.id)}]`,
      };
  const attachments: APIAttachment[] = [];
  const stored: StoredAttachment[] = [];
  for (const file of files) {
    if (file.bytes.length > MAX_FILE_BYTES)
      return { ok: false, status: 413, code: 40005, message: 'Request entity too large' };
    const entry = declared.find((d) => String(d.id) === file.placeholder);
    const original = typeof entry?.filename === 'string' && entry.filename ? entry.filename : file.filename;
    const filename = sanitizeFilename(original);
    const id = where.nextId();
    const url = `${where.baseUrl}/attachments/${where.channelId}/${id}/${encodeURIComponent(filename)}`;
    attachments.push({
      id,
      filename,
      ...(filename !== original ? { title: original } : {}),
      ...(typeof entry?.description === 'string' ? { description: entry.description } : {}),
      content_type: file.contentType,
      size: file.bytes.length,
      url,
      proxy_url: url,
    });
    stored.push({
      id,
      channelId: where.channelId,
      messageId: where.messageId,
      filename,
      contentType: file.contentType,
      bytes: file.bytes,
    });
  }
  return { ok: true, attachments, files: stored };
}

/** `GET /attachments/:channel/:id/:filename`: the bytes of an attachment, as the CDN serves them (no auth). */
export function serveAttachment(
  stored: ReadonlyMap<string, StoredAttachment>,
  rawPath: string,
  res: ServerResponse,
): void {
  const [, channelId, id, name] = /^\/attachments\/(\d+)\/(\d+)\/([^/]+)$/.exec(rawPath) ?? [];
  const file = id ? stored.get(id) : undefined;
  if (!file || file.channelId !== channelId || decodeURIComponent(name ?? '') !== file.filename) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404: Not Found');
    return;
  }
  res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) });
  res.end(file.bytes);
}
