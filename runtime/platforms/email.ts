import nodemailer from 'nodemailer';
import { createEmailChatPlatform } from '../../bots/email/create-email-chat-platform.js';
import { createImapIntake, type ImapIntake } from '../../bots/email/create-imap-intake.js';
import { createInboundMailHandler } from '../../bots/email/create-inbound-mail-handler.js';
import { createSmtpReceiver, type SmtpReceiver } from '../../bots/email/create-smtp-receiver.js';
import { EnvError } from '../env.js';
import type { PlatformStarter } from './platform-starter.js';

/**
 * Email: mail in through an IMAP mailbox (imapflow, IDLE with a polling fallback) or the desk's own SMTP receiver
 * (smtp-server), mail out through the outbox and nodemailer over EMAIL_SMTP_URL. The `email:` section of the config
 * says which; credentials come from the environment.
 */
export const emailStarter: PlatformStarter = {
  name: 'email',
  async start({ desk, env, log }) {
    const email = desk.config.email;
    if (!email)
      throw new EnvError(
        'EMAIL_SMTP_URL is set but support.config.yaml has no email: section (at least email.address); see docs/email.md',
      );
    const transport = nodemailer.createTransport({
      url: env.EMAIL_SMTP_URL as string,
      connectionTimeout: env.PLATFORM_REQUEST_TIMEOUT_MS,
      greetingTimeout: env.PLATFORM_REQUEST_TIMEOUT_MS,
      socketTimeout: env.PLATFORM_REQUEST_TIMEOUT_MS,
    });
    const chat = createEmailChatPlatform({
      transport,
      mail: desk.emailStore,
      tickets: desk.store,
      from: { address: email.address, name: email.name ?? desk.config.desk.name },
      clock: desk.clock,
    });
    const take = createInboundMailHandler({
      engine: desk.engine,
      actions: desk.actions,
      tickets: desk.store,
      mail: desk.emailStore,
      email,
      ticketPrefix: desk.config.desk.ticketPrefix,
      clock: desk.clock,
      log,
      // "call" and the number of an offered time, by mail (docs/video-calls.md).
      calls: { calls: desk.calls, directory: desk.directory },
    });

    let intake: ImapIntake | null = null;
    let receiver: SmtpReceiver | null = null;
    let describe = `email (${email.address}, sending only)`;
    if (email.intake === 'imap') {
      if (!env.EMAIL_IMAP_USER || !env.EMAIL_IMAP_PASSWORD)
        throw new EnvError('email.intake is imap: set EMAIL_IMAP_USER and EMAIL_IMAP_PASSWORD (or set intake: none)');
      intake = createImapIntake(
        {
          ...email.imap,
          user: env.EMAIL_IMAP_USER,
          password: env.EMAIL_IMAP_PASSWORD,
          pollMs: email.imap.pollSeconds * 1000,
        },
        { cursors: desk.emailStore, take: (raw) => take(raw), log },
      );
      await intake.start();
      describe = `email (${email.address}, IMAP ${email.imap.host}:${email.imap.port}/${email.imap.mailbox})`;
    } else if (email.intake === 'smtp') {
      receiver = createSmtpReceiver(
        {
          host: email.smtp.host,
          port: email.smtp.port,
          maxBytes: email.smtp.maxBytes,
          recipients: email.smtp.recipients ?? [email.address],
        },
        { take: (raw) => take(raw), log },
      );
      const port = await receiver.start();
      describe = `email (${email.address}, receiving SMTP on ${email.smtp.host}:${port})`;
    }
    return {
      chat,
      describe,
      async stop() {
        await intake?.stop();
        await receiver?.stop();
        transport.close();
      },
    };
  },
};
