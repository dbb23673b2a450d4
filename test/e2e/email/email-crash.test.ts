import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { appendMail, listMail, mailboxStatus } from '../../support/mail/mailbox-client.js';
import {
  DOVECOT_INSTALL_HINT,
  type DovecotServer,
  dovecotAvailable,
  startDovecot,
} from '../../support/mail/start-dovecot.js';
import { type SmtpSink, startSmtpSink } from '../../support/mail/start-smtp-sink.js';
import { openPostgres } from '../../../data/open-postgres.js';
import { createTestSchema, type TestSchema } from '../../support/postgres/test-postgres.js';
import { queryDesk } from '../../support/query-desk.js';
import { TEST_CONFIG, TEST_STORE } from '../../support/start-test-server.js';

const MAILS = 40;
const KILL_AT_TICKETS = 3;
const sender = (i: number) => `customer${i}@globex.test`;
const messageId = (i: number) => `crash-${i}@globex.test`;

function mail(i: number): string {
  return [
    `From: Customer ${i} <${sender(i)}>`,
    'To: Support <support@desk.test>',
    `Subject: Export job ${i} fails with an exception`,
    `Message-ID: <${messageId(i)}>`,
    'Date: Mon, 23 Nov 2026 14:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Export job ${i} crashes every night with an error since the upgrade.`,
    '',
  ].join('\r\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The desk's database as this process reads it while the child runs: the SQLite file read-only (opened per read, as
 * the file may not be there yet), or the PostgreSQL schema (TEST_STORE=postgres).
 */
async function openReader(databasePath: string, databaseUrl: string | null) {
  const postgres = databaseUrl ? await openPostgres(databaseUrl, { migrate: false, max: 2 }) : null;
  const rows = async <T = Record<string, unknown>>(sql: string): Promise<T[]> => {
    if (postgres) return queryDesk<T>({ sqlite: null, postgres }, sql);
    const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      return await queryDesk<T>({ sqlite, postgres: null }, sql);
    } finally {
      sqlite.close();
    }
  };
  return {
    rows,
    /** One column of a query's rows. */
    column: async <T = string>(sql: string) =>
      (await rows<Record<string, T>>(sql)).map((r) => Object.values(r)[0] as T),
    /** A count; null while the database or the table is not there yet. */
    count: async (sql: string): Promise<number | null> => {
      if (!postgres && !existsSync(databasePath)) return null;
      try {
        return Number(Object.values((await rows(sql))[0] ?? {})[0]);
      } catch {
        return null;
      }
    },
    close: async () => postgres?.close(),
  };
}

describe('kill -9 of npm start during IMAP intake (a real child process, Dovecot and an SMTP sink)', () => {
  let imap: DovecotServer;
  let sink: SmtpSink;
  let dir: string;
  let schema: TestSchema | null = null;
  let reader: Awaited<ReturnType<typeof openReader>>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    if (!dovecotAvailable()) throw new Error(`Dovecot is missing: ${DOVECOT_INSTALL_HINT}`);
    imap = await startDovecot();
    sink = await startSmtpSink();
    dir = mkdtempSync(join(tmpdir(), 'desk-email-crash-'));
    if (TEST_STORE === 'postgres') schema = await createTestSchema();
    reader = await openReader(join(dir, 'support.sqlite'), schema?.url ?? null);
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await sink?.close();
    await imap?.dispose();
    await reader?.close();
    await schema?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function startDesk(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dir, 'support.sqlite'),
        DATABASE_URL: schema?.url ?? '',
        // On PostgreSQL the restarted desk is the same instance (as npm start on a fixed host and port is), so it takes
        // back at once what the killed one had claimed in the outbox, rather than after the claims' lease.
        INSTANCE_ID: 'email-crash-desk',
        MODEL_CACHE_PATH: join(dir, 'model.json'),
        SUPPORT_CONFIG: join(dir, 'support.config.yaml'),
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        ANALYSIS_WORKERS: '0',
        EMAIL_SMTP_URL: sink.url,
        EMAIL_IMAP_USER: imap.user,
        EMAIL_IMAP_PASSWORD: imap.password,
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        SLACK_APP_TOKEN: '',
        DISCORD_TOKEN: '',
        DISCORD_APPLICATION_ID: '',
        GITHUB_WEBHOOK_SECRET: '',
        GITHUB_TOKEN: '',
        GITHUB_APP_ID: '',
        GITHUB_PRIVATE_KEY: '',
        DASHBOARD_TOKEN: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, output: () => out, exited };
  }

  it('takes every mail exactly once after a crash mid-intake: one ticket and one acknowledgement each, cursor at the last UID', async () => {
    const { count } = reader;
    writeFileSync(
      join(dir, 'support.config.yaml'),
      stringify({
        ...TEST_CONFIG,
        customers: [
          ...(TEST_CONFIG.customers ?? []).filter((c) => c.id !== 'globex'),
          {
            id: 'globex',
            name: 'Globex',
            tier: 'professional',
            timezone: 'Europe/Berlin',
            email: { domains: ['globex.test'] },
          },
        ],
        email: {
          address: 'support@desk.test',
          name: 'Test Desk',
          intake: 'imap',
          imap: { host: imap.host, port: imap.port, secure: false, mailbox: 'INBOX', pollSeconds: 1 },
          ackWindowMinutes: 10,
        },
      }),
    );
    for (let i = 1; i <= MAILS; i++) await appendMail(imap, mail(i));

    // First run: SIGKILL as soon as the first few tickets are committed, while the rest are still being taken.
    const first = startDesk();
    const deadline = Date.now() + 25_000;
    let seen: number | null = null;
    while (Date.now() < deadline && first.child.exitCode === null) {
      seen = await count('SELECT COUNT(*) FROM tickets');
      if (seen !== null && seen >= KILL_AT_TICKETS) break;
      await sleep(5);
    }
    expect(seen, first.output()).toBeGreaterThanOrEqual(KILL_AT_TICKETS);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    const ticketsAtCrash = (await count('SELECT COUNT(*) FROM tickets')) ?? 0;
    // The crash came mid-intake: mail was still waiting.
    expect(ticketsAtCrash).toBeLessThan(MAILS);
    // The acknowledgement is claimed in its own write before the ticket's commit; a claim left without its ticket by
    // the crash names its mail, so taking the mail again still acknowledges it (counted below: every customer gets one).
    const claimedWithoutTicket = await reader.column(
      `SELECT address FROM email_acknowledgements WHERE address NOT IN (SELECT requester_id FROM tickets)`,
    );
    expect(claimedWithoutTicket.length).toBeLessThanOrEqual(1);
    expect((await listMail(imap)).filter((m) => !m.flags.includes('\\Seen')).length).toBeGreaterThan(0);

    // Second run on the same database: resumes from the cursor, and what was committed but not flagged is a duplicate.
    const second = startDesk();
    const until = Date.now() + 25_000;
    let unseen = MAILS;
    while (Date.now() < until && second.child.exitCode === null) {
      unseen = (await listMail(imap)).filter((m) => !m.flags.includes('\\Seen')).length;
      if (unseen === 0) break;
      await sleep(100);
    }
    expect(unseen, second.output()).toBe(0);
    await sink.waitFor(MAILS, 10_000).catch(() => undefined);
    await sleep(300); // a duplicate acknowledgement would arrive now
    second.child.kill('SIGTERM');
    expect(await second.exited, second.output()).toBe(0);

    expect(await count('SELECT COUNT(*) FROM tickets')).toBe(MAILS);
    expect(await count(`SELECT COUNT(DISTINCT requester_id) FROM tickets WHERE platform = 'email'`)).toBe(MAILS);
    const events = await reader.column(
      `SELECT event_id FROM inbound_events WHERE platform = 'email' ORDER BY event_id`,
    );
    expect(events).toEqual(Array.from({ length: MAILS }, (_, i) => `email:${messageId(i + 1)}`).sort());
    const status = await mailboxStatus(imap);
    const cursors = await reader.rows<{ mailbox: string; uid_validity: number; last_uid: number }>(
      'SELECT mailbox, uid_validity, last_uid FROM email_cursors',
    );
    expect(cursors).toEqual([
      {
        mailbox: `${imap.user}@${imap.host}:${imap.port}/INBOX`,
        uid_validity: Number(status.uidValidity),
        last_uid: status.uidNext - 1,
      },
    ]);
    expect(status.messages).toBe(MAILS);
    expect(await count(`SELECT COUNT(*) FROM outbox WHERE platform = 'email' AND sent_at IS NULL`)).toBe(0);

    // One acknowledgement per customer. SMTP has no way to ask whether a mail landed, so an acknowledgement the sink
    // accepted just before the kill (outbox not yet marked sent) is sent again, with the same Message-ID: at most the
    // one send in flight (a lane sends one at a time). No customer gets two different acknowledgements.
    const acks = sink.received;
    const ids = new Set(acks.map((m) => m.parsed.messageId));
    expect(ids.size).toBe(MAILS);
    expect(acks.length - MAILS).toBeLessThanOrEqual(1);
    const idsByRecipient = new Map<string, Set<string | undefined>>();
    for (const m of acks)
      for (const to of m.envelope.to)
        idsByRecipient.set(to, (idsByRecipient.get(to) ?? new Set()).add(m.parsed.messageId));
    expect([...idsByRecipient.keys()].sort()).toEqual(Array.from({ length: MAILS }, (_, i) => sender(i + 1)).sort());
    expect([...idsByRecipient.values()].every((s) => s.size === 1)).toBe(true);
  }, 60_000);
});
