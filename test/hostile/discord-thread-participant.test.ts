import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_CHANNEL_ID } from '../emulators/discord/discord-fixtures.js';
import { pollUntil } from '../emulators/discord/poll-until.js';
import { startDiscordDesk } from '../emulators/discord/start-discord-desk.js';
import type { DiscordDesk } from '../emulators/discord/start-discord-desk.js';

let desk: DiscordDesk;
beforeAll(async () => {
  desk = await startDiscordDesk();
});
afterAll(async () => {
  await desk?.dispose();
});

describe("Discord: another member in a customer's ticket thread (real server, discord.js against the emulator)", () => {
  it('joins the transcript as a participant and never raises the ticket; the customer still can', async () => {
    const customer = desk.discord.user('100000000000000001', 'acme-casey'); // Acme (enterprise) in TEST_CONFIG
    const stranger = desk.discord.user('100000000000000277', 'passer-by');
    const q = desk.discord.postMessage({ author: customer, content: 'The export crashes with an error every time' });
    const ticketOf = () =>
      desk.server.desk.store.findTicketForConversation({
        platform: 'discord',
        channelId: HELP_CHANNEL_ID,
        threadId: q.id,
      });
    await pollUntil(async () => (await ticketOf()) !== null, 10_000, 'the ticket');
    // The bot opens the ticket's thread from the question; people then write in it.
    await desk.discord.waitFor(
      () =>
        desk.discord.calls.find(
          (c) => c.path === `/channels/${HELP_CHANNEL_ID}/messages/${q.id}/threads` && c.status === 201,
        ),
      10_000,
      'the thread',
    );
    const opened = (await ticketOf())!;
    expect(opened).toMatchObject({ tier: 'enterprise', customerId: 'acme', priority: 'high' });

    desk.discord.postMessage({
      author: stranger,
      channelId: q.id,
      content: 'The API is down for everyone, total outage!',
    });
    await pollUntil(
      async () => (await desk.server.desk.store.listMessages(opened.id)).some((m) => m.authorId === stranger.id),
      10_000,
      "the stranger's message",
    );
    expect(await ticketOf()).toMatchObject({ priority: 'high', status: 'open' });
    expect((await desk.server.desk.store.listMessages(opened.id)).map((m) => [m.authorId, m.role])).toEqual([
      [customer.id, 'customer'],
      [stranger.id, 'participant'],
    ]);
    expect(
      await desk.server.desk.store
        .dueOutbox(Number.MAX_SAFE_INTEGER, 100)
        .then((items) => items.filter((i) => i.dedupeKey.startsWith('critical-'))),
    ).toEqual([]);

    desk.discord.postMessage({
      author: customer,
      channelId: q.id,
      content: 'Now the API is down for all our users, outage',
    });
    await pollUntil(async () => (await ticketOf())?.priority === 'critical', 10_000, 'the raise by the customer');
  });
});
