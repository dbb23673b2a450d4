import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_CHANNEL_ID } from '../emulators/discord/discord-fixtures.js';
import { pollUntil } from '../emulators/discord/poll-until.js';
import { startDiscordDesk } from '../emulators/discord/start-discord-desk.js';
import type { DiscordDesk } from '../emulators/discord/start-discord-desk.js';
import { queryDesk } from '../support/query-desk.js';

// biome-ignore lint/suspicious/noExplicitAny: emulator request bodies are read field by field in assertions
type Body = Record<string, any>;
const SEND = /^\/channels\/\d+\/messages$/;

describe('Discord delivery: rate limits and server errors are retried, a reply is delivered once', () => {
  let desk: DiscordDesk;
  beforeAll(async () => {
    desk = await startDiscordDesk();
  });
  afterAll(async () => {
    await desk?.dispose();
  });
  const member = (n: number) => desk.discord.user(`1000000000000004${String(n).padStart(2, '0')}`, `member${n}`);
  const outboxRow = async (questionId: string) =>
    (
      await queryDesk<{ attempts: number; lastError: string | null; sentMessageId: string | null }>(
        desk.server.desk.stores,
        'SELECT attempts, last_error AS "lastError", sent_message_id AS "sentMessageId" FROM outbox WHERE dedupe_key = ?',
        [`reply:discord:${questionId}`],
      )
    )[0]!;
  const repliesTo = (questionId: string) =>
    desk.discord.calls.filter(
      (c) => c.method === 'POST' && SEND.test(c.path) && (c.body as Body)?.message_reference?.message_id === questionId,
    );

  it('waits out a 429 (retry_after) and then sends the reply once', async () => {
    desk.discord.failNext('POST', SEND, 1, 429, 1);
    const q = desk.discord.postMessage({ author: member(1), content: 'How do I install the desk?' });
    await desk.discord.waitFor(() => repliesTo(q.id).find((c) => c.status === 200), 15_000, 'the reply after the 429');
    expect(repliesTo(q.id).map((c) => c.status)).toEqual([429, 200]);
    const [limited, sent] = repliesTo(q.id);
    expect(sent!.at - limited!.at).toBeGreaterThanOrEqual(1_000); // retry_after was honoured
    const delivered = desk.discord
      .botMessagesIn(HELP_CHANNEL_ID)
      .filter((m) => m.message.message_reference?.message_id === q.id);
    expect(delivered).toHaveLength(1);
    // The durable outbox did the waiting (a failed attempt, then the sent one), not an in-memory sleep in the REST client.
    await pollUntil(async () => (await outboxRow(q.id)).sentMessageId, 10_000, 'the outbox row marked sent');
    expect(await outboxRow(q.id)).toEqual({ attempts: 2, lastError: null, sentMessageId: delivered[0]!.message.id });
  });

  it('keeps a reply queued through a 500 that persists, then delivers it once when Discord recovers', async () => {
    desk.discord.failNext('POST', SEND, 3, 500);
    const q = desk.discord.postMessage({ author: member(2), content: 'How do I set up the token?' });
    await desk.discord.waitFor(() => repliesTo(q.id).find((c) => c.status === 200), 20_000, 'the reply after the 500s');
    expect(repliesTo(q.id).map((c) => c.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(repliesTo(q.id).map((c) => (c.body as Body).nonce)).size).toBe(1); // one logical message
    expect(
      desk.discord.botMessagesIn(HELP_CHANNEL_ID).filter((m) => m.message.message_reference?.message_id === q.id),
    ).toHaveLength(1);
    await pollUntil(async () => (await outboxRow(q.id)).sentMessageId, 10_000, 'the outbox row marked sent');
    expect((await outboxRow(q.id)).attempts).toBe(2); // one failed outbox attempt (REST tried twice), one that got through
  });
});

describe('Discord start-up with a bad token', () => {
  it('fails start with a clear error when REST answers 401', async () => {
    await expect(startDiscordDesk({ botToken: 'not.the.token' })).rejects.toThrow(
      /Discord rejected DISCORD_TOKEN \(REST 401/,
    );
  });

  it('fails start with a clear error on the fatal gateway close code 4004', async () => {
    await expect(startDiscordDesk({ refuseGatewayIdentify: true })).rejects.toThrow(
      /DISCORD_TOKEN \(gateway close code 4004/,
    );
  });
});
