import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSlashCommands } from '../../bots/discord/register-slash-commands.js';
import { APPLICATION_ID, GUILD_ID, HELP_CHANNEL_ID, STAFF_ROLE_ID } from '../emulators/discord/discord-fixtures.js';
import { waitForReply } from '../emulators/discord/discord-emulator.js';
import type { InteractionRecord } from '../emulators/discord/emulator-state.js';
import { startDiscordDesk } from '../emulators/discord/start-discord-desk.js';
import type { DiscordDesk } from '../emulators/discord/start-discord-desk.js';

let desk: DiscordDesk;
beforeAll(async () => {
  desk = await startDiscordDesk();
});
afterAll(async () => {
  await desk?.dispose();
});

// biome-ignore lint/suspicious/noExplicitAny: emulator request bodies are read field by field in assertions
type Body = Record<string, any>;
const member = (n: number) => desk.discord.user(`1000000000000003${String(n).padStart(2, '0')}`, `member${n}`);
const staffByRole = () => desk.discord.user('200000000000000002', 'rolestaff');
const ticketByKey = (key: string) => desk.server.desk.store.getTicketByKey(key);
const ephemeral = (record: InteractionRecord) => desk.discord.interactionCalls(record)[0]?.body as Body;

/** `/ticket open` at the top of the help channel; returns the ticket key and its thread id. */
async function openTicket(
  author: ReturnType<typeof member>,
  summary: string,
): Promise<{ key: string; threadId: string; record: InteractionRecord }> {
  const record = desk.discord.slashCommand({
    user: author,
    name: 'ticket',
    subcommand: 'open',
    options: [{ name: 'summary', value: summary }],
  });
  const reply = await waitForReply(desk.discord, record, /SUP-\d+ opened/);
  const key = /SUP-\d+/.exec(reply.message.content)![0];
  const threadId = reply.message.id; // the thread starts from the command's public response
  await desk.discord.waitFor(
    () =>
      desk.discord.calls.find(
        (c) => c.method === 'POST' && c.path === `/channels/${threadId}/messages` && c.status === 200,
      ),
    10_000,
    'the ticket thread post',
  );
  return { key, threadId, record };
}

describe('Discord slash commands and buttons (real server, discord.js against the emulator)', () => {
  it('/ticket open acknowledges at once, then starts the thread "SUP-n: summary" from its response', async () => {
    const { key, threadId, record } = await openTicket(member(1), 'Exports stop at 10k rows');
    const calls = desk.discord.interactionCalls(record);
    expect(calls[0]).toMatchObject({ method: 'POST', path: expect.stringMatching(/\/callback$/), body: { type: 5 } }); // deferred first
    expect(
      desk.discord.calls.find((c) => c.path === `/channels/${HELP_CHANNEL_ID}/messages/${threadId}/threads`)?.body,
    ).toMatchObject({ name: `${key}: Exports stop at 10k rows` });
    const post = desk.discord.botMessagesIn(threadId)[0]!;
    expect(post.message.content).toMatch(new RegExp(`I opened ${key}.*\\n.*best effort`));
    expect(await ticketByKey(key)).toMatchObject({
      requesterId: member(1).id,
      conversation: { channelId: HELP_CHANNEL_ID, threadId },
    });
  });

  it('/ticket status shows a member only their own tickets, ephemerally', async () => {
    const a = await openTicket(member(2), 'Secret project Falcon fails to sync');
    await openTicket(member(3), 'Webhooks arrive twice');

    const own = desk.discord.slashCommand({ user: member(2), name: 'ticket', subcommand: 'status' });
    const ownReply = await waitForReply(desk.discord, own, /open tickets/);
    expect(ownReply.ephemeral).toBe(true);
    expect(ownReply.message.content).toContain(a.key);
    expect(ownReply.message.content).not.toContain('Webhooks arrive twice');

    const other = desk.discord.slashCommand({ user: member(3), name: 'ticket', subcommand: 'status' });
    const otherReply = await waitForReply(desk.discord, other, /open tickets/);
    expect(otherReply.message.content).not.toContain(a.key);
    expect(otherReply.message.content).not.toContain('Falcon');

    const peek = desk.discord.slashCommand({
      user: member(3),
      name: 'ticket',
      subcommand: 'status',
      options: [{ name: 'ticket', value: a.key }],
    });
    const peekReply = await waitForReply(desk.discord, peek);
    expect(peekReply.ephemeral).toBe(true);
    expect(peekReply.message.content).toBe(`There is no ticket ${a.key} that you can see.`);
    expect(ephemeral(peek)).toMatchObject({ type: 5, data: { flags: 64 } });
  });

  it('/ticket claim is refused to members and done for a staff role', async () => {
    const { key, threadId } = await openTicket(member(4), 'Dashboard graphs are empty');
    const refused = desk.discord.slashCommand({
      user: member(4),
      channelId: threadId,
      name: 'ticket',
      subcommand: 'claim',
    });
    expect((await waitForReply(desk.discord, refused)).message.content).toBe('Only support staff can claim tickets.');
    expect((await ticketByKey(key))!.assigneeId).toBeNull();

    const claim = desk.discord.slashCommand({
      user: staffByRole(),
      roles: [STAFF_ROLE_ID],
      channelId: threadId,
      name: 'ticket',
      subcommand: 'claim',
    });
    expect((await waitForReply(desk.discord, claim)).message.content).toBe(`You claimed ${key}.`);
    expect((await ticketByKey(key))!.assigneeId).toBe('discord:200000000000000002');
  });

  it('/ticket close: another member is refused; the requester closes, gets a 1-5 rating prompt, and the thread is archived', async () => {
    const { key, threadId } = await openTicket(member(5), 'Cannot rename a project');
    const intruder = desk.discord.slashCommand({
      user: member(6),
      name: 'ticket',
      subcommand: 'close',
      options: [{ name: 'ticket', value: key }],
    });
    expect((await waitForReply(desk.discord, intruder)).message.content).toBe(
      `There is no ticket ${key} that you can see.`,
    );
    expect((await ticketByKey(key))!.status).toBe('open');

    const close = desk.discord.slashCommand({
      user: member(5),
      channelId: threadId,
      name: 'ticket',
      subcommand: 'close',
    });
    await waitForReply(desk.discord, close, new RegExp(`${key} is closed`));
    const archive = await desk.discord.waitFor(
      () =>
        desk.discord.calls.find(
          (c) => c.method === 'PATCH' && c.path === `/channels/${threadId}` && (c.body as Body)?.archived === true,
        ),
      10_000,
      'the archive call',
    );
    expect((await ticketByKey(key))!.status).toBe('closed');

    const survey = desk.discord.calls.find(
      (c) =>
        c.method === 'POST' &&
        c.path === `/channels/${threadId}/messages` &&
        /How satisfied/.test(String((c.body as Body)?.content)),
    )!;
    expect(survey).toBeDefined();
    // Asked before archiving (a post in an archived thread would unarchive it), so the thread ends archived.
    expect(desk.discord.calls.indexOf(survey)).toBeLessThan(desk.discord.calls.indexOf(archive));
    expect(desk.discord.thread(threadId)?.thread_metadata?.archived).toBe(true);
    const buttons = ((survey.body as Body).components as Body[]).flatMap((row) => row.components as Body[]);
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [String(n), `rate.csat:${key}:${n}`]),
    );
  });

  it('stores the rating from the requester and refuses it from anyone else', async () => {
    const { key, threadId } = await openTicket(member(7), 'Search ignores accents');
    const close = desk.discord.slashCommand({
      user: member(7),
      channelId: threadId,
      name: 'ticket',
      subcommand: 'close',
    });
    await waitForReply(desk.discord, close, /closed/);
    const survey = await desk.discord.waitFor(
      () => desk.discord.botMessagesIn(threadId).find((m) => /How satisfied/.test(m.message.content)),
      10_000,
      'the survey',
    );

    const stranger = desk.discord.clickButton({
      user: member(8),
      messageId: survey.message.id,
      customId: `rate.csat:${key}:1`,
    });
    expect((await waitForReply(desk.discord, stranger)).message.content).toMatch(
      /Only the customer who opened the ticket/,
    );
    const rate = desk.discord.clickButton({
      user: member(7),
      messageId: survey.message.id,
      customId: `rate.csat:${key}:4`,
    });
    expect((await waitForReply(desk.discord, rate)).message.content).toBe(`Thanks for rating ${key} 4/5.`);
    const ticket = (await ticketByKey(key))!;
    expect(await desk.server.desk.store.listRatings(ticket.id)).toEqual([
      expect.objectContaining({ kind: 'csat', score: 4, raterId: member(7).id }),
    ]);
  });

  it('"Open a ticket" on an answer opens a thread from the question, for the person who asked only', async () => {
    const q = desk.discord.postMessage({ author: member(9), content: 'How do I install the desk?' });
    const answer = await desk.discord.waitFor(
      () => desk.discord.botMessagesIn(HELP_CHANNEL_ID).find((m) => m.message.message_reference?.message_id === q.id),
      10_000,
      'the answer',
    );
    const openId = (answer.message.components![0] as Body).components[2].custom_id as string;

    const other = desk.discord.clickButton({ user: member(10), messageId: answer.message.id, customId: openId });
    expect((await waitForReply(desk.discord, other)).message.content).toMatch(/Only the person who asked/);
    const mine = desk.discord.clickButton({ user: member(9), messageId: answer.message.id, customId: openId });
    expect((await waitForReply(desk.discord, mine)).message.content).toMatch(/Opened SUP-\d+/);
    const create = await desk.discord.waitFor(
      () =>
        desk.discord.calls.find(
          (c) => c.path === `/channels/${HELP_CHANNEL_ID}/messages/${q.id}/threads` && c.status === 201,
        ),
      10_000,
      'the thread',
    );
    expect((create.body as Body).name).toMatch(/^SUP-\d+: How do I install the desk\?$/);
    expect(await desk.server.desk.store.listTickets({ requesterId: member(10).id, platform: 'discord' })).toEqual([]);
  });

  it('/kb answers with article embeds, only to the member', async () => {
    const kb = desk.discord.slashCommand({
      user: member(11),
      name: 'kb',
      options: [{ name: 'query', value: 'install' }],
    });
    const reply = await waitForReply(desk.discord, kb, /Articles for "install"/);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.embeds.length).toBeGreaterThan(0);
    expect(reply.message.embeds[0]).toMatchObject({
      title: expect.any(String),
      url: expect.stringMatching(/^https:\/\/docs\.example\.test\/kb\//),
    });
  });

  it('/oncall says who is on call now and next', async () => {
    const oncall = desk.discord.slashCommand({ user: member(12), name: 'oncall' });
    const reply = await waitForReply(desk.discord, oncall);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(
      /^On call now: \*\*Alice Agent\*\* \(\w+ shift, until <t:\d+:f>\)\.\nNext: \*\*Alice Agent\*\*/,
    );
  });

  it('never lets a summary ping: /ticket open with @everyone and a role mention', async () => {
    const { threadId, record } = await openTicket(member(13), `@everyone <@&${STAFF_ROLE_ID}> urgent!!`);
    const [original] = desk.discord.responsesTo(record);
    expect(original!.pings).toEqual({ everyone: false, roles: [], users: [] });
    expect(original!.message.content).not.toMatch(/@everyone|<@&\d+>/);
    expect(desk.discord.thread(threadId)!.name).toContain('@\u200beveryone');
    const edits = desk.discord.interactionCalls(record).filter((c) => c.method === 'PATCH');
    for (const e of edits) expect((e.body as Body).allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('npm run discord:commands registers /ticket, /kb, /oncall and /call globally or for one guild', async () => {
    const global = await registerSlashCommands({
      token: desk.discord.token,
      applicationId: APPLICATION_ID,
      apiUrl: desk.discord.url,
    });
    expect(global).toEqual(['ticket', 'kb', 'oncall', 'call']);
    await registerSlashCommands({
      token: desk.discord.token,
      applicationId: APPLICATION_ID,
      apiUrl: desk.discord.url,
      guildId: GUILD_ID,
    });
    const puts = desk.discord.calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => c.path)).toEqual([
      `/applications/${APPLICATION_ID}/commands`,
      `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
    ]);
    const ticket = (puts[0]!.body as unknown as Body[]).find((c) => c.name === 'ticket')!;
    expect((ticket.options as Body[]).map((o) => o.name)).toEqual(['open', 'status', 'close', 'claim']);
  });

  it('every interaction was acknowledged by its first call, and every message body set allowed_mentions parse: []', () => {
    for (const record of desk.discord.state.interactions.values())
      expect(desk.discord.interactionCalls(record)[0]?.path, record.id).toMatch(/\/callback$/);
    const bodies = desk.discord.calls.filter(
      (c) =>
        (c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path)) ||
        (c.method === 'PATCH' && c.path.startsWith('/webhooks/')),
    );
    for (const c of bodies) expect((c.body as Body).allowed_mentions?.parse, c.path).toEqual([]);
    const callbacks = desk.discord.calls.filter((c) => c.path.endsWith('/callback') && (c.body as Body)?.type === 4);
    for (const c of callbacks) expect((c.body as Body).data.allowed_mentions?.parse, c.path).toEqual([]);
  });
});
