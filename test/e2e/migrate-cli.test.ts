import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../data/open-database.js';
import { createTestSchema } from '../support/postgres/test-postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'desk-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const migrate = (path: string, ...args: string[]) => migrateWith({ DATABASE_PATH: path }, ...args);
const migrateWith = (env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout + r.stderr };
};

describe('npm run migrate', () => {
  it('migrates an older 4 KiB-page database, says how to convert it, and converts it with --page-size', () => {
    const path = join(dir, 'old.sqlite');
    const old = new Database(path);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.close();

    const first = migrate(path);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/schema at 001_initial\.sql, .*008_outbox_attempted_at\.sql/);
    expect(first.out).toMatch(/\(applied now: 001_initial\.sql, .*008_outbox_attempted_at\.sql[^)]*\)/); // and any later migrations
    expect(first.out).not.toContain('(up to date)');
    expect(first.out).toContain(`database has 4096-byte pages; new ones use ${PAGE_SIZE}`);
    expect(first.out).toContain(`npm run migrate -- --page-size ${PAGE_SIZE}`);

    const bad = migrate(path, '--page-size', '1000');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('page size must be a power of two from 512 to 65536, not 1000');

    const converted = migrate(path, '--page-size', String(PAGE_SIZE));
    expect(converted.code, converted.out).toBe(0);
    expect(converted.out).toMatch(new RegExp(`page size 4096 -> ${PAGE_SIZE} bytes \\(rewritten in \\d+ ms\\)`));
    const db = new Database(path);
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    const again = migrate(path);
    expect(again.code).toBe(0);
    expect(again.out).not.toContain('new ones use');
    expect(again.out).toContain('(up to date)');
  }, 60_000);

  it('migrates PostgreSQL (DATABASE_URL) once, says what it applied, and refuses --page-size there', async () => {
    const schema = await createTestSchema();
    try {
      const first = migrateWith({ DATABASE_URL: schema.url });
      expect(first.code, first.out).toBe(0);
      expect(first.out).toMatch(/schema at 001_initial\.sql.*\(applied now: 001_initial\.sql/);
      expect(first.out).toContain(schema.schema);
      const again = migrateWith({ DATABASE_URL: schema.url });
      expect(again.out).toContain('(up to date)');
      const pages = migrateWith({ DATABASE_URL: schema.url }, '--page-size', '1024');
      expect(pages.code).toBe(1);
      expect(pages.out).toContain('--page-size is for a SQLite file');
    } finally {
      await schema.drop();
    }
  });
});
