import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'desk-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run shell` as a newcomer runs it: a real process, the example config, the real trained classifier, piped input. */
function shell(args: string[], input: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/shell.ts', ...args], {
    input,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DATABASE_PATH: join(dir, 'shell.sqlite'), MODEL_CACHE_PATH: join(dir, 'model.json'), SUPPORT_CONFIG: 'support.config.example.yaml', LOG_LEVEL: 'warn' },
  });
  if (run.status !== 0) throw new Error(`shell exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

describe('npm run shell (piped)', () => {
  it('answers as an enterprise customer with intent, ticket, priority and due time in the customer’s zone', () => {
    const out = shell(['--as', 'acme'], 'our production API is down, every request returns 503 since 10 minutes\n/status\n');
    expect(out).toContain('you are Acme Corp (enterprise)');
    expect(out).toMatch(/\[intent service-down \d+% -> category service-down\]/);
    expect(out).toMatch(/Ticket SUP-\d+ · critical priority · enterprise tier · first response due \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d E[SD]T/);
    expect(out).toMatch(/SUP-\d+ · open · critical · our production API is down/);
  });

  it("does not raise a ticket to critical (and page) on a customer's progress chase, but does on a fresh outage report", () => {
    const out = shell(['--as', 'globex'], 'The CSV export throws an error on every run\nAny update on this? It still fails.\n/status\nnow the whole API is down, every request returns 503\n/status\n');
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

  it('refuses an unknown customer with the known ones listed', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/shell.ts', '--as', 'nobody'], { input: '', encoding: 'utf8', env: { ...process.env, DATABASE_PATH: join(dir, 'x.sqlite'), SUPPORT_CONFIG: 'support.config.example.yaml' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Unknown customer "nobody". Known: acme, globex, initech');
  });
});
