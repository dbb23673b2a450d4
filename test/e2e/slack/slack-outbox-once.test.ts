import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_ID } from '../../emulators/slack/answer-web-api-call.js';
import { startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';
import { queryDesk } from '../../support/query-desk.js';

const desks: SlackDesk[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of desks.splice(0).reverse()) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Messages the bot has in the emulated workspace: a thread's replies, or a channel's top-level posts. */
const botMessages = (s: SlackDesk, channel: string, threadTs?: string) =>
  (threadTs ? s.emulator.store.replies(channel, threadTs) : s.emulator.store.history(channel)).filter(
    (m) => m.bot_id === BOT_ID,
  );
const pending = (s: SlackDesk) => s.desk.store.pendingOutboxCount();
const posts = (s: SlackDesk) => s.emulator.calls.filter((c) => c.method === 'chat.postMessage');

describe('Slack: a reply whose post landed but whose outcome was not recorded is not posted twice', () => {
  it('when Slack posted the messages but the answers were lost, the retries find the posts instead of repeating them', async () => {
    const s = await startSlackDesk();
    desks.push(s);
    s.emulator.fail('chat.postMessage', { status: 500, times: Number.POSITIVE_INFINITY, landed: true });
    const sent = await s.deliver.userMessage({ channel: 'C_ACME', user: 'U_A1', text: 'Uploads fail with an error' });
    await s.emulator.waitFor((c) => c.method === 'chat.postMessage', { count: 2 }); // the thread reply and the staff announcement
    await s.desk.outbox.flush();
    expect(botMessages(s, 'C_ACME', sent.ts)).toHaveLength(1);
    expect(botMessages(s, 'C_STAFF')).toHaveLength(1);
    expect(await pending(s)).toBe(2); // as far as the desk knows, both failed
    const attempts = posts(s).length;

    s.emulator.recover('chat.postMessage');
    s.clock.advance(10 * 60_000);
    await s.desk.outbox.flush();
    expect(await pending(s)).toBe(0);
    expect(posts(s)).toHaveLength(attempts); // nothing posted again
    expect(botMessages(s, 'C_ACME', sent.ts)).toHaveLength(1);
    expect(botMessages(s, 'C_STAFF')).toHaveLength(1);
    const lookups = s.emulator.calls.filter(
      (c) => c.method === 'conversations.replies' || c.method === 'conversations.history',
    );
    expect(lookups.map((c) => [c.method, c.args.channel, String(c.args.include_all_metadata)]).sort()).toEqual([
      ['conversations.history', 'C_STAFF', 'true'],
      ['conversations.replies', 'C_ACME', 'true'],
    ]);
    const [row] = await queryDesk<{ sent_message_id: string }>(
      s.desk.stores,
      "SELECT sent_message_id FROM outbox WHERE conversation LIKE '%C_ACME%'",
    );
    expect(row?.sent_message_id).toBe(botMessages(s, 'C_ACME', sent.ts)[0]!.ts);
  });

  it('after a crash between the posts and their bookkeeping, the restarted desk finds the posts; a message that never landed is posted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slack-once-'));
    dirs.push(dir);
    const first = await startSlackDesk({ dir });
    desks.push(first);
    // The process "dies" right after Slack accepts each post: nothing after the post is recorded.
    first.desk.store.markOutboxSent = async () => {
      throw new Error('killed');
    };
    first.desk.store.markOutboxRetry = async () => undefined;
    const sent = await first.deliver.userMessage({
      channel: 'C_ACME',
      user: 'U_A1',
      text: 'Uploads fail with an error',
    });
    await first.emulator.waitFor((c) => c.method === 'chat.postMessage' && c.status === 200, { count: 2 });
    await first.desk.outbox.flush();
    expect(botMessages(first, 'C_ACME', sent.ts)).toHaveLength(1);
    // Both items were handed to Slack (claimed and marked attempted) and neither is recorded as sent.
    expect(
      (
        await queryDesk<{ attempted_at: number | null }>(
          first.desk.stores,
          'SELECT attempted_at FROM outbox ORDER BY id',
        )
      ).every((r) => r.attempted_at !== null),
    ).toBe(true);
    expect(await pending(first)).toBe(2);
    await first.server.dispose();
    desks.splice(desks.indexOf(first), 1);
    // The staff announcement stands for an item handed over that never reached Slack: its post loses its metadata
    // here, so no message carries its token.
    for (const m of first.emulator.store.history('C_STAFF'))
      first.emulator.store.update('C_STAFF', m.ts, { metadata: undefined });
    const attempts = posts(first).length;
    // The restarted desk sends what is due as it starts (it may finish before this test looks): flush to be sure.
    const s = await startSlackDesk({ dir, emulator: first.emulator });
    desks.push(s);

    await s.desk.outbox.flush();
    expect(await pending(s)).toBe(0);
    expect(botMessages(s, 'C_ACME', sent.ts)).toHaveLength(1); // found, not repeated
    expect(posts(s).length - attempts).toBe(1); // the staff announcement: no copy carries its token, so it is posted
  });
});
