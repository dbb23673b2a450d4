import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillSqliteDesk } from '../test/support/fill-sqlite-desk.js';
import { createTestSchema } from '../test/support/postgres/test-postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'db-copy-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = join(import.meta.dirname, '..');

describe('npm run db:copy', () => {
  it('copies a desk file into an empty database, prints the tables and the total, and refuses a second run', async () => {
    const file = join(dir, 'cli.sqlite');
    const desk = await fillSqliteDesk(file);
    // Ordinary tables only, as db:copy reads them: not the ticket search's FTS5 index (migration 013), its shadow tables
    // or its queue of entries to index (PostgreSQL indexes the copied rows itself).
    const tables = desk.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'");
    const total = (tables.pluck().all() as string[])
      .filter(
        (t) => !/^(sqlite_|schema_migrations|rollup_|ticket_fact_days|rating_fact_days|ticket_search_queue)/.test(t),
      )
      .reduce((n, t) => n + (desk.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number), 0);
    desk.close();
    const schema = await createTestSchema();
    try {
      const run = () =>
        spawnSync('npx', ['tsx', 'scripts/db-copy.ts', '--from', file, '--to', schema.url], {
          cwd: root,
          encoding: 'utf8',
          timeout: 60_000,
        });
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^copied .*cli\.sqlite to postgres:\/\/.* \(one transaction, committed\):/);
      expect(first.stdout).toMatch(/\n {2}tickets +3 rows\n/);
      expect(first.stdout).toMatch(/\n {2}email_messages +3 rows\n/);
      expect(first.stdout).toMatch(new RegExp(`\\n {2}total +${total} rows in 22 tables\\n$`));
      expect(first.stdout).toMatch(/\n {2}dashboard_sessions +1 row\n/);
      const second = run();
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(/already has rows in .*tickets.*nothing was copied/);
      const usage = spawnSync('npx', ['tsx', 'scripts/db-copy.ts', '--from', file], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain('usage: npm run db:copy');
    } finally {
      await schema.drop();
    }
  }, 120_000);
});
