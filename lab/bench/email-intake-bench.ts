import type { IntentModel } from '../../core/classifier/intent-model.js';
import type { MailboxCursor } from '../../core/ports/email-store.js';
import { silentLogger } from '../../core/ports/logger.js';
import { readEnv } from '../../runtime/env.js';
import { emailStarter } from '../../runtime/platforms/email.js';
import { withImap } from '../../test/support/mail/mailbox-client.js';
import { DOVECOT_INSTALL_HINT, dovecotAvailable, startDovecot } from '../../test/support/mail/start-dovecot.js';
import { startSmtpSink } from '../../test/support/mail/start-smtp-sink.js';
import { startTestServer, TEST_CONFIG } from '../../test/support/start-test-server.js';
import { percentileOfSorted } from '../metrics/percentile.js';

export interface EmailIntakeBenchResult {
  mails: number;
  mailsPerSecond: number;
  /** One mail's whole turn in the intake: fetch by UID, parse, thread, triage and commit, flag \Seen, save the cursor. */
  p50MsPerMail: number;
  p99MsPerMail: number;
  /** The engine's part of it (classification, search, the ticket's commit). */
  p50EngineMs: number;
}

export type EmailIntakeBench = EmailIntakeBenchResult | { skipped: string };

function mail(i: number, text: string): string {
  return [
    `From: Customer ${i} <customer${i}@globex.test>`,
    'To: Support <support@desk.test>',
    `Subject: ${text.slice(0, 60).replace(/\s+/g, ' ')}`,
    `Message-ID: <bench-${i}@globex.test>`,
    'Date: Mon, 23 Nov 2026 14:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * IMAP intake end to end, as npm start wires it (runtime/platforms/email.ts): `mails` new mails from distinct senders
 * are APPENDed to a private Dovecot first, then the email platform starts on a desk (SQLite file, the given model) and
 * takes the backlog: fetch by UID, parse, triage, commit the ticket, flag \Seen, save the cursor, one mail at a time,
 * while the outbox sends the acknowledgements to an SMTP sink. Timed from the intake's start (connect and login
 * included) to the cursor reaching the last UID. Skips (returns `skipped`) when Dovecot is not installed.
 */
export async function benchEmailIntake(options: {
  model: IntentModel;
  texts: readonly string[];
  mails?: number;
}): Promise<EmailIntakeBench> {
  if (!dovecotAvailable()) return { skipped: `Dovecot is not installed (${DOVECOT_INSTALL_HINT})` };
  const mails = options.mails ?? 500;
  const imap = await startDovecot();
  const sink = await startSmtpSink();
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let platform: Awaited<ReturnType<typeof emailStarter.start>> | undefined;
  try {
    let lastUid = 0;
    await withImap(imap, async (client) => {
      for (let i = 0; i < mails; i++) {
        const text = options.texts[i % options.texts.length] as string;
        const appended = await client.append('INBOX', mail(i, text), []);
        if (appended && appended.uid !== undefined) lastUid = Math.max(lastUid, appended.uid);
      }
    });

    const config = {
      ...TEST_CONFIG,
      email: {
        address: 'support@desk.test',
        intake: 'imap' as const,
        imap: { host: imap.host, port: imap.port, secure: false, mailbox: 'INBOX', pollSeconds: 60 },
      },
    };
    // The desk without the email platform; it is started below with timing hooks on the desk's own stores.
    server = await startTestServer({ config, model: options.model });
    const desk = server.desk;

    const handleMs: number[] = [];
    const handle = desk.engine.handle;
    desk.engine.handle = async (...args) => {
      const started = performance.now();
      try {
        return await handle(...args);
      } finally {
        handleMs.push(performance.now() - started);
      }
    };
    const marks: number[] = [];
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const saveCursor = desk.emailStore.saveCursor;
    desk.emailStore.saveCursor = async (cursor: MailboxCursor) => {
      await saveCursor(cursor);
      marks.push(performance.now());
      if (cursor.lastUid >= lastUid) finished();
    };

    const env = readEnv({
      EMAIL_SMTP_URL: sink.url,
      EMAIL_IMAP_USER: imap.user,
      EMAIL_IMAP_PASSWORD: imap.password,
      LOG_LEVEL: 'silent',
    });
    const started = performance.now();
    platform = await emailStarter.start({ desk, http: server.http, env, log: silentLogger });
    desk.platforms.set('email', platform.chat);
    const timeout = setTimeout(() => finished(), 300_000);
    await done;
    clearTimeout(timeout);
    const elapsed = (marks.at(-1) ?? performance.now()) - started;
    if (marks.length < mails) throw new Error(`email intake bench: ${marks.length} of ${mails} mails taken`);
    // The acknowledgements still queued are not part of the figure: the sink (smtp-server) holds each new connection
    // 100 ms before its greeting, so the outbox would take a while to drain them. Without the platform they stay queued.
    desk.platforms.delete('email');

    const perMail = marks.map((t, i) => t - (i === 0 ? started : (marks[i - 1] as number))).sort((a, b) => a - b);
    handleMs.sort((a, b) => a - b);
    return {
      mails,
      mailsPerSecond: Math.round(mails / (elapsed / 1000)),
      p50MsPerMail: round2(percentileOfSorted(perMail, 50)),
      p99MsPerMail: round2(percentileOfSorted(perMail, 99)),
      p50EngineMs: round2(percentileOfSorted(handleMs, 50)),
    };
  } finally {
    await platform?.stop();
    await server?.dispose();
    await sink.close();
    await imap.dispose();
  }
}
