import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInZone } from '../../../core/format/format-due.js';
import { fixedClock } from '../../../core/ports/clock.js';
import { appendMail, listMail } from '../../support/mail/mailbox-client.js';
import {
  DOVECOT_INSTALL_HINT,
  type DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../support/mail/start-dovecot.js';
import { type SmtpSink, startSmtpSink } from '../../support/mail/start-smtp-sink.js';
import { composeMail } from '../../support/mail/compose-mail.js';
import { startTestServer, TEST_CONFIG, type TestServer } from '../../support/start-test-server.js';

const MONDAY_1400_UTC = Date.UTC(2026, 10, 23, 14, 0, 0);
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/email/${name}`, import.meta.url), 'utf8');

const CONFIG = (imapPort: number) => ({
  ...TEST_CONFIG,
  staff: [...(TEST_CONFIG.staff ?? []).map((s) => (s.id === 'alice' ? { ...s, email: 'alice@desk.test' } : s))],
  email: {
    address: 'support@desk.test',
    name: 'Test Desk',
    intake: 'imap' as const,
    imap: { host: '127.0.0.1', port: imapPort, secure: false, mailbox: 'INBOX', pollSeconds: 5 },
    ackWindowMinutes: 10,
  },
});

describe('email over IMAP and SMTP (Dovecot and an SMTP sink on loopback)', () => {
  let imap: DovecotServer;
  let sink: SmtpSink;
  let desk: TestServer;
  const clock = fixedClock(MONDAY_1400_UTC);
  const start = () =>
    startTestServer({
      config: CONFIG(imap.port),
      clock,
      env: { EMAIL_SMTP_URL: sink.url, EMAIL_IMAP_USER: imap.user, EMAIL_IMAP_PASSWORD: imap.password },
    });
  const poll = async () => {
    // The intake's IDLE would notice within a second; polling makes the test's order explicit.
    const intake = (desk.desk as unknown as { platforms: Map<string, unknown> }).platforms;
    expect(intake.has('email')).toBe(true);
    await desk.desk.outbox.flush();
  };

  beforeAll(async () => {
    if (!dovecotAvailable()) throw new Error(`Dovecot is missing: ${DOVECOT_INSTALL_HINT}`);
    imap = await startDovecot();
    sink = await startSmtpSink();
    desk = await start();
  }, 60_000);
  afterAll(async () => {
    await desk?.dispose();
    await sink?.close();
    await imap?.dispose();
  });

  async function untilTicketCount(n: number) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const tickets = await desk.desk.store.listTickets({ platform: 'email', limit: 100 });
      if (tickets.length >= n || Date.now() > deadline) return tickets;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async function untilSeen(messageId: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const listed = (await listMail(imap)).filter(
        (m) => m.messageId === `<${messageId}>` || m.messageId === messageId,
      );
      if ((listed.length && listed.every((m) => m.flags.includes('\\Seen'))) || Date.now() > deadline) return listed;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('opens a ticket from a new mail and acknowledges it with the due time in the customer zone, threaded', async () => {
    await appendMail(
      imap,
      composeMail({
        from: 'Jane Doe <jane@globex.test>',
        subject: 'Export fails with an exception',
        body: 'Our nightly export crashes since this morning.\r\n\r\n-- \r\nJane',
        id: 'q1@globex.test',
      }),
    );
    const [ticket] = await untilTicketCount(1);
    expect(ticket).toMatchObject({ tier: 'professional', customerId: 'globex', requesterId: 'jane@globex.test' });
    expect((await untilSeen('q1@globex.test'))[0]?.flags).toContain('\\Seen');
    await poll();
    const [ack] = await sink.waitFor(1);
    expect(ack?.envelope.to).toEqual(['jane@globex.test']);
    expect(ack?.parsed.subject).toBe(`Re: [${ticket!.key}] Export fails with an exception`);
    expect(ack?.parsed.inReplyTo).toBe('<q1@globex.test>');
    expect(ack?.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack?.parsed.text).toContain(
      `First response due by ${formatInZone(ticket!.firstResponseDueAt!, 'Europe/Berlin')}`,
    );
  }, 30_000);

  it('adds a reply to the same ticket, and takes a redelivered mail once', async () => {
    const ack = sink.received[0]!;
    const ackId = ack.parsed.messageId!.replace(/^<|>$/g, '');
    const [ticket] = await untilTicketCount(1);
    const reply = composeMail({
      from: 'jane@globex.test',
      subject: `Re: [${ticket!.key}] Export fails`,
      body: 'It also fails for the weekly export.\r\n\r\nOn Mon, Nov 23, 2026 Support wrote:\r\n> old text',
      id: 'r1@globex.test',
      inReplyTo: ackId,
    });
    await appendMail(imap, reply);
    await appendMail(imap, reply); // the same mail delivered twice: another UID, the same Message-ID
    await untilSeen('r1@globex.test');
    expect(await untilTicketCount(1)).toHaveLength(1);
    const transcript = await desk.desk.store.listMessages(ticket!.id);
    expect(transcript.map((m) => m.text.split('\n\n')[1])).toEqual([
      'Our nightly export crashes since this morning.',
      'It also fails for the weekly export.',
    ]);
    await poll();
    expect(sink.received).toHaveLength(1);
  }, 30_000);

  it('never answers an out-of-office reply or a bounce, and records them on the ticket', async () => {
    const [ticket] = await untilTicketCount(1);
    const ackId = sink.received[0]!.parsed.messageId!.replace(/^<|>$/g, '');
    await appendMail(
      imap,
      composeMail({
        from: 'jane@globex.test',
        subject: 'Automatic reply: Export fails',
        body: 'I am out of the office until Monday.',
        id: 'ooo1@globex.test',
        inReplyTo: ackId,
        headers: ['Auto-Submitted: auto-replied'],
      }),
    );
    await appendMail(imap, fixture('bounce.eml'));
    await appendMail(imap, fixture('list-mail.eml'));
    const all = await listMail(imap);
    const deadline = Date.now() + 15_000;
    while ((await listMail(imap)).some((m) => !m.flags.includes('\\Seen')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect((await listMail(imap)).every((m) => m.flags.includes('\\Seen'))).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(6);
    await poll();
    expect(sink.received).toHaveLength(1);
    expect(await untilTicketCount(1)).toHaveLength(1);
    const roles = (await desk.desk.store.listMessages(ticket!.id)).map((m) => m.role);
    expect(roles).toEqual(['customer', 'customer', 'participant']);
  }, 30_000);

  it('sends a staff reply as the staff member, not as automatic mail, and stops the first-response clock', async () => {
    const [ticket] = await untilTicketCount(1);
    const r = await desk.desk.staffReplies.reply({
      key: ticket!.key,
      actor: { platform: 'slack', userId: 'U_ALICE' },
      text: 'We are on it: a fix ships tonight.',
      eventId: 'Ev-staff-1',
    });
    expect(r).toMatchObject({ kind: 'sent', firstResponse: true });
    await poll();
    const [, reply] = await sink.waitFor(2);
    expect(reply?.parsed.from?.value[0]).toMatchObject({
      address: 'support@desk.test',
      name: 'Alice Agent via Test Desk',
    });
    expect(reply?.parsed.headers.has('auto-submitted')).toBe(false);
    expect(reply?.parsed.subject).toBe(`Re: [${ticket!.key}] Export fails with an exception`);
    expect(reply?.parsed.inReplyTo).toBe('<r1@globex.test>');
    expect(reply?.parsed.text).toContain('We are on it: a fix ships tonight.');
    expect((await desk.desk.store.getTicket(ticket!.id))?.firstResponseAt).toBe(clock.now());
  }, 30_000);

  it('keeps a reply while the relay is down and delivers it once when it is back', async () => {
    const [ticket] = await untilTicketCount(1);
    await sink.setDown(true);
    await desk.desk.staffReplies.reply({
      key: ticket!.key,
      actor: { platform: 'slack', userId: 'U_ALICE' },
      text: 'Fix deployed.',
      eventId: 'Ev-staff-2',
    });
    await poll();
    expect(sink.received).toHaveLength(2);
    expect(await desk.desk.store.pendingOutboxCount({ platform: 'email' })).toBe(1);
    await sink.setDown(false);
    clock.advance(10 * 60_000);
    await poll();
    await poll();
    const got = await sink.waitFor(3);
    expect(got[2]?.parsed.text).toContain('Fix deployed.');
    clock.advance(60 * 60_000);
    await poll();
    expect(sink.received).toHaveLength(3);
    expect(await desk.desk.store.pendingOutboxCount({ platform: 'email' })).toBe(0);
  }, 30_000);

  it('closes the ticket on a reply that only says "solved", and records the survey answered by mail', async () => {
    const [ticket] = await untilTicketCount(1);
    const last = sink.received.at(-1)!.parsed.messageId!.replace(/^<|>$/g, '');
    await appendMail(
      imap,
      composeMail({
        from: 'jane@globex.test',
        subject: `Re: [${ticket!.key}] Export fails`,
        body: 'Solved, thanks!\r\n\r\nOn Mon, 23 Nov 2026 at 15:10, Test Desk <support@desk.test> wrote:\r\n> Fix deployed.',
        id: 'solved1@globex.test',
        inReplyTo: last,
      }),
    );
    await untilSeen('solved1@globex.test');
    expect((await desk.desk.store.getTicket(ticket!.id))?.status).toBe('closed');
    await poll();
    const survey = (await sink.waitFor(4))[3]!;
    expect(survey.parsed.text).toMatch(/How satisfied are you/);
    const surveyId = survey.parsed.messageId!.replace(/^<|>$/g, '');
    await appendMail(
      imap,
      composeMail({
        from: 'jane@globex.test',
        subject: `Re: [${ticket!.key}] Export fails`,
        body: '5 and 9',
        id: 'rate1@globex.test',
        inReplyTo: surveyId,
      }),
    );
    await appendMail(
      imap,
      composeMail({
        from: 'jane@globex.test',
        subject: `Re: [${ticket!.key}] Export fails`,
        body: '5 and 9',
        id: 'rate1@globex.test',
        inReplyTo: surveyId,
      }),
    );
    await untilSeen('rate1@globex.test');
    const ratings = await desk.desk.store.listRatings(ticket!.id);
    expect(ratings.map((r) => [r.kind, r.score])).toEqual([
      ['csat', 5],
      ['nps', 9],
    ]);
    expect(await untilTicketCount(1)).toHaveLength(1);
  }, 30_000);

  it('resumes from the committed UID after a restart: mail that arrived while down is taken once, older mail not again', async () => {
    await desk.stop();
    await appendMail(
      imap,
      composeMail({
        from: 'bob@globex.test',
        subject: 'How do I rotate the API token?',
        body: 'Where is the setting?',
        id: 'q2@globex.test',
      }),
    );
    desk = await startTestServer({
      config: CONFIG(imap.port),
      clock,
      dir: desk.dir,
      env: { EMAIL_SMTP_URL: sink.url, EMAIL_IMAP_USER: imap.user, EMAIL_IMAP_PASSWORD: imap.password },
    });
    const tickets = await untilTicketCount(2);
    expect(tickets.map((t) => t.requesterId).sort()).toEqual(['bob@globex.test', 'jane@globex.test']);
    await untilSeen('q2@globex.test');
    await poll();
    const acks = (await sink.waitFor(5)).filter((m) => m.envelope.to.includes('bob@globex.test'));
    expect(acks).toHaveLength(1);
    expect(await untilTicketCount(2)).toHaveLength(2);
  }, 60_000);
});
