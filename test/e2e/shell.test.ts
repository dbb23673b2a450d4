import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/postgres/test-postgres.js';
import { TEST_STORE } from '../support/start-test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'desk-shell-'));
/** A test that ends before the desk opens its database: the sqlite project runs it, the postgres one skips it. */
const itWithoutStore = it.skipIf(TEST_STORE === 'postgres');
/** The databases the tests below use; on PostgreSQL (TEST_STORE=postgres) each is a schema of its own. */
const DATABASES = [
  'shell.sqlite',
  'understood.sqlite',
  'answers.sqlite',
  'conversations.sqlite',
  'staff.sqlite',
  'reply.sqlite',
];
const schemas = new Map<string, TestSchema>();
beforeAll(async () => {
  if (TEST_STORE === 'postgres') for (const name of DATABASES) schemas.set(name, await createTestSchema());
});
afterAll(async () => {
  for (const schema of schemas.values()) await schema.drop();
  rmSync(dir, { recursive: true, force: true });
});

const envFor = (database: string) => ({
  ...process.env,
  DATABASE_PATH: join(dir, database),
  DATABASE_URL: TEST_STORE === 'postgres' ? urlOf(database) : '',
  MODEL_CACHE_PATH: join(dir, 'model.json'),
  SUPPORT_CONFIG: 'support.config.example.yaml',
  LOG_LEVEL: 'warn',
});

function urlOf(database: string): string {
  const schema = schemas.get(database);
  if (!schema) throw new Error(`${database} is not in DATABASES`);
  return schema.url;
}

/** `npm run shell` as a newcomer runs it: a real process, the example config, the real trained classifier, piped input. */
function shell(args: string[], input: string, database = 'shell.sqlite') {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/shell.ts', ...args], {
    input,
    encoding: 'utf8',
    timeout: 120_000,
    env: envFor(database),
  });
  if (run.status !== 0) throw new Error(`shell exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** The conversation id a shell session prints at start. */
const conversationOf = (out: string) => /resume with --conversation ([\w-]+)/.exec(out)?.[1] as string;

// Each test runs the shell (and report) as real processes one after another, up to five of them, each training or
// loading the classifier: more than the default 30 s on a busy machine.
describe('npm run shell (piped)', { timeout: 120_000 }, () => {
  it('answers as an enterprise customer with intent, ticket, priority and due time in the customer’s zone', () => {
    const out = shell(
      ['--as', 'acme'],
      'our production API is down, every request returns 503 since 10 minutes\n/status\n',
    );
    expect(out).toContain('you are Acme Corp (enterprise)');
    expect(out).toMatch(/\[intent service-down \d+% -> category service-down\]/);
    expect(out).toMatch(
      /Ticket SUP-\d+ · critical priority · enterprise tier · first response due \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d E[SD]T/,
    );
    expect(out).toMatch(/SUP-\d+ · open · critical · our production API is down/);
    expect(existsSync(join(dir, 'shell.sqlite'))).toBe(TEST_STORE === 'sqlite'); // it ran on the store under test
  });

  it("does not raise a ticket to critical (and page) on a customer's progress chase, but does on a fresh outage report", () => {
    const out = shell(
      ['--as', 'globex'],
      'The CSV export throws an error on every run\nAny update on this? It still fails.\n/status\nnow the whole API is down, every request returns 503\n/status\n',
    );
    const statuses = [...out.matchAll(/SUP-\d+ · open · (\w+) · The CSV export/g)].map((m) => m[1]);
    expect(statuses).toHaveLength(2);
    expect(statuses[0]).not.toBe('critical'); // after the chase
    expect(statuses[1]).toBe('critical'); // after the outage report
  });

  it('answers a community member from the knowledge base and abstains on nonsense', () => {
    const out = shell([], 'how do I connect the desk to Slack?\nflibber wobble quantum marmalade\n');
    expect(out).toContain('you are a community member');
    expect(out).toMatch(/\[intent setup-help \d+%\]\nThis (should help|article should help)/);
    expect(out).toContain('Connect Slack');
    expect(out).toMatch(/(below threshold: not auto-answering|I'm not sure I understood)/);
  });

  it('says what it understood when it is sure but has no article: a ticket for a problem, an offer for a question (issue 21.7)', () => {
    const out = shell(
      [],
      'my invoice is wrong, I was charged twice\n/conversation new\nis there an API to list tickets\n/ticket\n',
      'understood.sqlite',
    );
    expect(out).not.toContain("I'm not sure I understood");
    expect(out).toMatch(
      /\[intent account-billing \d+% -> category account-billing\]\nTicket SUP-1 · low priority · community tier/,
    );
    expect(out).toContain(
      'It sounds like an account or billing matter, so I opened SUP-1 for this (priority: low). A person will follow up here.',
    );
    expect(out).toMatch(
      /\[intent general-question \d+%\]\nIt sounds like a general question, but I have no article that answers it\. Open a ticket/,
    );
    expect(out).toContain('(type /ticket to open a ticket for this)');
    expect(out).toMatch(/Ticket SUP-2 · low priority · community tier[^\n]*\nI opened SUP-2 for this/); // /ticket: the Open a ticket button
  });

  it('suggests the article that fits, and no link to a repository that does not exist (issue 21.8)', () => {
    const out = shell(
      [],
      "how do I rotate the token\n/conversation new\nthe bot doesn't reply in my discord channel\n/kb rotate token\n",
      'answers.sqlite',
    );
    const [rotate, discord, kb] = out.split(/\nconversation \w+ · no ticket\n|\n1\. (?=Environment)/);
    expect(rotate).toMatch(
      /This article should help:\n {2}1\. Environment variables \[environment-variables\]\n[^\n]*\n {2}\(type \/ticket/,
    );
    expect(discord).toMatch(
      /I'm not sure I understood, but this article covers your question:\n {2}1\. The bot ignores messages on Discord \[troubleshooting-discord\]/,
    );
    expect(kb).toMatch(/^Environment variables \(covers 100% of the query\)/);
    expect(out).toMatch(/\(covers \d{1,3}% of the query\)/);
    expect(out).not.toMatch(/\(\d+\.\d\)/); // no raw ranking scores
    expect(out).not.toContain('github.com/acme/support-desk');
  });

  it('keeps conversations apart: /conversation new, and --conversation resumes one (issue 21.9)', () => {
    const out = shell(
      ['--as', 'acme'],
      'someone leaked our admin credentials, security breach\n/conversation new\nwhere are the docs for the webhook api?\n/status\n',
      'conversations.sqlite',
    );
    expect(out).toMatch(/Ticket SUP-1 · critical priority/);
    expect(out).toContain('(what you write next joins SUP-1; /conversation new for an unrelated question)');
    expect(out).not.toMatch(/Added to SUP-1/); // the docs question did not join the security ticket
    expect(out).toMatch(/SUP-1 · open · critical · someone leaked/);
    const first = conversationOf(out);
    const resumed = shell(
      ['--as', 'acme', '--conversation', first],
      'it also affects the billing page\n',
      'conversations.sqlite',
    );
    expect(resumed).toContain(`conversation ${first} · ticket SUP-1 (open, critical)`);
    expect(resumed).toContain('customer Acme Corp: someone leaked our admin credentials');
    expect(resumed).toMatch(/Added to SUP-1 \(open, customer-message\)/);
  });

  it('lets staff answer, pend and resolve in the customer’s conversation, and the customer rate it: every figure moves (issue 21.9)', () => {
    const db = 'staff.sqlite';
    const opened = shell(['--as', 'globex'], 'the export crashes with a null pointer error\n', db);
    const id = conversationOf(opened);
    expect(opened).toMatch(/Ticket SUP-1 · high priority · professional tier/);
    const customerTriesStaffWork = shell(['--as', 'globex', '--conversation', id], '/resolve\n/rate 5\n', db);
    expect(customerTriesStaffWork).toContain('Only support staff can do that.');
    const staff = shell(
      ['--as', 'globex', '--staff', 'bob', '--conversation', id],
      'Thanks, reproduced; a fix is on the way.\n/pend\n/resolve\n/rate 5\n',
      db,
    );
    expect(staff).toContain('you are Bob Berger (staff) in the conversation of Globex (professional)');
    expect(staff).toMatch(/Added to SUP-1 \(open, staff-first-response\)/);
    expect(staff).toContain('SUP-1 is waiting on the customer. (pending, high, assigned to bob)');
    expect(staff).toContain('SUP-1 is resolved. (resolved, high, assigned to bob)');
    expect(staff).toMatch(/The customer is asked: SUP-1 is resolved\. How satisfied are you/);
    expect(staff).toContain('Support staff cannot rate tickets.');
    const rated = shell(['--as', 'globex', '--conversation', id], '/rate 4\n/nps 10\n/nps 11\n', db);
    expect(rated).toContain('staff Bob Berger: Thanks, reproduced');
    expect(rated).toContain('Thanks for rating SUP-1 4/5.');
    expect(rated).toContain('Thanks for your 10/10 for SUP-1.');
    expect(rated).toContain('NPS must be 0-10.');

    const report = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/report.ts', '--period', '1d', '--format', 'json'],
      { encoding: 'utf8', env: envFor(db) },
    );
    expect(report.status).toBe(0);
    const overall = JSON.parse(report.stdout).metrics.overall;
    expect(overall).toMatchObject({
      tickets: 1,
      firstResponse: { count: 1 },
      sla: { hit: 1, missed: 0 },
      resolution: { resolved: 1 },
      csat: { count: 1, avg: 4 },
      nps: { count: 1, promoters: 1 },
    });
  });

  it('lets staff reply to a ticket by its key from any session, or leave an internal note (issue 22)', () => {
    const db = 'reply.sqlite';
    const opened = shell(['--as', 'globex'], 'the export crashes with a null pointer error\n', db);
    const id = conversationOf(opened);
    const staff = shell(
      ['--staff', 'bob'],
      '/reply SUP-1 Fixed in 2.4.1, please upgrade.\n/note SUP-1 customer runs 2.3\n/reply SUP-9 hello\n/reply\n',
      db,
    );
    expect(staff).toContain("Sent to SUP-1's shell conversation (first response recorded)");
    expect(staff).toContain('Internal note added to SUP-1.');
    expect(staff).toContain('No ticket SUP-9.');
    expect(staff).toContain('Usage: /reply <ticket key> <text>');
    expect(shell(['--as', 'globex'], '/reply SUP-1 hi\n', db)).toContain('Only staff can reply on a ticket');
    const resumed = shell(['--as', 'globex', '--conversation', id], '', db);
    expect(resumed).toContain('staff Bob Berger: Fixed in 2.4.1, please upgrade.');
    expect(resumed).not.toContain('customer runs 2.3');
  });

  itWithoutStore('refuses an unknown staff member or a malformed conversation id', () => {
    const staff = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/shell.ts', '--staff', 'nobody'], {
      input: '',
      encoding: 'utf8',
      env: envFor('x.sqlite'),
    });
    expect(staff.status).toBe(2);
    expect(staff.stderr).toContain('Unknown staff member "nobody". Known: alice, bob, chen');
    const id = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/shell.ts', '--conversation', '../etc'], {
      input: '',
      encoding: 'utf8',
      env: envFor('x.sqlite'),
    });
    expect(id.status).toBe(2);
  });

  itWithoutStore('refuses an unknown customer with the known ones listed', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/shell.ts', '--as', 'nobody'], {
      input: '',
      encoding: 'utf8',
      env: { ...process.env, DATABASE_PATH: join(dir, 'x.sqlite'), SUPPORT_CONFIG: 'support.config.example.yaml' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown customer "nobody". Known: acme, globex, initech');
  });
});
