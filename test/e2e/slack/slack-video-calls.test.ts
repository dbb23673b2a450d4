import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../emulators/slack/create-slack-emulator.js';
import { createSlackEmulator } from '../../emulators/slack/create-slack-emulator.js';
import { queryDesk } from '../../support/query-desk.js';
import { formatSlot } from '../../../core/calls/format-slot.js';
import type { CallBooking } from '../../../core/calls/call-booking.js';
import { TEST_CONFIG } from '../../support/start-test-server.js';
import { buttonsOf, START, startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';
import { aliceTakesCalls } from '../../support/alice-takes-calls.js';

const H = 3_600_000;
/** Alice takes calls Monday to Friday, 10:00-16:00 in Berlin; Globex (professional, Berlin) has 1 call a month. */
const CONFIG = aliceTakesCalls(TEST_CONFIG.staff);
const ENV = { JITSI_ROOM_SECRET: 'a-room-secret-for-tests-0123456789' };

interface Answer {
  text: string;
}

/** The VEVENT of an uploaded invitation, as a calendar client reads it (ical.js, Mozilla's parser). */
function invite(bytes: Buffer | null) {
  if (!bytes) throw new Error('no invitation uploaded');
  const calendar = new ICAL.Component(ICAL.parse(bytes.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: event.getFirstPropertyValue('status'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().getTime(),
    location: event.getFirstPropertyValue('location'),
  };
}

describe('Slack: video calls', () => {
  let s: SlackDesk;
  let dir: string | null = null;
  afterEach(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  const support = async (text: string, user: string, channel: string) => {
    const res = await s.deliver.command({ text, user, channel });
    expect(res.status).toBe(200);
    return res.json as Answer;
  };
  /** The bot's post carrying the call buttons of an offer, once the outbox delivered it. */
  const offerPost = async (): Promise<RecordedCall> => {
    await s.desk.outbox.flush();
    const [post] = await s.waitForPost((c) => buttonsOf(c).some((b) => b.actionId.startsWith('call.pick')));
    return s
      .posts(String(post?.args.channel))
      .filter((c) => buttonsOf(c).some((b) => b.actionId.startsWith('call.pick')))
      .at(-1) as RecordedCall;
  };
  /** Where each clicked post is stored (its ts): found once by its text, which a booked offer's update changes. */
  const storedTs = new WeakMap<RecordedCall, string>();
  const click = async (channel: string, user: string, post: RecordedCall, actionId: string, value: string) => {
    const thread = String(post.args.thread_ts);
    const ts =
      storedTs.get(post) ?? s.emulator.store.replies(channel, thread).find((m) => m.text === post.args.text)?.ts;
    if (!ts) throw new Error(`no stored message for the click in ${channel} ${thread}`);
    storedTs.set(post, ts);
    const stored = s.emulator.store.find(channel, ts);
    const res = await s.deliver.click({
      user,
      channel,
      message: { ts, thread_ts: thread, blocks: stored?.blocks, text: stored?.text ?? '' },
      actionId,
      value,
    });
    expect(res.status).toBe(200);
    await s.desk.outbox.flush();
  };

  it('offers three slots in a new thread, books one with a Jitsi link and an invitation, and keeps the month to the quota', async () => {
    s = await startSlackDesk({ config: CONFIG, env: ENV });
    const answer = await support('call Review our SSO setup', 'U_G1', 'C_GLOBEX');
    expect(answer.text).toMatch(/^SUP-1: the times for your call are in its thread/);
    const offer = await offerPost();
    const slots = buttonsOf(offer).filter((b) => b.actionId.startsWith('call.pick'));
    expect(slots).toHaveLength(3);
    expect(String(offer.args.text)).toContain('Times are in Europe/Berlin');
    // 24 hours' notice from Wednesday 15:00 Berlin: Thursday 15:00 and 15:30 (Alice's hours end at 16:00), Friday 10:00.
    expect(String(offer.args.text)).toMatch(
      /1\. Thu 5 Mar, 15:00–15:30 CET\n2\. Thu 5 Mar, 15:30–16:00 CET\n3\. Fri 6 Mar, 10:00–10:30 CET/,
    );

    await click('C_GLOBEX', 'U_G1', offer, 'call.pick', slots[0]?.value as string);
    const reply = s.emulator.succeeded('response_url').at(-1)?.args as { text: string };
    expect(reply.text).toMatch(
      /^Booked: CALL-1, Thu 5 Mar, 15:00–15:30 CET\. Join: https:\/\/meet\.example\.test\/support-call-1-[0-9a-f]{24}$/,
    );
    const booking = await s.desk.stores.calls.getBooking(1);
    expect(booking).toMatchObject({
      status: 'confirmed',
      staffId: 'alice',
      customerId: 'globex',
      provider: 'jitsi',
      sequence: 0,
    });
    expect(booking?.startsAt).toBe(Date.UTC(2026, 2, 5, 14, 0));

    // In the ticket's thread: the booking, its invitation as a file, and Alice's DM with the invitation.
    const thread = String(offer.args.thread_ts);
    expect(s.posts('C_GLOBEX', thread).some((c) => String(c.args.text).includes('Video call CALL-1 booked'))).toBe(
      true,
    );
    const [file] = s.emulator.files.sharedIn('C_GLOBEX', thread);
    expect(file?.name).toBe('call-1.ics');
    const ics = invite(file?.bytes ?? null);
    expect(ics).toMatchObject({
      method: 'REQUEST',
      uid: 'call-1@support-desk.invalid',
      sequence: 0,
      status: 'CONFIRMED',
    });
    expect([ics.start, ics.end]).toEqual([booking?.startsAt, booking?.endsAt]);
    expect(ics.location).toBe(booking?.meetingUrl);
    expect(s.posts('U_ALICE').some((c) => String(c.args.text).includes('Video call CALL-1 on SUP-1'))).toBe(true);

    // The same offer clicked again books nothing more; a second call this month is refused with the reason.
    await click('C_GLOBEX', 'U_G1', offer, 'call.pick', slots[1]?.value as string);
    expect((s.emulator.succeeded('response_url').at(-1)?.args as { text: string } | undefined)?.text).toContain(
      'This offer was used already: CALL-1',
    );
    expect((await support('call another one', 'U_G2', 'C_GLOBEX')).text).toBe(
      '1 of 1 calls this month used; the next is available from 1 April.',
    );
    // Community (a channel of no customer): no calls, and no ticket opened for the request.
    const before = (await s.tickets()).length;
    expect((await support('call please', 'U_X', 'C_RANDOM')).text).toMatch(/video call/i);
    expect((await s.tickets()).length).toBe(before);
  });

  it('sends the reminders before the call, and a reschedule retires them and sends a new invitation', async () => {
    s = await startSlackDesk({ config: CONFIG, env: ENV });
    await support('call', 'U_A1', 'C_ACME');
    const offer = await offerPost();
    // The last of the three times: the first is exactly the minimum notice (24 h) ahead, too soon for a day's reminder.
    const last = buttonsOf(offer)
      .filter((b) => b.actionId.startsWith('call.pick'))
      .at(-1)?.value as string;
    await click('C_ACME', 'U_A1', offer, 'call.pick', last);
    const booking = await s.desk.stores.calls.getBooking(1);
    if (!booking) throw new Error('not booked');
    const thread = String(offer.args.thread_ts);
    // Reminders come as a direct message to the person who booked.
    const reminders = () =>
      s.posts('U_A1').filter((c) => String(c.args.text).startsWith('Reminder: video call CALL-1'));

    await s.at(booking.startsAt - 24 * H - 1);
    expect(reminders()).toHaveLength(0);
    await s.at(booking.startsAt - 24 * H);
    expect(reminders().map((c) => String(c.args.text).split(' (')[0])).toEqual([
      'Reminder: video call CALL-1 starts in 1 day',
    ]);

    // Reschedule: new times in the thread; the pick moves the call (sequence 1) and the 15-minute reminder of the
    // old time never goes out.
    const booked = s
      .posts('C_ACME', thread)
      .find((c) => String(c.args.text).includes('Video call CALL-1 booked')) as RecordedCall;
    await click('C_ACME', 'U_A1', booked, 'call.reschedule', '1');
    expect((s.emulator.succeeded('response_url').at(-1)?.args as { text?: string } | undefined)?.text).toBe(
      'New times are offered in this thread.',
    );
    const again = await offerPost();
    expect(String(again.args.text)).toMatch(/^Pick a new time for your video call:/);
    const later = buttonsOf(again)
      .filter((b) => b.actionId.startsWith('call.pick'))
      .at(-1)?.value as string;
    await click('C_ACME', 'U_A1', again, 'call.pick', later);
    const moved = await s.desk.stores.calls.getBooking(1);
    expect(moved?.sequence).toBe(1);
    expect(moved?.startsAt).not.toBe(booking.startsAt);
    const files = s.emulator.files.sharedIn('C_ACME', thread).filter((f) => f.name === 'call-1.ics');
    expect(invite(files.at(-1)?.bytes ?? null)).toMatchObject({
      method: 'REQUEST',
      sequence: 1,
      start: moved?.startsAt,
    });
    const dead = await queryDesk<{ dedupe_key: string }>(
      s.desk.stores,
      "SELECT dedupe_key FROM outbox WHERE dead_at IS NOT NULL AND dedupe_key LIKE 'call-reminder:1:0:%'",
    );
    expect(dead.map((r) => r.dedupe_key)).toEqual(['call-reminder:1:0:15']);
    // The old time's 15-minute reminder never goes out; the new time's day reminder does when it is due.
    await s.at(booking.startsAt - 15 * 60_000 + 1);
    expect(reminders().filter((c) => String(c.args.text).includes('starts in 15 minutes'))).toHaveLength(0);
    await s.at((moved?.startsAt ?? 0) - 24 * H);
    expect(
      reminders().filter((c) =>
        String(c.args.text).includes(formatSlot(moved as CallBooking, moved?.timezone ?? 'UTC')),
      ),
    ).toHaveLength(1);

    // Cancel: a METHOD:CANCEL invitation with the next sequence, and the new reminders are retired too.
    await click('C_ACME', 'U_A1', booked, 'call.cancel', '1');
    expect(await s.desk.stores.calls.getBooking(1)).toMatchObject({ status: 'cancelled', sequence: 2 });
    const cancel = s.emulator.files
      .sharedIn('C_ACME', thread)
      .filter((f) => f.name === 'call-1.ics')
      .at(-1);
    expect(invite(cancel?.bytes ?? null)).toMatchObject({ method: 'CANCEL', sequence: 2, status: 'CANCELLED' });
  });

  it('records the call afterwards: the summary and follow-ups reach the customer as a recap', async () => {
    s = await startSlackDesk({ config: CONFIG, env: ENV });
    await support('call data migration', 'U_A1', 'C_ACME');
    const offer = await offerPost();
    await click(
      'C_ACME',
      'U_A1',
      offer,
      'call.pick',
      buttonsOf(offer).find((b) => b.actionId.startsWith('call.pick'))?.value as string,
    );
    expect(
      (await support('call done SUP-1 Walked through the export.\n- send the runbook', 'U_G1', 'C_ACME')).text,
    ).toBe('Only support staff can record a call.');
    const done = await support(
      'call done SUP-1 Walked through the export.\n- send the runbook\n- check quotas',
      'U_ALICE',
      'C_STAFF',
    );
    expect(done.text).toContain('Recorded CALL-1 on SUP-1');
    expect(await s.desk.stores.calls.getBooking(1)).toMatchObject({
      status: 'done',
      summary: 'Walked through the export.',
      followUps: ['send the runbook', 'check quotas'],
    });
    await s.desk.outbox.flush();
    const recap = s
      .posts('C_ACME', String(offer.args.thread_ts))
      .find((c) => String(c.args.text).includes('Recap of video call CALL-1'));
    expect(String(recap?.args.text)).toContain('• send the runbook');
  });

  it('loses nothing when the desk restarts between the offer and the pick', async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-calls-'));
    const emulator = await createSlackEmulator();
    s = await startSlackDesk({ config: CONFIG, env: ENV, dir, emulator });
    await support('call', 'U_G1', 'C_GLOBEX');
    const offer = await offerPost();
    await s.server.dispose();
    s = await startSlackDesk({ config: CONFIG, env: ENV, dir, emulator, at: START + H });
    const value = buttonsOf(offer).find((b) => b.actionId.startsWith('call.pick'))?.value as string;
    await click('C_GLOBEX', 'U_G1', offer, 'call.pick', value);
    expect(await s.desk.stores.calls.getBooking(1)).toMatchObject({ status: 'confirmed', customerId: 'globex' });
  });
});
