import type { App } from '@slack/bolt';
import { DeliveryError } from '../../core/index.js';
import type { OutboundMessage } from '../../core/index.js';
import { deliveryErrorFromSlack, slackErrorDetail } from './delivery-error-from-slack.js';
import { OUTBOX_EVENT_TYPE } from './find-posted-copy.js';

type Attachment = NonNullable<OutboundMessage['attachments']>[number];
export type SlackFileClient = Pick<App['client'], 'filesUploadV2' | 'conversations'>;

/** Where a message's files go: the channel it was posted in (a D… channel for a person) and its thread, if any. */
export interface FileTarget {
  channel: string;
  threadTs?: string | undefined;
}

/** Slack's answers to an upload that no retry can fix (besides delivery-error-from-slack's permanent ones). */
const PERMANENT_FILE_ERRORS = new Set([
  'file_uploads_disabled',
  'file_uploads_except_images_disabled',
  'file_type_not_allowed',
  'file_upload_size_restricted',
  'missing_argument',
]);
/** web-api's own refusals of the arguments (a programming error, not Slack's state). */
const PERMANENT_SDK_CODES = new Set([
  'slack_webapi_file_upload_invalid_args_error',
  'slack_webapi_file_upload_read_file_data_error',
]);
const PAGE = 200;
const MAX_PAGES = 5;

/**
 * Upload `attachments` and share them in `target` with web-api's files.uploadV2 (files.getUploadURLExternal per
 * file, a POST of its bytes to the `upload_url` Slack returns, then one files.completeUploadExternal with
 * `channel_id`, `thread_ts` and each file's title), so they appear right below the message as one file share.
 * Slack names the type from the filename's extension (`.ics`: a calendar file); `contentType` has no field there.
 * Failures are DeliveryErrors for a message already posted (see `uploadFailure`).
 */
export async function uploadSlackFiles(
  client: SlackFileClient,
  target: FileTarget,
  attachments: readonly Attachment[],
): Promise<void> {
  if (!attachments.length) return;
  const file_uploads = attachments.map((a) => ({
    file: Buffer.from(a.content, 'utf8'),
    filename: a.filename,
    title: a.filename,
  }));
  try {
    await client.filesUploadV2(
      target.threadTs
        ? { channel_id: target.channel, thread_ts: target.threadTs, file_uploads }
        : { channel_id: target.channel, file_uploads },
    );
  } catch (err) {
    throw uploadFailure(err);
  }
}

/**
 * An upload failure after its message was posted. It never carries `retryAfterMs`: the outbox takes a rate limit
 * for "nothing landed" and would send the next attempt without `retry`, posting the message a second time; as a
 * plain failure the retry looks for the posted copy first and then uploads only what is missing. Permanent: the
 * errors delivery-error-from-slack.ts names (`missing_scope` when the app lacks `files:write`, `not_in_channel`…)
 * and Slack's refusals of the file itself; the item is then given up with the message posted and its files not,
 * which its last error says. An HTTP error of the upload POST (an expired `upload_url`) is retried: the retry asks
 * for a new URL.
 */
export function uploadFailure(err: unknown): DeliveryError {
  const failure = deliveryErrorFromSlack(err);
  const detail = slackErrorDetail(err);
  const code = (err as { code?: unknown } | null)?.code;
  const permanent =
    code === 'slack_webapi_http_error'
      ? false
      : failure.permanent || PERMANENT_FILE_ERRORS.has(detail) || PERMANENT_SDK_CODES.has(String(code));
  return new DeliveryError(`the message was posted but its files were not: ${failure.message}`, {
    permanent,
    cause: err,
  });
}

interface SharedFile {
  name?: string | undefined;
  size?: number | undefined;
  user?: string | undefined;
}
interface ConversationMessage {
  ts?: string | undefined;
  user?: string | undefined;
  files?: SharedFile[] | undefined;
  metadata?: { event_type?: string | undefined } | undefined;
}

/**
 * The attachments of the post `postTs` that are not in `target` yet: a retry that found its message posted uploads
 * only these. It reads the conversation from the post on (conversations.replies for a thread, conversations.history
 * for a channel or a DM, with `include_all_metadata`) and counts an attachment as delivered when a message after
 * the post and before the next outbox post there (our upload follows our post at once; a later outbox message's
 * files are not ours) shares a file of the same name and size, uploaded by the post's author (the bot). Slack
 * shares a completed upload within moments, well inside the outbox's first retry delay. Needs only the history
 * scopes the copy lookup already uses (no `files:read`). A lookup Slack refuses for good counts nothing as
 * delivered (the files are uploaded again: at least once); a transient failure is thrown to be retried.
 */
export async function attachmentsNotShared(
  client: Pick<SlackFileClient, 'conversations'>,
  target: FileTarget,
  postTs: string,
  attachments: readonly Attachment[],
): Promise<Attachment[]> {
  let messages: ConversationMessage[];
  try {
    messages = await messagesSince(client, target, postTs);
  } catch (err) {
    const failure = deliveryErrorFromSlack(err);
    if (failure.permanent) return [...attachments];
    throw new DeliveryError(failure.message, { cause: err });
  }
  const after = messages.filter((m) => Number(m.ts) >= Number(postTs)).sort((a, b) => Number(a.ts) - Number(b.ts));
  const author = after.find((m) => m.ts === postTs)?.user;
  const shared: SharedFile[] = [];
  for (const m of after) {
    if (m.ts === postTs) continue;
    if (m.metadata?.event_type === OUTBOX_EVENT_TYPE) break;
    for (const f of m.files ?? []) if (!author || !f.user || f.user === author) shared.push(f);
  }
  return attachments.filter((a) => {
    const size = Buffer.byteLength(a.content, 'utf8');
    const i = shared.findIndex((f) => f.name === a.filename && (f.size === undefined || f.size === size));
    if (i === -1) return true;
    shared.splice(i, 1);
    return false;
  });
}

async function messagesSince(
  client: Pick<SlackFileClient, 'conversations'>,
  target: FileTarget,
  postTs: string,
): Promise<ConversationMessage[]> {
  const found: ConversationMessage[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const common = {
      channel: target.channel,
      oldest: postTs,
      inclusive: true,
      include_all_metadata: true,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    };
    const answer = target.threadTs
      ? await client.conversations.replies({ ...common, ts: target.threadTs })
      : await client.conversations.history(common);
    found.push(...((answer.messages ?? []) as ConversationMessage[]));
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) break;
  }
  return found;
}
