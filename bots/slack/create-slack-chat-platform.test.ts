import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_ID } from '../../test/emulators/slack/answer-web-api-call.js';
import { createSlackEmulator } from '../../test/emulators/slack/create-slack-emulator.js';
import type { SlackEmulator } from '../../test/emulators/slack/create-slack-emulator.js';
import { DeliveryError } from '../../core/index.js';
import type { ChatPlatform, DeliveryAttempt, OutboundMessage } from '../../core/index.js';
import { createSlackChatPlatform } from './create-slack-chat-platform.js';
import { uploadFailure } from './upload-slack-files.js';

/** A calendar invitation as the call scheduler attaches it: CRLF lines and non-ASCII text, so bytes must be exact. */
const ICS = [
  'BEGIN:VCALENDAR',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:call-7@support.example.test',
  'SUMMARY:Vidéo call CALL-7 – Zoë ✓',
  'DTSTART:20260305T150000Z',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');
const invite = { filename: 'call-7.ics', contentType: 'text/calendar; method=REQUEST; charset=utf-8', content: ICS };
const booked: OutboundMessage = { text: 'Video call CALL-7 booked: 5 March, 15:00.', attachments: [invite] };

let emulator: SlackEmulator;
let platform: ChatPlatform;
beforeEach(async () => {
  emulator = await createSlackEmulator();
  // As runtime/platforms/slack.ts configures it: no retries inside the client, rate limits rejected at once.
  const client = new webApi.WebClient('xoxb-test-token', {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
  platform = createSlackChatPlatform({ client });
});
afterEach(async () => {
  await emulator.close();
});

let seq = 0;
const attempt = (retry = false, token = `tok_${String(++seq).padStart(18, '0')}`): DeliveryAttempt => ({
  token,
  since: Date.now() - 60_000,
  retry,
});
const calls = (method: string) => emulator.calls.filter((c) => c.method === method);
const botPosts = (channel: string, threadTs?: string) =>
  (threadTs ? emulator.store.replies(channel, threadTs) : emulator.store.history(channel)).filter(
    (m) => m.bot_id === BOT_ID && !m.files,
  );
const thread = () => emulator.store.add({ channel: 'C_ACME', user: 'U_A1', text: 'Can we talk on a call?' }).ts;

describe('Slack: a message’s attachments are uploaded as files in its conversation', () => {
  it('shares the file in the channel thread right after the message, with its bytes exactly', async () => {
    const root = thread();
    const sent = await platform.send({ platform: 'slack', channelId: 'C_ACME', threadId: root }, booked, attempt());

    const [url] = calls('files.getUploadURLExternal');
    expect(url?.args).toMatchObject({ filename: 'call-7.ics', length: String(Buffer.byteLength(ICS, 'utf8')) });
    const [upload] = calls('upload_url');
    expect(upload?.status).toBe(200);
    expect(upload?.authorization).toBe('Bearer xoxb-test-token');
    expect(String(upload?.args.content_type)).toMatch(/^multipart\/form-data; boundary=/);
    const [complete] = calls('files.completeUploadExternal');
    expect(complete?.args).toMatchObject({ channel_id: 'C_ACME', thread_ts: root });
    expect(complete?.args.files).toEqual([{ id: upload?.args.file_id, title: 'call-7.ics' }]);

    const bytes = emulator.files.bytes('call-7.ics');
    expect(bytes?.equals(Buffer.from(ICS, 'utf8'))).toBe(true);
    // The thread as people (and conversations.replies) see it: the question, the message, then the file.
    const seen = emulator.store.replies('C_ACME', root);
    expect(seen.map((m) => (m.files ? `file:${m.files.map((f) => f.name).join(',')}` : m.text))).toEqual([
      'Can we talk on a call?',
      expect.stringContaining('CALL-7 booked'),
      'file:call-7.ics',
    ]);
    expect(seen[1]?.ts).toBe(sent.messageId);
    expect(seen[2]?.files?.[0]).toMatchObject({ mimetype: 'text/calendar', size: bytes?.length, user: 'U_BOT' });
  });

  it('shares a top-level message’s files in the channel, several in one share', async () => {
    const agenda = { filename: 'agenda.txt', contentType: 'text/plain', content: 'Agenda\n1. Uploads\n' };
    await platform.send(
      { platform: 'slack', channelId: 'C_STAFF' },
      { ...booked, attachments: [invite, agenda] },
      attempt(),
    );
    const [complete] = calls('files.completeUploadExternal');
    expect(complete?.args.channel_id).toBe('C_STAFF');
    expect(complete?.args.thread_ts).toBeUndefined();
    expect(emulator.files.sharedIn('C_STAFF').map((f) => f.name)).toEqual(['call-7.ics', 'agenda.txt']);
    expect(emulator.files.bytes('agenda.txt')?.toString('utf8')).toBe(agenda.content);
  });

  it('shares a person’s files in the DM channel the post returned', async () => {
    const sent = await platform.send({ platform: 'slack', channelId: 'dm:U_ZOE' }, booked, attempt());
    expect(calls('chat.postMessage')[0]?.args.channel).toBe('U_ZOE');
    expect(sent.conversation?.channelId).toBe('DU_ZOE');
    const [complete] = calls('files.completeUploadExternal');
    expect(complete?.args.channel_id).toBe('DU_ZOE');
    expect(complete?.args.thread_ts).toBeUndefined();
    expect(emulator.files.sharedIn('DU_ZOE').map((f) => f.name)).toEqual(['call-7.ics']);
    expect(emulator.files.bytes('call-7.ics')?.equals(Buffer.from(ICS, 'utf8'))).toBe(true);
  });
});

describe('Slack: attachments and the outbox’s retries', () => {
  it('an upload that failed after the post is a retriable error; the retry uploads the file, not the message', async () => {
    const root = thread();
    const where = { platform: 'slack' as const, channelId: 'C_ACME', threadId: root };
    const first = attempt();
    emulator.failNextUpload(); // the POST of the bytes answers 500
    const failed = await platform.send(where, booked, first).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect((failed as DeliveryError).permanent).toBe(false);
    expect((failed as DeliveryError).retryAfterMs).toBeUndefined();
    expect((failed as DeliveryError).message).toContain('the message was posted but its files were not');
    expect(botPosts('C_ACME', root)).toHaveLength(1);
    expect(emulator.files.sharedIn('C_ACME', root)).toEqual([]);

    const retried = await platform.send(where, booked, { ...first, retry: true });
    expect(calls('chat.postMessage')).toHaveLength(1); // the copy was found, not posted again
    expect(retried.messageId).toBe(botPosts('C_ACME', root)[0]?.ts);
    expect(emulator.files.sharedIn('C_ACME', root).map((f) => f.name)).toEqual(['call-7.ics']);
    expect(emulator.files.bytes('call-7.ics')?.equals(Buffer.from(ICS, 'utf8'))).toBe(true);
    // Both lookups read the thread with metadata: the copy by its token, then the files after it.
    const lookups = calls('conversations.replies').map((c) => [c.args.channel, c.args.ts, c.args.include_all_metadata]);
    expect(lookups).toEqual([
      ['C_ACME', root, 'true'],
      ['C_ACME', root, 'true'],
    ]);
  });

  it('a retry after a lost answer finds both the message and its file, and uploads nothing again', async () => {
    const root = thread();
    const where = { platform: 'slack' as const, channelId: 'C_ACME', threadId: root };
    const first = attempt();
    // Slack shares the file, but the answer to files.completeUploadExternal never comes back.
    emulator.failNextUpload({ step: 'files.completeUploadExternal', landed: true });
    await expect(platform.send(where, booked, first)).rejects.toBeInstanceOf(DeliveryError);
    expect(emulator.files.sharedIn('C_ACME', root)).toHaveLength(1);
    const uploadsBefore = calls('files.getUploadURLExternal').length;

    await platform.send(where, booked, { ...first, retry: true });
    expect(calls('chat.postMessage')).toHaveLength(1);
    expect(calls('files.getUploadURLExternal')).toHaveLength(uploadsBefore);
    expect(emulator.files.sharedIn('C_ACME', root)).toHaveLength(1);
  });

  it('a file of the same name shared for a later message does not count as this message’s', async () => {
    const root = thread();
    const where = { platform: 'slack' as const, channelId: 'C_ACME', threadId: root };
    const first = attempt();
    emulator.failNextUpload();
    await expect(platform.send(where, booked, first)).rejects.toBeInstanceOf(DeliveryError);
    // A rescheduled invitation (same file name) is posted in the thread before the first item's retry.
    await platform.send(where, { text: 'Video call CALL-7 moved.', attachments: [invite] }, attempt());
    await platform.send(where, booked, { ...first, retry: true });
    expect(botPosts('C_ACME', root)).toHaveLength(2);
    expect(emulator.files.sharedIn('C_ACME', root).map((f) => f.name)).toEqual(['call-7.ics', 'call-7.ics']);
  });

  it('a rate-limited upload is not reported as a rate limit, so the retry looks for the posted message', async () => {
    emulator.failNextUpload({ step: 'files.getUploadURLExternal', status: 429 });
    const first = attempt();
    const failed = await platform.send({ platform: 'slack', channelId: 'dm:U_ZOE' }, booked, first).catch((e) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect((failed as DeliveryError).retryAfterMs).toBeUndefined();
    expect((failed as DeliveryError).permanent).toBe(false);

    // The retry of a person's message: the copy is found in the DM, and the file goes to that DM channel.
    await platform.send({ platform: 'slack', channelId: 'dm:U_ZOE' }, booked, { ...first, retry: true });
    expect(calls('chat.postMessage')).toHaveLength(1);
    expect(calls('files.completeUploadExternal').at(-1)?.args.channel_id).toBe('DU_ZOE');
    expect(emulator.files.sharedIn('DU_ZOE')).toHaveLength(1);
  });

  it('Slack refusing the upload for good (a missing files:write) gives the item up; an HTTP error is retried', () => {
    const platformError = (error: string) => ({ code: 'slack_webapi_platform_error', data: { ok: false, error } });
    expect(uploadFailure(platformError('missing_scope')).permanent).toBe(true);
    expect(uploadFailure(platformError('file_uploads_disabled')).permanent).toBe(true);
    expect(uploadFailure(platformError('internal_error')).permanent).toBe(false);
    expect(uploadFailure({ code: 'slack_webapi_http_error', statusCode: 404 }).permanent).toBe(false);
    const limited = uploadFailure({ code: 'slack_webapi_rate_limited_error', retryAfter: 30 });
    expect([limited.permanent, limited.retryAfterMs]).toEqual([false, undefined]);
  });
});
