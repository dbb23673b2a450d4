import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackEmulator } from './create-slack-emulator.js';
import type { SlackEmulator } from './create-slack-emulator.js';

let emulator: SlackEmulator;
let client: InstanceType<typeof webApi.WebClient>;
beforeEach(async () => {
  emulator = await createSlackEmulator();
  client = new webApi.WebClient('xoxb-test-token', {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
});
afterEach(async () => {
  await emulator.close();
});

/** The Slack error of a rejected call (`ok:false`), or 'ok'. */
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => 'ok',
    (e: { data?: { error?: string } }) => e.data?.error ?? String(e),
  );
/** A file reserved and its bytes posted (raw, as curl --data-binary would) but not completed. */
async function uploaded(name = 'a.txt', bytes = Buffer.from('hello')) {
  const url = await client.files.getUploadURLExternal({ filename: name, length: bytes.length });
  const res = await fetch(url.upload_url as string, { method: 'POST', body: bytes });
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(`OK - ${bytes.length}`);
  return url.file_id as string;
}

describe('Slack emulator: external file uploads', () => {
  it('validates files.getUploadURLExternal as Slack does, and returns a loopback upload_url', async () => {
    expect(await outcome(client.apiCall('files.getUploadURLExternal', { length: 5 }))).toBe('invalid_arguments');
    expect(await outcome(client.files.getUploadURLExternal({ filename: 'a.txt', length: 0 }))).toBe('missing_argument');
    expect(await outcome(client.apiCall('files.getUploadURLExternal', { filename: 'a.txt', length: 'x' }))).toBe(
      'invalid_arguments',
    );
    const ok = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 5 });
    expect(ok.upload_url).toBe(`${emulator.url}/upload/v1/${ok.file_id}`);
  });

  it('takes the bytes as web-api posts them, and refuses a wrong length or an unknown file', async () => {
    const bytes = Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]); // binary, with CRLF and dashes inside
    await client.filesUploadV2({ channel_id: 'C_ACME', file: bytes, filename: 'blob.bin' });
    expect(emulator.files.bytes('blob.bin')?.equals(bytes)).toBe(true);

    const url = await client.files.getUploadURLExternal({ filename: 'b.txt', length: 10 });
    expect((await fetch(url.upload_url as string, { method: 'POST', body: 'short' })).status).toBe(400);
    expect((await fetch(`${emulator.url}/upload/v1/F_NOPE`, { method: 'POST', body: 'x' })).status).toBe(404);
  });

  it('completes an upload once, into a channel or thread it can see, and shows the share in replies', async () => {
    const root = emulator.store.add({ channel: 'C_ACME', user: 'U_A1', text: 'root' });
    const reply = emulator.store.add({ channel: 'C_ACME', user: 'U_A1', text: 'reply', thread_ts: root.ts });
    emulator.removeChannel('C_GONE');
    const complete = (id: string, where: Record<string, string>) =>
      outcome(client.apiCall('files.completeUploadExternal', { files: [{ id, title: 'A' }], ...where }));

    const id = await uploaded();
    expect(await complete('F_NOPE', { channel_id: 'C_ACME' })).toBe('file_not_found');
    expect(await complete(id, { channel_id: 'C_GONE' })).toBe('channel_not_found');
    expect(await complete(id, { channel_id: 'U_A1' })).toBe('channel_not_found');
    expect(await complete(id, { channel_id: 'C_ACME', thread_ts: reply.ts })).toBe('invalid_thread_ts');
    expect(await complete(id, { channel_id: 'C_ACME', thread_ts: '1.000001' })).toBe('invalid_thread_ts');
    const reserved = (await client.files.getUploadURLExternal({ filename: 'c.txt', length: 1 })).file_id as string;
    expect(await complete(reserved, { channel_id: 'C_ACME' })).toBe('file_not_found'); // no bytes yet

    expect(await complete(id, { channel_id: 'C_ACME', thread_ts: root.ts })).toBe('ok');
    expect(await complete(id, { channel_id: 'C_ACME', thread_ts: root.ts })).toBe('file_not_found'); // once
    const thread = await client.conversations.replies({ channel: 'C_ACME', ts: root.ts });
    const share = thread.messages?.at(-1);
    expect(share?.files?.map((f) => [f.id, f.name, f.title, f.size, f.user])).toEqual([[id, 'a.txt', 'A', 5, 'U_BOT']]);

    const private_ = await uploaded('p.txt');
    expect(await complete(private_, {})).toBe('ok');
    const kept = emulator.files.list().find((f) => f.id === private_);
    expect([kept?.completed, kept?.shareTs]).toEqual([true, undefined]); // no channel: a private file, not shared
  });

  it('fails the next upload on request, at the step asked for', async () => {
    emulator.failNextUpload();
    const first = await outcome(client.filesUploadV2({ channel_id: 'C_ACME', content: 'x', filename: 'x.txt' }));
    expect(first).toContain('500');
    emulator.failNextUpload({ step: 'files.completeUploadExternal', status: 503, landed: true });
    const second = await outcome(client.filesUploadV2({ channel_id: 'C_ACME', content: 'y', filename: 'y.txt' }));
    expect(second).toContain('503');
    expect(emulator.files.sharedIn('C_ACME').map((f) => f.name)).toEqual(['y.txt']); // it landed all the same
    expect(await outcome(client.filesUploadV2({ channel_id: 'C_ACME', content: 'z', filename: 'z.txt' }))).toBe('ok');
  });
});
