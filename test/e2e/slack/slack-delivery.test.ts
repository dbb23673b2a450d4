import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { START, startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';

describe('Slack: replies survive Web API failures (durable outbox)', () => {
  let s: SlackDesk;
  beforeEach(async () => {
    s = await startSlackDesk();
  });
  afterEach(async () => {
    await s.close();
  });

  const postAttempts = (threadTs: string) =>
    s.emulator.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === threadTs);
  const pending = async () =>
    ((await (await fetch(`${s.server.url}/healthz`)).json()) as { pendingOutbox: number }).pendingOutbox;

  it('retries a rate-limited reply after retry-after, not before, and delivers it', async () => {
    s.emulator.fail('chat.postMessage', { status: 429, times: 1, retryAfterSec: 2 });
    const sent = await s.deliver.userMessage({ channel: 'C_ACME', user: 'U_A1', text: 'Uploads fail with an error' });
    await s.emulator.waitFor((c) => c.method === 'chat.postMessage' && c.status === 429);
    await s.desk.outbox.flush();
    expect(postAttempts(sent.ts).map((c) => c.status)).toEqual([429]);
    expect(await pending()).toBe(1);
    expect(await s.desk.store.dueOutbox(START + 1_999, 10)).toEqual([]);
    expect((await s.desk.store.dueOutbox(START + 2_000, 10)).map((i) => i.conversation.threadId)).toEqual([sent.ts]);

    s.clock.advance(1_000);
    await s.desk.outbox.flush();
    expect(postAttempts(sent.ts)).toHaveLength(1); // still waiting for retry-after

    s.clock.advance(1_000);
    await s.desk.outbox.flush();
    expect(postAttempts(sent.ts).map((c) => c.status)).toEqual([429, 200]);
    expect(visibleText(postAttempts(sent.ts)[1]!)).toContain('SUP-1');
    expect(await pending()).toBe(0);
    // A 429 means Slack posted nothing, so the retry does not look for an earlier copy first.
    expect(s.emulator.calls.filter((c) => c.method === 'conversations.replies' && c.args.ts === sent.ts)).toEqual([]);
  });

  it('keeps a reply queued through a persistent 500 and delivers it exactly once when Slack recovers', async () => {
    s.emulator.fail('chat.postMessage', { status: 500, times: Number.POSITIVE_INFINITY });
    const sent = await s.deliver.userMessage({ channel: 'C_GLOBEX', user: 'U_G1', text: 'Search returns an error' });
    expect(sent.status).toBe(200); // the event is stored and acknowledged even though Slack's API is down
    await s.emulator.waitFor(
      (c) => c.method === 'chat.postMessage' && c.status === 500 && c.args.thread_ts === sent.ts,
    );
    for (let round = 0; round < 3; round++) {
      s.clock.advance(60_000);
      await s.desk.outbox.flush();
    }
    expect(postAttempts(sent.ts).length).toBeGreaterThanOrEqual(4);
    expect(postAttempts(sent.ts).every((c) => c.status === 500)).toBe(true);
    expect(await pending()).toBe(2); // the thread reply and the staff announcement

    s.emulator.recover('chat.postMessage');
    s.clock.advance(10 * 60_000);
    await s.desk.outbox.flush();
    await s.desk.outbox.flush();
    expect(s.posts('C_GLOBEX', sent.ts)).toHaveLength(1);
    expect(s.posts('C_STAFF')).toHaveLength(1);
    expect(visibleText(s.posts('C_GLOBEX', sent.ts)[0]!)).toContain('SUP-1');
    expect(await pending()).toBe(0);
  });

  it('gives up on a channel the bot cannot post in (permanent error) without retrying forever', async () => {
    s.emulator.removeChannel('C_INITECH');
    const sent = await s.deliver.userMessage({
      channel: 'C_INITECH',
      user: 'U_I1',
      text: 'Scheduler error at midnight',
    });
    await s.emulator.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_INITECH');
    await s.desk.outbox.flush();
    s.clock.advance(60 * 60_000);
    await s.desk.outbox.flush();
    expect(postAttempts(sent.ts)).toHaveLength(1);
    expect(await pending()).toBe(0);
    expect(s.posts('C_STAFF')).toHaveLength(1); // other conversations are unaffected
  });
});
