import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSlashCommands } from '../../bots/discord/register-slash-commands.js';
import type { SupportConfigInput } from '../../core/config/support-config.js';
import { fixedClock } from '../../core/ports/clock.js';
import { APPLICATION_ID, HELP_CHANNEL_ID } from '../emulators/discord/discord-fixtures.js';
import { startDiscordEmulator, waitForReply } from '../emulators/discord/discord-emulator.js';
import type { DiscordEmulator } from '../emulators/discord/discord-emulator.js';
import type { InteractionRecord, StoredMessage } from '../emulators/discord/emulator-state.js';
import { DISCORD_TEST_CONFIG } from '../emulators/discord/start-discord-desk.js';
import { startTestServer } from '../support/start-test-server.js';
import type { TestServer } from '../support/start-test-server.js';
import { aliceTakesCalls } from '../support/alice-takes-calls.js';

const H = 3_600_000;
/** Wednesday 4 March 2026, 14:00 UTC (15:00 in Berlin). */
const START = Date.UTC(2026, 2, 4, 14, 0, 0);
const ALICE = '200000000000000001'; // staff "alice", by her Discord identity
const GLOBEX_MEMBER = '100000000000000002'; // Globex (professional, Berlin): 1 call a month
const STRANGER = '100000000000000399'; // nobody's: community tier

/**
 * Alice takes calls Monday to Friday, 10:00-16:00 in Berlin, and hears about bookings by Discord DM; Globex's
 * members are known by their Discord ids.
 */
const CONFIG: SupportConfigInput = {
  ...DISCORD_TEST_CONFIG,
  customers: DISCORD_TEST_CONFIG.customers?.map((c) =>
    c.id === 'globex' ? { ...c, discord: { userIds: [GLOBEX_MEMBER] } } : c,
  ),
  ...aliceTakesCalls(DISCORD_TEST_CONFIG.staff),
  sla: { paging: { platforms: ['discord'] } },
};

// biome-ignore lint/suspicious/noExplicitAny: emulator request bodies are read field by field in assertions
type Body = Record<string, any>;

/** The VEVENT of an attached invitation, as a calendar client reads it (ical.js, Mozilla's parser). */
function invite(bytes: Buffer | undefined) {
  if (!bytes) throw new Error('no invitation attached');
  const calendar = new ICAL.Component(ICAL.parse(bytes.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime(),
    location: event.getFirstPropertyValue('location'),
  };
}

const buttonsOf = (m: StoredMessage | undefined) =>
  (m?.message.components ?? []).flatMap((row) => ((row as Body).components ?? []) as Body[]);
const slotButtons = (m: StoredMessage | undefined) =>
  buttonsOf(m).filter((b) => String(b.custom_id).startsWith('call.pick:'));

interface CallDesk {
  discord: DiscordEmulator;
  server: TestServer;
}

let discord: DiscordEmulator | null = null;
let server: TestServer | null = null;
let dir: string | null = null;
afterEach(async () => {
  await server?.dispose();
  await discord?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = discord = dir = null;
});

/**
 * The real server (npm start's path) with Discord live against the emulator and a fixed desk clock. For a restart,
 * `dir` keeps config and database in a folder the test owns and the running emulator is kept (its messages too).
 */
async function start(options: { at?: number; dir?: string } = {}): Promise<CallDesk> {
  discord ??= await startDiscordEmulator();
  server = await startTestServer({
    config: CONFIG,
    clock: fixedClock(options.at ?? START),
    ...(options.dir ? { dir: options.dir } : {}),
    env: {
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.url,
      JITSI_ROOM_SECRET: 'a-room-secret-for-tests-0123456789',
      SLA_SWEEP_INTERVAL_MS: '3600000',
    },
  });
  return { discord, server };
}

/** `/call <sub>` by a user in the help channel (or a thread). */
function call(
  d: CallDesk,
  userId: string,
  subcommand: string,
  options: Record<string, string> = {},
  channelId?: string,
) {
  return d.discord.slashCommand({
    user: d.discord.user(userId, `user${userId.slice(-3)}`),
    name: 'call',
    subcommand,
    options: Object.entries(options).map(([name, value]) => ({ name, value })),
    ...(channelId ? { channelId } : {}),
  });
}

/** `/call book`: the ephemeral answer, the ticket's thread (started from the public response) and the offer in it. */
async function book(d: CallDesk, userId: string, topic?: string) {
  const record = call(d, userId, 'book', topic ? { topic } : {});
  const answer = await waitForReply(d.discord, record, /times for your call/);
  const threadId = (d.discord.responsesTo(record)[0] as StoredMessage).message.id;
  await d.server.desk.outbox.flush();
  const offer = await d.discord.waitFor(
    () => d.discord.botMessagesIn(threadId).find((m) => slotButtons(m).length > 0),
    10_000,
    'the offer in the ticket thread',
  );
  return { record, answer, threadId, offer };
}

/** A click on a button of a bot message; resolves with the clicker's (ephemeral) answer once the outbox ran. */
async function click(d: CallDesk, userId: string, message: StoredMessage, customId: string): Promise<StoredMessage> {
  const record: InteractionRecord = d.discord.clickButton({
    user: d.discord.user(userId, `user${userId.slice(-3)}`),
    messageId: message.message.id,
    customId,
  });
  const reply = await waitForReply(d.discord, record);
  await d.server.desk.outbox.flush();
  return reply;
}

const botMessage = (d: CallDesk, channelId: string, pattern: RegExp) =>
  d.discord.waitFor(
    () => d.discord.botMessagesIn(channelId).find((m) => pattern.test(m.message.content)),
    10_000,
    `a bot message matching ${pattern} in ${channelId}`,
  );

describe('Discord: video calls (real server, discord.js against the emulator)', () => {
  it('/call book offers three slots in a new ticket thread; a click books one with the invitation attached, a DM to the staff member, and the quota', async () => {
    const d = await start();
    const { record, answer, threadId, offer } = await book(d, GLOBEX_MEMBER, 'Review our SSO setup');
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.content).toBe(
      `SUP-1: the times for your call are in its thread <#${threadId}>. Pick one with its button.`,
    );
    // The public response started the thread, like /ticket open.
    expect(d.discord.responsesTo(record)[0]?.message.content).toBe(
      `SUP-1 opened for <@${GLOBEX_MEMBER}>: Video call request: Review our SSO setup`,
    );
    expect(d.discord.thread(threadId)?.parent_id).toBe(HELP_CHANNEL_ID);
    expect(await d.server.desk.store.getTicketByKey('SUP-1')).toMatchObject({
      customerId: 'globex',
      conversation: { platform: 'discord', channelId: HELP_CHANNEL_ID, threadId },
    });

    // 24 hours' notice from Wednesday 15:00 Berlin: Thursday 15:00 and 15:30 (Alice's hours end at 16:00), Friday 10:00.
    expect(offer.message.content).toContain('about “Review our SSO setup”');
    expect(offer.message.content).toMatch(
      /1\. Thu 5 Mar, 15:00–15:30 CET\n2\. Thu 5 Mar, 15:30–16:00 CET\n3\. Fri 6 Mar, 10:00–10:30 CET/,
    );
    const slots = slotButtons(offer);
    expect(slots.map((b) => b.label)).toEqual([
      '1. Thu 5 Mar, 15:00–15:30 CET',
      '2. Thu 5 Mar, 15:30–16:00 CET',
      '3. Fri 6 Mar, 10:00–10:30 CET',
    ]);

    // A stranger cannot pick for Globex.
    const stranger = await click(d, STRANGER, offer, slots[0]?.custom_id);
    expect(stranger.message.content).toBe('Only the customer who asked (or support staff) can pick a time.');
    expect(await d.server.desk.stores.calls.getBooking(1)).toBeNull();

    const picked = await click(d, GLOBEX_MEMBER, offer, slots[0]?.custom_id);
    expect(picked.ephemeral).toBe(true);
    expect(picked.message.content).toMatch(
      /^Booked: CALL-1, Thu 5 Mar, 15:00–15:30 CET\. Join: https:\/\/meet\.example\.test\/support-call-1-[0-9a-f]{24}$/,
    );
    const booking = await d.server.desk.stores.calls.getBooking(1);
    expect(booking).toMatchObject({ status: 'confirmed', staffId: 'alice', customerId: 'globex', sequence: 0 });
    expect(booking?.startsAt).toBe(Date.UTC(2026, 2, 5, 14, 0));
    expect(booking?.requester).toMatchObject({ platform: 'discord', userId: GLOBEX_MEMBER });

    // The offer lost its slot buttons and says who picked.
    const edited = d.discord.state.messages.get(offer.message.id);
    expect(slotButtons(edited)).toEqual([]);
    expect(edited?.message.content).toMatch(new RegExp(`\\nPicked by <@${GLOBEX_MEMBER}> <t:\\d+:f>\\.$`));

    // In the thread: the booking with Reschedule / Cancel and the invitation as a file.
    const booked = await botMessage(d, threadId, /^Video call CALL-1 booked/);
    expect(booked.message.content).toContain('with Alice Agent');
    expect(buttonsOf(booked).map((b) => [b.label, b.custom_id])).toEqual([
      ['Reschedule', 'call.reschedule:1'],
      ['Cancel', 'call.cancel:1'],
    ]);
    const [file] = d.discord.filesOf(booked.message.id);
    expect(file).toMatchObject({ filename: 'call-1.ics', contentType: expect.stringMatching(/^text\/calendar/) });
    expect(invite(file?.bytes)).toMatchObject({
      method: 'REQUEST',
      uid: 'call-1@support-desk.invalid',
      sequence: 0,
      status: 'CONFIRMED',
      start: booking?.startsAt,
      location: booking?.meetingUrl,
    });

    // Alice hears about it by DM, with the invitation.
    const aliceDm = d.discord.dmChannelWith(ALICE);
    if (!aliceDm) throw new Error('no DM opened with Alice');
    const notice = await botMessage(d, aliceDm, /^Video call CALL-1 on SUP-1/);
    expect(d.discord.filesOf(notice.message.id).map((f) => f.filename)).toEqual(['call-1.ics']);

    // The same offer clicked again books nothing more; a second call this month is refused, and opens nothing.
    expect((await click(d, GLOBEX_MEMBER, edited as StoredMessage, slots[1]?.custom_id)).message.content).toMatch(
      /^This offer was used already: CALL-1/,
    );
    const again = call(d, GLOBEX_MEMBER, 'book');
    const refused = await waitForReply(d.discord, again);
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toBe('1 of 1 calls this month used; the next is available from 1 April.');
    expect(await d.server.desk.store.listTickets({ limit: 10 })).toHaveLength(1);

    // After the call: a member cannot record it; Alice does, " - " items are follow-ups, the recap is in the thread.
    const summary = 'Walked through the SSO setup. - send the runbook - check the SAML certificate';
    const member = call(d, GLOBEX_MEMBER, 'done', { summary, ticket: 'SUP-1' });
    expect((await waitForReply(d.discord, member)).message.content).toBe('Only support staff can record a call.');
    const done = call(d, ALICE, 'done', { summary }, threadId);
    const recorded = await waitForReply(d.discord, done);
    expect(recorded.ephemeral).toBe(true);
    expect(recorded.message.content).toBe('Recorded CALL-1 on SUP-1; the recap is on its way to the customer.');
    expect(await d.server.desk.stores.calls.getBooking(1)).toMatchObject({
      status: 'done',
      summary: 'Walked through the SSO setup.',
      followUps: ['send the runbook', 'check the SAML certificate'],
    });
    await d.server.desk.outbox.flush();
    const recap = await botMessage(d, threadId, /^Recap of video call CALL-1 on SUP-1/);
    expect(recap.message.content).toContain('• check the SAML certificate');
  });

  it('refuses a community member with the reason, ephemerally, and opens no ticket or thread', async () => {
    const d = await start();
    const record = call(d, STRANGER, 'book', { topic: 'quick chat' });
    const reply = await waitForReply(d.discord, record);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe(
      'Community tier has no video calls: to reach us, ask in this thread and we will answer here.',
    );
    expect(await d.server.desk.store.listTickets({ limit: 10 })).toEqual([]);
    expect(d.discord.calls.filter((c) => c.path.endsWith('/threads'))).toEqual([]);
    expect(d.discord.botMessagesIn(HELP_CHANNEL_ID)).toEqual([]);

    // npm run discord:commands registers /call with its subcommands.
    const names = await registerSlashCommands({
      token: d.discord.token,
      applicationId: APPLICATION_ID,
      apiUrl: d.discord.url,
    });
    expect(names).toContain('call');
    const put = d.discord.calls.find((c) => c.method === 'PUT');
    const command = ((put?.body ?? []) as unknown as Body[]).find((c) => c.name === 'call');
    expect(((command?.options ?? []) as Body[]).map((o) => o.name)).toEqual(['book', 'reschedule', 'cancel', 'done']);
  });

  it('moves a call with Reschedule and cancels it with /call cancel: a METHOD:CANCEL invitation in the thread', async () => {
    const d = await start();
    const { threadId, offer } = await book(d, GLOBEX_MEMBER);
    await click(d, GLOBEX_MEMBER, offer, slotButtons(offer)[0]?.custom_id);
    const booked = await botMessage(d, threadId, /^Video call CALL-1 booked/);

    const reschedule = await click(d, GLOBEX_MEMBER, booked, 'call.reschedule:1');
    expect(reschedule.message.content).toBe('New times are offered in this thread.');
    const newTimes = await botMessage(d, threadId, /^Pick a new time for your video call:/);
    const last = slotButtons(newTimes).at(-1)?.custom_id as string;
    expect((await click(d, GLOBEX_MEMBER, newTimes, last)).message.content).toBe(
      'Moved CALL-1 to Fri 6 Mar, 10:30–11:00 CET.',
    );
    expect(await d.server.desk.stores.calls.getBooking(1)).toMatchObject({
      status: 'confirmed',
      sequence: 1,
      startsAt: Date.UTC(2026, 2, 6, 9, 30),
    });
    const moved = await d.discord.waitFor(
      () => d.discord.botMessagesIn(threadId).filter((m) => /^Video call CALL-1 booked/.test(m.message.content))[1],
      10_000,
      'the booking message of the new time',
    );
    expect(invite(d.discord.filesOf(moved.message.id)[0]?.bytes)).toMatchObject({
      method: 'REQUEST',
      sequence: 1,
      start: Date.UTC(2026, 2, 6, 9, 30),
    });

    // Someone else cannot cancel it; the customer can, by the call's name.
    const other = call(d, STRANGER, 'cancel', { call: 'CALL-1' });
    expect((await waitForReply(d.discord, other)).message.content).toBe(
      'Only the customer who booked (or support staff) can cancel the call.',
    );
    const cancel = call(d, GLOBEX_MEMBER, 'cancel', { call: 'call-1' });
    const cancelled = await waitForReply(d.discord, cancel);
    expect(cancelled.ephemeral).toBe(true);
    expect(cancelled.message.content).toBe('Call CALL-1 is cancelled.');
    expect(await d.server.desk.stores.calls.getBooking(1)).toMatchObject({ status: 'cancelled', sequence: 2 });
    await d.server.desk.outbox.flush();
    const notice = await botMessage(d, threadId, /^Video call CALL-1 .* is cancelled/);
    expect(invite(d.discord.filesOf(notice.message.id)[0]?.bytes)).toMatchObject({
      method: 'CANCEL',
      sequence: 2,
      status: 'CANCELLED',
    });
    const bad = call(d, GLOBEX_MEMBER, 'cancel', { call: 'seven' });
    expect((await waitForReply(d.discord, bad)).message.content).toBe(
      'Name the call as CALL-7 (it is in the booking message).',
    );
  });

  it('loses nothing when the desk restarts between the offer and the pick', async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-discord-calls-'));
    let d = await start({ dir });
    const { threadId, offer } = await book(d, GLOBEX_MEMBER);
    await server?.dispose();
    server = null;
    d = await start({ dir, at: START + H });
    const picked = await click(d, GLOBEX_MEMBER, offer, slotButtons(offer)[1]?.custom_id);
    expect(picked.message.content).toMatch(/^Booked: CALL-1, Thu 5 Mar, 15:30–16:00 CET/);
    expect(await d.server.desk.stores.calls.getBooking(1)).toMatchObject({ status: 'confirmed', customerId: 'globex' });
    await botMessage(d, threadId, /^Video call CALL-1 booked/);
  });
});
