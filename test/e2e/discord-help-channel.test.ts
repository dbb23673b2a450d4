import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_CHANNEL_ID, STAFF_ROLE_ID } from '../emulators/discord/discord-fixtures.js';
import { waitForReply } from '../emulators/discord/discord-emulator.js';
import { pollUntil } from '../emulators/discord/poll-until.js';
import type { RecordedCall } from '../emulators/discord/rest-api.js';
import { startDiscordDesk } from '../emulators/discord/start-discord-desk.js';
import type { DiscordDesk } from '../emulators/discord/start-discord-desk.js';

let desk: DiscordDesk;
beforeAll(async () => {
  desk = await startDiscordDesk();
});
afterAll(async () => {
  await desk?.dispose();
});

const member = (n: number) => desk.discord.user(`1000000000000002${String(n).padStart(2, '0')}`, `member${n}`);
// biome-ignore lint/suspicious/noExplicitAny: emulator request bodies are read field by field in assertions
type Body = Record<string, any>;

/** The bot's reply in the help channel to a member's message. */
const replyCall = (questionId: string) =>
  desk.discord.waitFor(
    () =>
      desk.discord.calls.find(
        (c) =>
          c.method === 'POST' &&
          c.path === `/channels/${HELP_CHANNEL_ID}/messages` &&
          c.status === 200 &&
          (c.body as Body)?.message_reference?.message_id === questionId,
      ),
    10_000,
    `a reply to ${questionId}`,
  );
/** The thread started from a member's message, and the bot's first post in it. */
async function ticketThread(questionId: string): Promise<{ create: RecordedCall; post: RecordedCall }> {
  const create = await desk.discord.waitFor(
    () =>
      desk.discord.calls.find(
        (c) => c.path === `/channels/${HELP_CHANNEL_ID}/messages/${questionId}/threads` && c.status === 201,
      ),
    10_000,
    `a thread from ${questionId}`,
  );
  const post = await desk.discord.waitFor(
    () =>
      desk.discord.calls.find(
        (c) => c.method === 'POST' && c.path === `/channels/${questionId}/messages` && c.status === 200,
      ),
    10_000,
    `a post in thread ${questionId}`,
  );
  return { create, post };
}
const threadCreations = (id: string) => desk.discord.calls.filter((c) => c.path.endsWith(`/messages/${id}/threads`));

describe('Discord help channel (real server, discord.js against the emulator)', () => {
  it('answers a confident question with the best article (title, short excerpt, link) and Solved it / Not helpful / Open a ticket', async () => {
    const q = desk.discord.postMessage({ author: member(1), content: 'How do I install the desk?' });
    const body = (await replyCall(q.id)).body as Body;
    const buttons = body.components[0].components as Body[];
    const articleId = String(buttons[0]!.custom_id).split(':')[1]!;
    const article = desk.server.desk.kb.get(articleId)!;
    expect(article).toBeDefined();
    expect(body.embeds[0]).toMatchObject({ title: article.title, url: `https://docs.example.test/kb/${article.path}` });
    expect(String(body.embeds[0].description).length).toBeLessThanOrEqual(300);
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ['Solved it', `kb.helpful:${articleId}`],
      ['Not helpful', `kb.not-helpful:${articleId}`],
      ['Open a ticket', `ticket.open:${articleId}`],
    ]);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(threadCreations(q.id)).toHaveLength(0);
  });

  it('stores "Solved it" and "Not helpful" votes, acknowledging each click first', async () => {
    const q = desk.discord.postMessage({ author: member(2), content: 'How do I set up the token?' });
    const body = (await replyCall(q.id)).body as Body;
    const articleId = String(body.components[0].components[0].custom_id).split(':')[1]!;
    const answer = desk.discord
      .botMessagesIn(HELP_CHANNEL_ID)
      .find((m) => m.message.message_reference?.message_id === q.id)!;
    const before = (await desk.server.desk.store.articleStats()).get(articleId) ?? { helpful: 0, notHelpful: 0 };

    const solved = desk.discord.clickButton({
      user: member(2),
      messageId: answer.message.id,
      customId: `kb.helpful:${articleId}`,
    });
    await waitForReply(desk.discord, solved, /Glad it helped/);
    const notHelpful = desk.discord.clickButton({
      user: member(3),
      messageId: answer.message.id,
      customId: `kb.not-helpful:${articleId}`,
    });
    await waitForReply(desk.discord, notHelpful, /Thanks for the feedback/);

    const after = (await desk.server.desk.store.articleStats()).get(articleId)!;
    expect(after.helpful).toBe(before.helpful + 1);
    expect(after.notHelpful).toBe(before.notHelpful + 1);
    const first = desk.discord.interactionCalls(solved)[0]!;
    expect(first.path).toMatch(/\/callback$/);
    expect(first.body).toMatchObject({ type: 5, data: { flags: 64 } }); // deferred, ephemeral
  });

  it('gives greetings and thanks a short friendly answer, not a ticket', async () => {
    const q = desk.discord.postMessage({ author: member(4), content: 'thanks, that did it' });
    const body = (await replyCall(q.id)).body as Body;
    expect(body.content).toMatch(/welcome/i);
    expect(body.embeds).toEqual([]);
    expect(body.components).toEqual([]);
    expect(threadCreations(q.id)).toHaveLength(0);
  });

  it('opens a ticket thread "SUP-n: …" when unsure, saying what happens next (community: best effort, target)', async () => {
    const q = desk.discord.postMessage({ author: member(5), content: 'My widget wobbles strangely on Tuesdays' });
    const { create, post } = await ticketThread(q.id);
    expect((create.body as Body).name).toMatch(/^SUP-\d+: My widget wobbles strangely on Tuesdays$/);
    const body = post.body as Body;
    expect(body.content).toMatch(/I opened SUP-\d+/);
    expect(body.content).toMatch(/Community support is best effort; the team aims to reply within 7 d/);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const ticket = await desk.server.desk.store.findTicketForConversation({
      platform: 'discord',
      channelId: HELP_CHANNEL_ID,
      threadId: q.id,
    });
    expect(ticket).toMatchObject({ tier: 'community', status: 'open', requesterId: member(5).id });

    // The thread keeps the transcript: a message inside it joins the same ticket.
    desk.discord.postMessage({ author: member(5), channelId: q.id, content: 'It started after the last update' });
    await pollUntil(
      async () =>
        (await desk.server.desk.store.listMessages(ticket!.id)).some(
          (m) => m.text === 'It started after the last update',
        ),
      10_000,
      'the thread message in the transcript',
    );
    // A member with the staff role answering in the thread is the ticket's first response.
    desk.discord.postMessage({
      author: desk.discord.user('200000000000000002', 'rolestaff'),
      roles: [STAFF_ROLE_ID],
      channelId: q.id,
      content: 'Looking into it now',
    });
    await pollUntil(
      async () => (await desk.server.desk.store.getTicket(ticket!.id))?.firstResponseAt,
      10_000,
      'the staff first response',
    );
  });

  it('pings the staff role in the thread for a critical category, even for the community tier', async () => {
    const q = desk.discord.postMessage({ author: member(6), content: 'The API is down for everyone!' });
    const { post } = await ticketThread(q.id);
    const body = post.body as Body;
    expect(body.content).toMatch(new RegExp(`^<@&${STAFF_ROLE_ID}> `));
    expect(body.content).toMatch(/support team has been alerted/);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [STAFF_ROLE_ID], replied_user: false });
    const inThread = desk.discord.botMessagesIn(q.id);
    expect(inThread[0]!.pings).toEqual({ everyone: false, roles: [STAFF_ROLE_ID], users: [] });
  });

  it('opens no second ticket when the gateway replays a MESSAGE_CREATE', async () => {
    const author = member(7);
    const q = desk.discord.postMessage({ author, content: 'Something odd happens with my account page' });
    await ticketThread(q.id);
    desk.discord.replay(q);
    // Same conversation, so the engine handles this after the replay: once it is in the transcript, the replay was seen.
    desk.discord.postMessage({ author, channelId: q.id, content: 'any news?' });
    const ticket = (await desk.server.desk.store.findTicketForConversation({
      platform: 'discord',
      channelId: HELP_CHANNEL_ID,
      threadId: q.id,
    }))!;
    await pollUntil(
      async () => (await desk.server.desk.store.listMessages(ticket.id)).some((m) => m.text === 'any news?'),
      10_000,
      'the follow-up in the transcript',
    );
    expect((await desk.server.desk.store.listMessages(ticket.id)).map((m) => m.text)).toEqual([
      'Something odd happens with my account page',
      'any news?',
    ]);
    expect(await desk.server.desk.store.listTickets({ requesterId: author.id, platform: 'discord' })).toHaveLength(1);
    expect(threadCreations(q.id)).toHaveLength(1);
    expect(desk.discord.botMessagesIn(q.id)).toHaveLength(1);
  });

  it('never lets mention injection ping: @everyone, @here, role and user mentions stay text', async () => {
    const q = desk.discord.postMessage({
      author: member(8),
      content: `@everyone @here <@&${STAFF_ROLE_ID}> <@100000000000000299> my gizmo is weird`,
    });
    const { create, post } = await ticketThread(q.id);
    const name = String((create.body as Body).name);
    expect(name).not.toMatch(/@everyone|@here|<@&\d+>|<@\d+>/);
    expect(name).toContain('@\u200beveryone');
    expect((post.body as Body).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(desk.discord.botMessagesIn(q.id).map((m) => m.pings)).toEqual([{ everyone: false, roles: [], users: [] }]);
  });

  it('ignores other bots and its own echoed messages', async () => {
    const otherBot = desk.discord.user('800000000000000001', 'otherbot', true);
    const fromBot = desk.discord.postMessage({ author: otherBot, content: 'My app crashes, help me' });
    // Ignoring is decided when the dispatch arrives; once a later member's answer is out, the bot message was seen.
    const q = desk.discord.postMessage({ author: member(9), content: 'How do I install the desk?' });
    await replyCall(q.id);
    expect(
      desk.discord.calls.filter(
        (c) => JSON.stringify(c.body ?? {}).includes(fromBot.id) || c.path.includes(fromBot.id),
      ),
    ).toEqual([]);
    expect(await desk.server.desk.store.hasEvent('discord', fromBot.id)).toBe(false);
    const own = desk.discord.botMessagesIn(HELP_CHANNEL_ID);
    expect(own.length).toBeGreaterThan(0);
    for (const m of own) expect(await desk.server.desk.store.hasEvent('discord', m.message.id)).toBe(false);
  });

  it('set allowed_mentions with parse: [] on every message it sent', () => {
    const sent = desk.discord.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));
    expect(sent.length).toBeGreaterThan(5);
    for (const c of sent) expect((c.body as Body).allowed_mentions?.parse, c.path).toEqual([]);
  });
});
