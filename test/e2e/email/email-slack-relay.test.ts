import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { startSlackDesk, type SlackDesk } from '../slack/start-slack-desk.js';
import { freePort } from '../../support/mail/start-dovecot.js';
import { type SmtpSink, startSmtpSink } from '../../support/mail/start-smtp-sink.js';

describe('email tickets answered from the Slack staff channel', () => {
  let sink: SmtpSink;
  let s: SlackDesk;
  let port: number;

  beforeAll(async () => {
    sink = await startSmtpSink();
    port = await freePort();
    s = await startSlackDesk({
      env: { EMAIL_SMTP_URL: sink.url },
      config: {
        email: { address: 'support@desk.test', name: 'Test Desk', intake: 'smtp', smtp: { host: '127.0.0.1', port } },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await sink?.close();
  });

  it('announces a mailed ticket, sends a staff reply in its thread to the customer by mail, and keeps /note internal', async () => {
    const customer = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await customer.sendMail({
      from: 'Jane Doe <jane@globex.test>',
      to: 'support@desk.test',
      subject: 'Exports fail with an error',
      text: 'Since Monday every export fails.',
      messageId: '<q1@globex.test>',
    });
    const [ticket] = await s.desk.store.listTickets({ platform: 'email', limit: 10 });
    expect(ticket).toMatchObject({ customerId: 'globex', tier: 'professional' });
    await s.desk.outbox.flush();
    const [announcement] = await s.waitForPost((c) => c.args.channel === 'C_STAFF');
    expect(visibleText(announcement!)).toContain(ticket!.key);
    const posted = s.emulator.store.history('C_STAFF').find((m) => m.text?.includes(ticket!.key));
    expect(posted?.bot_id).toBeDefined();
    await sink.waitFor(1); // the acknowledgement

    const reply = await s.deliver.userMessage({
      channel: 'C_STAFF',
      user: 'U_ALICE',
      text: 'Fixed in 2.4.1: please upgrade.',
      thread_ts: posted!.ts,
    });
    expect(reply.status).toBe(200);
    await s.desk.outbox.flush();
    const [, mail] = await sink.waitFor(2);
    expect(mail?.envelope.to).toEqual(['jane@globex.test']);
    expect(mail?.parsed.subject).toBe(`Re: [${ticket!.key}] Exports fail with an error`);
    expect(mail?.parsed.from?.value[0]?.name).toBe('Alice Agent via Test Desk');
    expect(mail?.parsed.text).toContain('Fixed in 2.4.1: please upgrade.');
    expect((await s.desk.store.getTicket(ticket!.id))?.firstResponseAt).not.toBeNull();
    const [ack] = await s.waitForPost((c) => c.args.channel === 'C_STAFF' && c.args.thread_ts === posted!.ts);
    expect(String(ack?.args.text)).toContain('Sent to the customer by email (first response recorded).');

    await s.deliver.userMessage({
      channel: 'C_STAFF',
      user: 'U_ALICE',
      text: '/note customer is on 2.3',
      thread_ts: posted!.ts,
    });
    await s.desk.outbox.flush();
    await s.waitForPost(
      (c) => c.args.channel === 'C_STAFF' && c.args.thread_ts === posted!.ts && c.args.text === 'Internal note added.',
    );
    expect(sink.received).toHaveLength(2);
    const audit = await s.desk.store.listAudit(ticket!.id);
    expect(audit.find((a) => a.action === 'ticket.note')?.detail).toEqual({ text: 'customer is on 2.3' });
  }, 30_000);
});
