import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSlot } from '../../../core/calls/format-slot.js';
import { fixedClock } from '../../../core/ports/clock.js';
import { createKeywordIntentModel } from '../../fakes/keyword-intent-model.js';
import { composeMail } from '../../support/mail/compose-mail.js';
import { appendMail, listMail } from '../../support/mail/mailbox-client.js';
import {
  DOVECOT_INSTALL_HINT,
  type DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../support/mail/start-dovecot.js';
import { type SinkMessage, type SmtpSink, startSmtpSink } from '../../support/mail/start-smtp-sink.js';
import { startTestServer, TEST_CONFIG, type TestServer } from '../../support/start-test-server.js';
import { aliceTakesCalls } from '../../support/alice-takes-calls.js';

const MONDAY_1400_UTC = Date.UTC(2026, 10, 23, 14, 0, 0);
const JANE = 'jane@globex.test';

/** The classifier reads "call" as a call request, as the trained one does: a reply "call" must not reach it. */
const MODEL = createKeywordIntentModel([
  [/\bcall\b/i, 'call-request', 0.97],
  [/\b(crash\w*|exception|error|bug)\b/i, 'bug', 0.9],
]);

/** Globex (professional, Berlin, one call a month) writes by mail; Alice takes calls Monday to Friday, 10-16 Berlin. */
const CONFIG = (imapPort: number) => ({
  ...TEST_CONFIG,
  ...aliceTakesCalls(TEST_CONFIG.staff),
  email: {
    address: 'support@desk.test',
    name: 'Test Desk',
    intake: 'imap' as const,
    imap: { host: '127.0.0.1', port: imapPort, secure: false, mailbox: 'INBOX', pollSeconds: 5 },
    ackWindowMinutes: 10,
  },
});

/** The VEVENT of a mail's calendar part, as a calendar client reads it (ical.js, Mozilla's parser). */
function invite(mail: SinkMessage | undefined) {
  const part = mail?.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error('no text/calendar part');
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent') as ICAL.Component;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().getTime(),
    location: event.getFirstPropertyValue('location'),
  };
}

describe('email: video calls by reply ("call", the number of a time, "reschedule", "cancel")', () => {
  let imap: DovecotServer;
  let sink: SmtpSink;
  let desk: TestServer;
  const clock = fixedClock(MONDAY_1400_UTC);

  beforeAll(async () => {
    if (!dovecotAvailable()) throw new Error(`Dovecot is missing: ${DOVECOT_INSTALL_HINT}`);
    imap = await startDovecot();
    sink = await startSmtpSink();
    desk = await startTestServer({
      config: CONFIG(imap.port),
      clock,
      model: MODEL,
      env: {
        EMAIL_SMTP_URL: sink.url,
        EMAIL_IMAP_USER: imap.user,
        EMAIL_IMAP_PASSWORD: imap.password,
        JITSI_ROOM_SECRET: 'a-room-secret-for-tests-0123456789',
      },
    });
  }, 60_000);
  afterAll(async () => {
    await desk?.dispose();
    await sink?.close();
    await imap?.dispose();
  });

  /** Mail to Jane, in order. */
  const toJane = () => sink.received.filter((m) => m.envelope.to.includes(JANE));
  async function untilJaneHas(n: number) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await desk.desk.outbox.flush();
      const got = toJane();
      if (got.length >= n || Date.now() > deadline) return got;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** Deliver a mail to the support mailbox and wait until the desk committed it (flagged \Seen); flush the outbox. */
  async function deliver(mail: string, messageId: string) {
    const before = (await listMail(imap)).length;
    await appendMail(imap, mail);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const all = await listMail(imap);
      const mine = all.filter((m) => m.messageId === `<${messageId}>`);
      if ((all.length > before && mine.every((m) => m.flags.includes('\\Seen'))) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await desk.desk.outbox.flush();
  }
  const idOf = (mail: SinkMessage | undefined) => mail?.parsed.messageId?.replace(/^<|>$/g, '') ?? '';
  const reply = (body: string, id: string, to: SinkMessage | undefined, key: string) =>
    composeMail({
      from: `Jane Doe <${JANE}>`,
      subject: `Re: [${key}] Export question`,
      body: `${body}\r\n\r\nOn Mon, Nov 23, 2026 Test Desk wrote:\r\n> ${to?.parsed.text?.split('\n')[0] ?? ''}`,
      id,
      inReplyTo: idOf(to),
    });

  it('asks, offers numbered times on "call", refuses a number out of range, books "2" with an invitation, and books once', async () => {
    // 1. The question: a ticket, and an acknowledgement that asks for a reply "call".
    await deliver(
      composeMail({
        from: `Jane Doe <${JANE}>`,
        subject: 'Export question',
        body: 'can we get on a call about the export?',
        id: 'ask@globex.test',
      }),
      'ask@globex.test',
    );
    const [ticket] = await desk.desk.store.listTickets({ platform: 'email', limit: 10 });
    expect(ticket).toMatchObject({ customerId: 'globex', tier: 'professional', category: 'call-request' });
    const key = ticket!.key;
    const [ack] = await untilJaneHas(1);
    expect(ack?.parsed.text).toContain(
      'Would you like to book a video call? Reply "call" and the desk will offer times.',
    );

    // 2. "call": the times, numbered, in the thread; the reply itself is on the ticket and not answered as a question.
    await deliver(reply('call', 'call@globex.test', ack, key), 'call@globex.test');
    const [, offerMail] = await untilJaneHas(2);
    const offer = await desk.desk.stores.calls.latestOfferOfTicket(ticket!.id);
    expect(offer).toMatchObject({ customerId: 'globex', requester: { platform: 'email', userId: JANE } });
    expect(offer?.slots).toHaveLength(3);
    const lines = offer!.slots.map((s, i) => `${i + 1}. ${formatSlot(s, 'Europe/Berlin')}`);
    expect(offerMail?.parsed.subject).toBe(`Re: [${key}] Export question`);
    expect(offerMail?.parsed.inReplyTo).toBe('<call@globex.test>');
    expect(offerMail?.parsed.text).toContain(`Pick a time for your video call:\n${lines.join('\n')}\n`);
    expect(offerMail?.parsed.text).toContain('reply with the number (by email)');
    // Tuesday 15:00 Berlin is the first time 24 hours ahead; Alice's hours end at 16:00.
    expect(lines[1]).toBe('2. Tue 24 Nov, 15:30–16:00 CET');
    expect(toJane()).toHaveLength(2);

    // 3. A number that is not offered: a polite refusal, nothing booked.
    await deliver(reply('5', 'five@globex.test', offerMail, key), 'five@globex.test');
    const [, , refusal] = await untilJaneHas(3);
    expect(refusal?.parsed.text?.trim()).toBe('Pick a number from 1 to 3.');
    expect(await desk.desk.stores.calls.bookingsOfTicket(ticket!.id)).toEqual([]);

    // 4. "2": the second time is booked; the booking mail carries the invitation as its calendar part.
    const two = reply('2', 'two@globex.test', offerMail, key);
    await deliver(two, 'two@globex.test');
    const [, , , booked] = await untilJaneHas(4);
    const [booking] = await desk.desk.stores.calls.bookingsOfTicket(ticket!.id);
    expect(booking).toMatchObject({ id: 1, status: 'confirmed', staffId: 'alice', sequence: 0 });
    expect([booking?.startsAt, booking?.endsAt]).toEqual([offer!.slots[1]!.startsAt, offer!.slots[1]!.endsAt]);
    expect(booked?.parsed.subject).toBe(`Re: [${key}] Export question`);
    expect(booked?.parsed.text).toContain(`Video call CALL-1 booked: ${formatSlot(booking!, 'Europe/Berlin')}`);
    expect(booked?.raw.toString('utf8')).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    const ics = invite(booked);
    expect(ics).toMatchObject({ method: 'REQUEST', uid: 'call-1@desk.test', sequence: 0 });
    expect(ics.start).toBe(offer!.slots[1]!.startsAt);
    expect(ics.end).toBe(offer!.slots[1]!.endsAt);
    expect(ics.location).toBe(booking?.meetingUrl);

    // 5. The same "2" delivered again (another UID, the same Message-ID): one event, nothing booked or sent twice.
    await deliver(two, 'two@globex.test');
    await desk.desk.outbox.flush();
    expect(toJane()).toHaveLength(4);
    expect(await desk.desk.stores.calls.bookingsOfTicket(ticket!.id)).toHaveLength(1);

    // 6. Another "2" (a new mail): the offer was used, and the answer says for which call.
    await deliver(reply('2', 'two-again@globex.test', booked, key), 'two-again@globex.test');
    const [, , , , used] = await untilJaneHas(5);
    expect(used?.parsed.text).toContain('This offer was used already: CALL-1');
    expect(await desk.desk.stores.calls.bookingsOfTicket(ticket!.id)).toHaveLength(1);

    // The transcript has every reply as the customer's message; the ticket is still the one ticket.
    const transcript = await desk.desk.store.listMessages(ticket!.id);
    expect(transcript.filter((m) => m.role === 'customer').map((m) => m.text.split('\n\n')[1])).toEqual([
      'can we get on a call about the export?',
      'call',
      '5',
      '2',
      '2',
    ]);
    expect(await desk.desk.store.listTickets({ platform: 'email', limit: 10 })).toHaveLength(1);
  }, 60_000);

  it('"reschedule" offers new times and a number moves the call (same UID, sequence 1); "cancel" sends METHOD:CANCEL', async () => {
    const [ticket] = await desk.desk.store.listTickets({ platform: 'email', limit: 10 });
    const key = ticket!.key;
    const sent = toJane().length;
    const last = toJane()[3]; // the booking mail
    expect(last?.parsed.text).toContain('To move or cancel it, reply "reschedule" or "cancel".');

    // A change of a call this ticket does not have: a clear answer, nothing changed.
    await deliver(reply('cancel CALL-9', 'cancel-9@globex.test', last, key), 'cancel-9@globex.test');
    const [unknown] = (await untilJaneHas(sent + 1)).slice(sent);
    expect(unknown?.parsed.text?.trim()).toBe('This ticket has no upcoming call CALL-9.');

    // "reschedule": new times, numbered; the booking is unchanged until one is picked.
    await deliver(reply('reschedule please', 'move@globex.test', last, key), 'move@globex.test');
    const [offerMail] = (await untilJaneHas(sent + 2)).slice(sent + 1);
    expect(offerMail?.parsed.text).toContain('Pick a new time for your video call:\n1. ');
    const offer = await desk.desk.stores.calls.latestOfferOfTicket(ticket!.id);
    expect(offer?.rescheduleOf).toBe(1);
    expect(await desk.desk.stores.calls.getBooking(1)).toMatchObject({ status: 'confirmed', sequence: 0 });

    // "3": the call moves to the third time; the invitation keeps its UID and bumps its sequence.
    await deliver(reply('3', 'three@globex.test', offerMail, key), 'three@globex.test');
    const [moved] = (await untilJaneHas(sent + 3)).slice(sent + 2);
    const booking = await desk.desk.stores.calls.getBooking(1);
    expect(booking).toMatchObject({ status: 'confirmed', sequence: 1, startsAt: offer!.slots[2]!.startsAt });
    expect(moved?.parsed.text).toContain(`Video call CALL-1 booked: ${formatSlot(booking!, 'Europe/Berlin')}`);
    expect(invite(moved)).toMatchObject({ method: 'REQUEST', uid: 'call-1@desk.test', sequence: 1 });
    expect(invite(moved).start).toBe(offer!.slots[2]!.startsAt);

    // "cancel": the call is cancelled, and the mail carries METHOD:CANCEL for the same event.
    await deliver(reply('cancel the call', 'cancel@globex.test', moved, key), 'cancel@globex.test');
    const [cancelled] = (await untilJaneHas(sent + 4)).slice(sent + 3);
    expect(cancelled?.parsed.text).toContain('Video call CALL-1');
    expect(cancelled?.parsed.text).toContain('is cancelled. Reply "call" whenever you would like another.');
    expect(cancelled?.raw.toString('utf8')).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/);
    expect(invite(cancelled)).toMatchObject({ method: 'CANCEL', uid: 'call-1@desk.test', sequence: 2 });
    expect(await desk.desk.stores.calls.getBooking(1)).toMatchObject({ status: 'cancelled' });

    // Nothing left to cancel: "cancel" is an ordinary message again (triaged on the ticket, not a call reply).
    await deliver(reply('cancel', 'cancel-again@globex.test', cancelled, key), 'cancel-again@globex.test');
    await desk.desk.outbox.flush();
    expect((await desk.desk.stores.calls.bookingsOfTicket(ticket!.id)).map((b) => b.status)).toEqual(['cancelled']);
  }, 60_000);
});
