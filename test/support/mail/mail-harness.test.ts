import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMail, createMailbox, imapClient, listMail, mailboxStatus, withImap } from './mailbox-client.js';
import { DOVECOT_INSTALL_HINT, dovecotAvailable, startDovecot } from './start-dovecot.js';
import type { DovecotServer } from './start-dovecot.js';
import { startSmtpSink } from './start-smtp-sink.js';
import type { SmtpSink } from './start-smtp-sink.js';

function message(n: number): string {
  return [
    'From: Ada Customer <ada@customer.test>',
    'To: support@desk.test',
    `Subject: Harness message ${n}`,
    `Message-ID: <harness-${n}@customer.test>`,
    'Date: Wed, 04 Mar 2026 14:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Body of message ${n}.`,
    '',
  ].join('\r\n');
}

describe('mail harness: a real Dovecot on loopback', () => {
  let dovecot: DovecotServer;

  beforeAll(async () => {
    // CI installs Dovecot: a missing binary is a failure, not a skip.
    if (!dovecotAvailable()) throw new Error(`Dovecot is missing: ${DOVECOT_INSTALL_HINT}`);
    dovecot = await startDovecot();
  });

  afterAll(async () => {
    await dovecot?.dispose();
  });

  it('APPENDs messages and lists them with UIDs, flags and UIDVALIDITY', async () => {
    const first = await appendMail(dovecot, message(1));
    const second = await appendMail(dovecot, message(2), {
      flags: ['\\Flagged'],
      date: new Date('2026-03-04T15:00:00Z'),
    });
    expect(first.uid).toBe(1);
    expect(second.uid).toBe(2);
    expect(second.uidValidity).toBe(first.uidValidity);
    expect(first.uidValidity).toBeGreaterThan(0n);

    const status = await mailboxStatus(dovecot);
    expect(status).toEqual({ uidValidity: first.uidValidity, uidNext: 3, messages: 2 });

    expect(await listMail(dovecot)).toEqual([
      { uid: 1, flags: [], subject: 'Harness message 1', messageId: '<harness-1@customer.test>' },
      { uid: 2, flags: ['\\Flagged'], subject: 'Harness message 2', messageId: '<harness-2@customer.test>' },
    ]);
  });

  it('sets \\Seen through imapflow and reads it back', async () => {
    await withImap(dovecot, async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsAdd('1', ['\\Seen'], { uid: true });
      } finally {
        lock.release();
      }
    });
    const mail = await listMail(dovecot);
    expect(mail.map((m) => [m.uid, m.flags])).toEqual([
      [1, ['\\Seen']],
      [2, ['\\Flagged']],
    ]);
  });

  it('wakes an IDLE client with an exists event when another connection appends', async () => {
    const watcher = imapClient(dovecot);
    await watcher.connect();
    try {
      const box = await watcher.mailboxOpen('INBOX');
      const before = box.exists;
      const exists = new Promise<{ count: number; prevCount: number }>((resolve) => watcher.once('exists', resolve));
      void watcher.idle();
      for (let i = 0; i < 100 && !watcher.idling; i++) await new Promise((r) => setTimeout(r, 10));
      expect(watcher.idling).toBe(true);

      const started = Date.now();
      const appended = await appendMail(dovecot, message(3));
      const event = await exists;
      expect(event).toMatchObject({ count: before + 1, prevCount: before });
      expect(appended.uid).toBe(3);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await watcher.logout().catch(() => watcher.close());
    }
  });

  it('keeps the maildir, UIDs and UIDVALIDITY across restart() and kill9()', async () => {
    const before = await mailboxStatus(dovecot);
    const listed = await listMail(dovecot);
    const port = dovecot.port;

    await dovecot.restart();
    expect(dovecot.port).toBe(port);
    expect(await mailboxStatus(dovecot)).toEqual(before);
    expect(await listMail(dovecot)).toEqual(listed);

    await dovecot.kill9();
    expect(dovecot.running).toBe(false);
    await dovecot.restart();
    expect(dovecot.running).toBe(true);
    const next = await appendMail(dovecot, message(4));
    expect(next).toEqual({ uid: before.uidNext, uidValidity: before.uidValidity });
  });

  it('creates a mailbox and appends into it', async () => {
    await createMailbox(dovecot, 'Processed');
    await createMailbox(dovecot, 'Processed');
    const appended = await appendMail(dovecot, message(5), { mailbox: 'Processed', flags: ['\\Seen'] });
    expect(appended.uid).toBe(1);
    expect(await listMail(dovecot, 'Processed')).toEqual([
      { uid: 1, flags: ['\\Seen'], subject: 'Harness message 5', messageId: '<harness-5@customer.test>' },
    ]);
  });
});

describe('mail harness: the SMTP sink', () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink?.close();
  });

  const mail = (n: number) => ({
    from: 'Support Desk <support@desk.test>',
    to: 'ada@customer.test',
    subject: `[SUP-${n}] We are on it`,
    text: `Reply ${n}`,
    headers: { 'Auto-Submitted': 'auto-replied' },
  });

  it('receives, records and parses a nodemailer message', async () => {
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
    const transport = nodemailer.createTransport(sink.url);
    const info = await transport.sendMail(mail(1));
    expect(info.response).toMatch(/^250 /);
    const [received] = await sink.waitFor(1);
    expect(received!.envelope).toEqual({ from: 'support@desk.test', to: ['ada@customer.test'] });
    expect(received!.parsed.subject).toBe('[SUP-1] We are on it');
    expect(received!.parsed.text?.trim()).toBe('Reply 1');
    expect(received!.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(received!.raw.toString()).toContain('Subject: [SUP-1] We are on it');
  });

  it('failNext(1, 451) fails one send with responseCode 451, then accepts', async () => {
    const transport = nodemailer.createTransport(sink.url);
    sink.failNext(1, 451);
    await expect(transport.sendMail(mail(2))).rejects.toMatchObject({ responseCode: 451 });
    await transport.sendMail(mail(3));
    expect(sink.received.map((m) => m.parsed.subject)).toEqual(['[SUP-1] We are on it', '[SUP-3] We are on it']);

    sink.failNext(1, 550, 'No such user', 'rcpt');
    await expect(transport.sendMail(mail(4))).rejects.toMatchObject({ responseCode: 550 });
    expect(sink.rejected.map((r) => [r.stage, r.code])).toEqual([
      ['data', 451],
      ['rcpt', 550],
    ]);
  });

  it('setDown answers 421 or refuses connections, and comes back on the same port', async () => {
    const transport = nodemailer.createTransport(sink.url);
    await sink.setDown(true);
    await expect(transport.sendMail(mail(5))).rejects.toMatchObject({ responseCode: 421 });
    await sink.setDown(true, 'refuse');
    await expect(transport.sendMail(mail(6))).rejects.toMatchObject({ code: 'ESOCKET' });
    await sink.setDown(false);
    await transport.sendMail(mail(7));
    expect(sink.received).toHaveLength(3);
    await expect(sink.waitFor(4, 50)).rejects.toThrow(/3 of 4/);
  });
});
