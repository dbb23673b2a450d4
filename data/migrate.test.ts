import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';

describe('migrate', () => {
  it('applies numbered files once, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '002_b.sql'), 'ALTER TABLE a ADD COLUMN y INTEGER;');
    const db = new Database(':memory:');
    expect(migrate(db, dir).map((m) => m.version)).toEqual([1, 2]);
    expect(migrate(db, dir)).toEqual([]);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('a')).toEqual(['x', 'y']);
  });

  it('refuses two migrations with the same number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir, '001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '001_b.sql'), 'SELECT 1;');
    expect(() => migrate(new Database(':memory:'), dir)).toThrow(/share version 1/);
  });

  it('rolls back a failing migration entirely', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (x INTEGER); CREATE TABLE broken (;');
    const db = new Database(':memory:');
    expect(() => migrate(db, dir)).toThrow();
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
  });
});
