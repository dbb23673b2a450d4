import Database from 'better-sqlite3';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/ports/clock.js';
import { freePort } from '../../support/mail/start-dovecot.js';
import { type SmtpSink, startSmtpSink } from '../../support/mail/start-smtp-sink.js';
import { composeMail } from '../../support/mail/compose-mail.js';
import { execDesk } from '../../support/query-desk.js';
import { startTestServer, TEST_CONFIG, type TestServer } from '../../support/start-test-server.js';

/** The tables a mail's intake writes: its thread and Message-ID, attachments, acknowledgement claim, then the ticket. */
const INTAKE_TABLES = [
  'email_threads',
  'email_messages',
  'email_attachments',
  'email_acknowledgements',
  'inbound_events',
  'tickets',
  'ticket_messages',
];

/**
 * Make the desk's database refuse writes until the returned function is called, as a lock held by another writer (a
 * long migration, a stuck backup) does. SQLite: another connection holds the write lock and the desk waits its busy
 * timeout, shortened from 5 s, and fails with SQLITE_BUSY. PostgreSQL waits for a lock without a timeout, so there
 * every write to the intake's tables fails at once with the error a lock timeout gives (55P03).
 */
async function blockWrites(server: TestServer): Promise<() => Promise<void>> {
  if (server.store === 'sqlite') {
    const blocker = new Database(server.databasePath);
    server.desk.db.pragma('busy_timeout = 100');
    blocker.exec('BEGIN IMMEDIATE');
    return async () => {
      if (blocker.inTransaction) blocker.exec('ROLLBACK');
      blocker.close();
      server.desk.db.pragma('busy_timeout = 5000');
    };
  }
  await execDesk(server.desk.stores, {
    sqlite: '',
    postgres: `CREATE FUNCTION e2e_locked() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'e2e: canceling statement due to lock timeout' USING ERRCODE = 'lock_not_available'; END $$;
      ${INTAKE_TABLES.map((t) => `CREATE TRIGGER e2e_locked BEFORE INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION e2e_locked();`).join('\n')}`,
  });
  return () =>
    execDesk(server.desk.stores, {
      sqlite: '',
      postgres: `${INTAKE_TABLES.map((t) => `DROP TRIGGER e2e_locked ON ${t};`).join(' ')} DROP FUNCTION e2e_locked();`,
    });
}

const MONDAY_1400_UTC = Date.UTC(2026, 10, 23, 14, 0, 0);
const MAX_BYTES = 64 * 1024;

// The schema wants a port from 1 (no port 0), so the receiver gets a port that was free a moment ago.
const CONFIG = (smtpPort: number) => ({
  ...TEST_CONFIG,
  email: {
    address: 'support@desk.test',
    name: 'Test Desk',
    intake: 'smtp' as const,
    smtp: { host: '127.0.0.1', port: smtpPort, maxBytes: MAX_BYTES },
    ackWindowMinutes: 10,
  },
});

describe('email received directly over SMTP (the desk as the receiving server, an SMTP sink as its relay)', () => {
  let sink: SmtpSink;
  let desk: TestServer;
  let smtpPort: number;
  let client: Transporter<SMTPTransport.SentMessageInfo>;
  const clock = fixedClock(MONDAY_1400_UTC);

  /** Deliver raw bytes as a sending server would (envelope given, no rewriting of the message). */
  const deliver = (raw: string, from: string, to = ['support@desk.test']) =>
    client.sendMail({ envelope: { from, to }, raw });
  const emailTickets = () => desk.desk.store.listTickets({ platform: 'email', limit: 1000 });

  beforeAll(async () => {
    sink = await startSmtpSink();
    // freePort() then listen: another process could take the port in between; try a few.
    for (let attempt = 1; ; attempt++) {
      smtpPort = await freePort();
      try {
        desk = await startTestServer({ config: CONFIG(smtpPort), clock, env: { EMAIL_SMTP_URL: sink.url } });
        break;
      } catch (err) {
        if (attempt >= 5 || !/EADDRINUSE/.test(String(err))) throw err;
      }
    }
    expect(desk.live).toContain('email');
    client = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  }, 60_000);
  afterAll(async () => {
    client?.close();
    await desk?.dispose();
    await sink?.close();
  });

  it('answers 250 only once the ticket is stored, and the acknowledgement goes out through the relay', async () => {
    const info = await deliver(
      composeMail({
        from: 'Jane Doe <jane@globex.test>',
        subject: 'Export fails with an exception',
        body: 'Our nightly export crashes since this morning.',
        id: 's1@globex.test',
      }),
      'jane@globex.test',
    );
    expect(info.response).toMatch(/^250/);
    // No waiting: the 250 came after the commit, so the ticket is already in the store.
    const tickets = await emailTickets();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ customerId: 'globex', requesterId: 'jane@globex.test', tier: 'professional' });
    expect(await desk.desk.store.hasEvent('email', 'email:s1@globex.test')).toBe(true);

    await desk.desk.outbox.flush();
    const [ack] = await sink.waitFor(1);
    expect(ack?.envelope.to).toEqual(['jane@globex.test']);
    expect(ack?.parsed.subject).toBe(`Re: [${tickets[0]!.key}] Export fails with an exception`);
    expect(ack?.parsed.inReplyTo).toBe('<s1@globex.test>');
  });

  it('refuses a recipient it does not serve with 550, before the data', async () => {
    const error = await deliver(
      composeMail({
        from: 'bob@globex.test',
        subject: 'Hello?',
        body: 'Is this the right address?',
        id: 's2@globex.test',
      }),
      'bob@globex.test',
      ['sales@desk.test'],
    ).catch((err: unknown) => err);
    expect(error).toMatchObject({ responseCode: 550 });
    expect(String((error as Error).message)).toContain('no such mailbox here');
    expect(await emailTickets()).toHaveLength(1);
    expect(await desk.desk.store.hasEvent('email', 'email:s2@globex.test')).toBe(false);
  });

  it('refuses a mail over maxBytes with 552 and opens no ticket', async () => {
    const big = composeMail({
      from: 'carol@globex.test',
      subject: 'Huge log attached inline',
      body: Array.from({ length: 2_000 }, (_, i) => `log line ${i}: the export crashed again with an error`).join(
        '\r\n',
      ),
      id: 's3@globex.test',
    });
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_BYTES);
    const error = await deliver(big, 'carol@globex.test').catch((err: unknown) => err);
    expect(error).toMatchObject({ responseCode: 552 });
    expect(await emailTickets()).toHaveLength(1);
    expect(await desk.desk.store.hasEvent('email', 'email:s3@globex.test')).toBe(false);
  });

  it('takes the same mail sent twice (a sending server retrying) as one ticket, acknowledged once', async () => {
    const raw = composeMail({
      from: 'dave@globex.test',
      subject: 'Invoice shows the wrong amount',
      body: 'Our November invoice is twice what we expected.',
      id: 's4@globex.test',
    });
    expect((await deliver(raw, 'dave@globex.test')).response).toMatch(/^250/);
    expect((await deliver(raw, 'dave@globex.test')).response).toMatch(/^250/);
    const tickets = await emailTickets();
    expect(tickets).toHaveLength(2);
    expect(tickets.filter((t) => t.requesterId === 'dave@globex.test')).toHaveLength(1);
    await desk.desk.outbox.flush();
    await sink.waitFor(2);
    await desk.desk.outbox.flush();
    expect(sink.received.filter((m) => m.envelope.to.includes('dave@globex.test'))).toHaveLength(1);
  });

  it('answers 451 when the database cannot take the mail (locked by another writer), and takes the retry', async () => {
    const raw = composeMail({
      from: 'erin@globex.test',
      subject: 'The dashboard is slow',
      body: 'Loading the dashboard takes a minute.',
      id: 's5@globex.test',
    });
    // Another writer holds the database (blockWrites): the desk's write fails, and the sender is told to retry.
    const unblock = await blockWrites(desk);
    try {
      const error = await deliver(raw, 'erin@globex.test').catch((err: unknown) => err);
      expect(error).toMatchObject({ responseCode: 451 });
    } finally {
      await unblock();
    }
    expect(await desk.desk.store.hasEvent('email', 'email:s5@globex.test')).toBe(false);
    expect(await emailTickets()).toHaveLength(2);

    // The sending server retries later: now it is stored, once.
    expect((await deliver(raw, 'erin@globex.test')).response).toMatch(/^250/);
    const tickets = await emailTickets();
    expect(tickets).toHaveLength(3);
    expect(tickets.filter((t) => t.requesterId === 'erin@globex.test')).toHaveLength(1);
  });

  // The acknowledgement is claimed (email_acknowledgements) in its own write before the engine commits the ticket. When
  // that commit fails, the sender gets 451 and retries; the claim names the mail, so the retry still acknowledges.
  it('acknowledges a mail whose first commit failed (451) once the retry is stored', async () => {
    const raw = composeMail({
      from: 'frank@globex.test',
      subject: 'Cannot install the agent',
      body: 'The installer stops with an error on step 3.',
      id: 's6@globex.test',
    });
    const mailStore = desk.desk.emailStore;
    const claim = mailStore.claimAcknowledgement;
    let unblock: (() => Promise<void>) | undefined;
    // The database becomes unavailable right after the claim, so the ticket's own commit is what fails.
    mailStore.claimAcknowledgement = async (...args) => {
      const claimed = await claim(...args);
      unblock = await blockWrites(desk);
      return claimed;
    };
    try {
      const error = await deliver(raw, 'frank@globex.test').catch((err: unknown) => err);
      expect(error).toMatchObject({ responseCode: 451 });
    } finally {
      mailStore.claimAcknowledgement = claim;
      await unblock?.();
    }
    expect(await desk.desk.store.hasEvent('email', 'email:s6@globex.test')).toBe(false);

    expect((await deliver(raw, 'frank@globex.test')).response).toMatch(/^250/);
    expect((await emailTickets()).filter((t) => t.requesterId === 'frank@globex.test')).toHaveLength(1);
    const toFrank = () => sink.received.filter((m) => m.envelope.to.includes('frank@globex.test'));
    for (const deadline = Date.now() + 2_000; !toFrank().length && Date.now() < deadline; )
      await desk.desk.outbox.flush().then(() => new Promise((r) => setTimeout(r, 50)));
    expect(toFrank()).toHaveLength(1);
  });
});
