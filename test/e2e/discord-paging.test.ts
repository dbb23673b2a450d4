import { afterEach, describe, expect, it } from 'vitest';
import type { SupportConfigInput } from '../../core/config/support-config.js';
import { pageMessage } from '../../core/escalation/sla-messages.js';
import { fixedClock } from '../../core/ports/clock.js';
import { GENERAL_CHANNEL_ID, STAFF_ROLE_ID } from '../emulators/discord/discord-fixtures.js';
import { waitForReply } from '../emulators/discord/discord-emulator.js';
import type { StoredMessage } from '../emulators/discord/emulator-state.js';
import { DISCORD_TEST_CONFIG, startDiscordDesk } from '../emulators/discord/start-discord-desk.js';
import type { DiscordDesk } from '../emulators/discord/start-discord-desk.js';

const MIN = 60_000;
const H = 60 * MIN;
const ALICE = '200000000000000001'; // staff "alice" (on call in every shift of TEST_CONFIG), by her Discord identity
const ACME_MEMBER = '100000000000000001'; // an Acme Corp (enterprise) customer's Discord account

/** Pages go out on Discord only; an enterprise breach pages whoever is on call, again every 10 minutes, 3 times. */
const PAGING_CONFIG: SupportConfigInput = {
  ...DISCORD_TEST_CONFIG,
  sla: {
    paging: { platforms: ['discord'] },
    escalation: { enterprise: [{ who: 'oncall', ackWaitMinutes: 10, repeat: 3 }] },
  },
};

// biome-ignore lint/suspicious/noExplicitAny: emulator request bodies are read field by field in assertions
type Body = Record<string, any>;
type Started = DiscordDesk & { clock: ReturnType<typeof fixedClock>; at(ms: number): Promise<void> };

const desks: DiscordDesk[] = [];
afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.dispose()));
});

/** The real server and bot against the emulator, with a desk clock the test drives; no background sweeps. */
async function start(startAt = Date.now()): Promise<Started> {
  const clock = fixedClock(startAt);
  const desk = await startDiscordDesk({ config: PAGING_CONFIG, clock, env: { SLA_SWEEP_INTERVAL_MS: '3600000' } });
  desks.push(desk);
  return {
    ...desk,
    clock,
    /** Move the clock, sweep and deliver: what the sweep interval and the outbox dispatcher do in production. */
    async at(ms: number) {
      clock.set(ms);
      await desk.server.desk.sla.sweep();
      await desk.server.desk.outbox.flush();
    },
  };
}

/** An Acme member opens a ticket with `/ticket open`; returns it with its first-response due time. */
async function openAcmeTicket(d: Started, summary: string) {
  const author = d.discord.user(ACME_MEMBER, 'acme-dev');
  const record = d.discord.slashCommand({
    user: author,
    name: 'ticket',
    subcommand: 'open',
    options: [{ name: 'summary', value: summary }],
  });
  const key = /SUP-\d+/.exec((await waitForReply(d.discord, record, /SUP-\d+ opened/)).message.content)![0];
  const ticket = (await d.server.desk.store.getTicketByKey(key))!;
  expect(ticket.tier).toBe('enterprise');
  const dueAt = (await d.server.desk.slaStore.timersOfTicket(ticket.id)).find((t) => t.kind === 'first-response')!
    .dueAt!;
  return { key, ticket, dueAt };
}

const buttonsOf = (m: StoredMessage) =>
  (m.message.components ?? []).flatMap((row) => (row as Body).components as Body[]);
const ackButton = (m: StoredMessage) => buttonsOf(m).find((b) => String(b.custom_id).startsWith('escalation.ack:'));
const pagesIn = (d: DiscordDesk, channelId: string) =>
  d.discord.botMessagesIn(channelId).filter((m) => ackButton(m) !== undefined);
const dmOpens = (d: DiscordDesk) =>
  d.discord.calls.filter((c) => c.method === 'POST' && c.path === '/users/@me/channels');
const runsOf = (d: Started, ticketId: number) => d.server.desk.slaStore.runsOfTicket(ticketId);

describe('Discord paging: SLA pages as DMs with Acknowledge, and /oncall (real server, discord.js against the emulator)', () => {
  it('delivers a breach page as a DM with Acknowledge; pressing it stops the run and marks the page', async () => {
    const d = await start();
    const { key, ticket, dueAt } = await openAcmeTicket(d, 'Importer crashes on every CSV upload');
    await d.at(dueAt);

    // The DM was opened with POST /users/@me/channels {recipient_id} and the page posted there with its buttons.
    expect(dmOpens(d).map((c) => [c.body, c.status, c.auth?.startsWith('Bot ')])).toEqual([
      [{ recipient_id: ALICE }, 200, true],
    ]);
    const dm = d.discord.dmChannelWith(ALICE)!;
    expect(d.discord.state.channels.get(dm)).toMatchObject({ type: 1, recipients: [{ id: ALICE }] });
    const [run] = await runsOf(d, ticket.id);
    expect(run).toMatchObject({ state: 'active', reason: expect.stringMatching(/^breach:first-response:/) });
    const first = pagesIn(d, dm);
    expect(first.map((m) => m.message.content)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Page, escalation step 1 of 1: ${key} \\(Acme Corp, enterprise, \\w+\\): Importer crashes.*missed its first response target`,
        ),
      ),
    ]);
    expect(buttonsOf(first[0]!).map((b) => [b.label, b.custom_id, b.style])).toEqual([
      ['Acknowledge', `escalation.ack:${run!.id}`, 1],
      ['Claim', `ticket.claim:${key}`, 2],
    ]);
    expect(first[0]!.pings).toEqual({ everyone: false, roles: [], users: [] });

    // Unacknowledged for 10 minutes: a reminder in the same DM, which is not opened again.
    await d.at(dueAt + 10 * MIN);
    const pages = pagesIn(d, dm);
    expect(pages.map((m) => m.message.content)).toEqual([
      expect.stringMatching(/step 1 of 1: /),
      expect.stringMatching(/step 1 of 1 \(reminder 1\): /),
    ]);
    expect(dmOpens(d)).toHaveLength(1);

    // Alice presses Acknowledge on the reminder, in the DM: INTERACTION_CREATE with `user`, no guild_id and no member.
    const latest = pages[1]!;
    const click = d.discord.clickButton({
      user: d.discord.user(ALICE, 'alice'),
      messageId: latest.message.id,
      customId: ackButton(latest)!.custom_id,
    });
    const reply = await waitForReply(d.discord, click, /acknowledged/);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe('You acknowledged the page; the escalation has stopped.');
    expect(d.discord.interactionCalls(click)[0]).toMatchObject({
      path: expect.stringMatching(/\/callback$/),
      body: { type: 5, data: { flags: 64 } },
    });
    const dispatched = d.discord.gatewayLog.find((e) => e.t === 'INTERACTION_CREATE' && (e.d as Body).id === click.id)!
      .d as Body;
    expect(dispatched).toMatchObject({ channel_id: dm, user: { id: ALICE }, context: 1 });
    expect(dispatched).not.toHaveProperty('guild_id');
    expect(dispatched).not.toHaveProperty('member');

    // The page now says who acknowledged it, its Acknowledge button disabled; Claim stays.
    const edit = d.discord.calls.find(
      (c) => c.method === 'PATCH' && c.path === `/channels/${dm}/messages/${latest.message.id}`,
    );
    expect(edit).toMatchObject({ status: 200, body: { allowed_mentions: { parse: [] } } });
    expect(latest.message.content).toMatch(/\(reminder 1\).*\nAcknowledged by \*\*Alice Agent\*\* <t:\d+:f>\.$/s);
    expect(buttonsOf(latest).map((b) => [b.label, b.disabled ?? false])).toEqual([
      ['Acknowledged', true],
      ['Claim', false],
    ]);
    expect((await runsOf(d, ticket.id)).map((r) => [r.state, r.ackedBy])).toEqual([['acknowledged', 'alice']]);

    // The clock moves on: no further pages. The older page's button now answers "already".
    await d.at(dueAt + 20 * MIN);
    await d.at(dueAt + 2 * H);
    expect(pagesIn(d, dm)).toHaveLength(2);
    const again = d.discord.clickButton({
      user: d.discord.user(ALICE, 'alice'),
      messageId: pages[0]!.message.id,
      customId: ackButton(pages[0]!)!.custom_id,
    });
    expect((await waitForReply(d.discord, again, /acknowledged/i)).message.content).toBe(
      'Already acknowledged by **Alice Agent**; the escalation has stopped.',
    );
    expect(pages[0]!.message.content).toMatch(/\nAcknowledged by \*\*Alice Agent\*\*/);
  });

  it('a page in a staff channel pings the staff role; a member without it is refused ephemerally, a staff-role member acknowledges', async () => {
    const d = await start();
    const { ticket, dueAt } = await openAcmeTicket(d, 'Importer crashes on every CSV upload');
    await d.at(dueAt);
    const [run] = await runsOf(d, ticket.id);
    // What the SLA engine sends when it pages via a staff channel (core/escalation/address-staff.ts only does so on
    // Slack today): the same page with notifyStaff, through the desk's Discord ChatPlatform.
    const alice = d.server.desk.directory.staffById('alice')!;
    const message = pageMessage({
      ticket,
      run: run!,
      staff: alice,
      viaStaffChannel: true,
      customerName: 'Acme Corp',
      dueAt,
    });
    const sent = await d.server.desk.platforms
      .get('discord')!
      .send({ platform: 'discord', channelId: GENERAL_CHANNEL_ID }, message, {
        token: 'page-via-staff-channel',
        since: 0,
        retry: false,
      });
    const page = d.discord.state.messages.get(sent.messageId)!;
    expect(page.message.content).toMatch(
      new RegExp(`^<@&${STAFF_ROLE_ID}> For Alice Agent: Page, escalation step 1 of 1\\b.*: SUP-1 \\(Acme Corp`),
    );
    expect(page.pings).toEqual({ everyone: false, roles: [STAFF_ROLE_ID], users: [] });

    const member = d.discord.user('100000000000000777', 'curious-member');
    const refused = d.discord.clickButton({
      user: member,
      messageId: page.message.id,
      customId: ackButton(page)!.custom_id,
    });
    const no = await waitForReply(d.discord, refused, /staff/);
    expect(no).toMatchObject({ ephemeral: true, message: { content: 'Only support staff can acknowledge a page.' } });
    expect(d.discord.interactionCalls(refused)[0]).toMatchObject({ body: { type: 5, data: { flags: 64 } } });
    expect((await runsOf(d, ticket.id)).map((r) => r.state)).toEqual(['active']);
    expect(d.discord.calls.some((c) => c.method === 'PATCH' && c.path.endsWith(`/messages/${page.message.id}`))).toBe(
      false,
    );

    const roleStaff = d.discord.user('200000000000000002', 'rolestaff'); // not in the staff directory: staff by role
    const ok = d.discord.clickButton({
      user: roleStaff,
      roles: [STAFF_ROLE_ID],
      messageId: page.message.id,
      customId: ackButton(page)!.custom_id,
    });
    expect((await waitForReply(d.discord, ok, /acknowledged/)).message.content).toBe(
      'You acknowledged the page; the escalation has stopped.',
    );
    expect((await runsOf(d, ticket.id)).map((r) => [r.state, r.ackedBy])).toEqual([
      ['acknowledged', 'discord:200000000000000002'],
    ]);
    expect(page.message.content).toMatch(/\nAcknowledged by <@200000000000000002> <t:\d+:f>\.$/);
    expect(page.allowedMentions).toEqual({ parse: [] });
    expect(buttonsOf(page).find((b) => b.label === 'Acknowledged')?.disabled).toBe(true);

    // Alice's own DM page for the same run now answers who got there first, and nothing more is paged.
    const dm = d.discord.dmChannelWith(ALICE)!;
    const [dmPage] = pagesIn(d, dm);
    const late = d.discord.clickButton({
      user: d.discord.user(ALICE, 'alice'),
      messageId: dmPage!.message.id,
      customId: ackButton(dmPage!)!.custom_id,
    });
    expect((await waitForReply(d.discord, late, /acknowledged/i)).message.content).toBe(
      'Already acknowledged by <@200000000000000002>; the escalation has stopped.',
    );
    await d.at(dueAt + H);
    expect(pagesIn(d, dm)).toHaveLength(1);
  });

  it('/oncall shows an override set through desk.sla.oncall.setOverride, and who comes after it', async () => {
    const T0 = Date.UTC(2026, 10, 23, 9, 0, 0); // Monday 09:00 UTC, in the emea shift (08:00-16:00)
    const d = await start(T0);
    const ask = async () =>
      (
        await waitForReply(
          d.discord,
          d.discord.slashCommand({ user: d.discord.user('100000000000000778', 'member'), name: 'oncall' }),
        )
      ).message.content;
    const sec = (ms: number) => Math.floor(ms / 1000);

    expect(await ask()).toBe(
      `On call now: **Alice Agent** (emea shift, until <t:${sec(Date.UTC(2026, 10, 23, 16))}:f>).\nNext: **Alice Agent** (apac shift, from <t:${sec(Date.UTC(2026, 10, 23, 16))}:f>).`,
    );

    const set = await d.server.desk.sla.oncall.setOverride({
      actor: 'alice',
      person: 'maria',
      from: T0,
      to: T0 + 2 * H,
      reason: 'covering',
    });
    expect(set.kind).toBe('set');
    const reply = await ask();
    expect(reply).toBe(
      `On call now: **Maria Manager** (emea shift, override, until <t:${sec(T0 + 2 * H)}:f>).\nNext: **Alice Agent** (emea shift, from <t:${sec(T0 + 2 * H)}:f>).`,
    );
  });
});
