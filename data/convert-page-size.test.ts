import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertPageSize, pageSizeAdvice } from './convert-page-size.js';
import { PAGE_SIZE, openDatabase } from './open-database.js';

describe('convertPageSize', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'page-size-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A desk database as an older release created it: 4 KiB pages, WAL, migrated, with some rows. */
  function olderDatabase(path: string): void {
    const old = new Database(path);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.close();
    const db = openDatabase(path);
    const insert = db.prepare(
      'INSERT INTO inbound_events (platform, event_id, received_at, conversation_key, author_id, outcome) VALUES (?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (let i = 0; i < 500; i++) insert.run('slack', `E${i}`, i, 'slack:C:1', 'U', 'answered');
    })();
    db.close();
  }

  it('gives a new database PAGE_SIZE pages, and leaves an existing one as it was', () => {
    const fresh = openDatabase(join(dir, 'new.sqlite'));
    expect(fresh.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    expect(pageSizeAdvice(fresh)).toBeNull();
    fresh.close();
    olderDatabase(join(dir, 'old.sqlite'));
    const old = openDatabase(join(dir, 'old.sqlite'));
    expect(old.pragma('page_size', { simple: true })).toBe(4096);
    old.close();
  });

  it('rewrites an existing database with the new page size, keeping its rows, its schema and WAL mode', () => {
    const path = join(dir, 'desk.sqlite');
    olderDatabase(path);
    const db = openDatabase(path);
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    expect(pageSizeAdvice(db)).toBe(
      `database has 4096-byte pages; new ones use ${PAGE_SIZE} (fewer bytes written per message): stop the desk and run npm run migrate -- --page-size ${PAGE_SIZE}`,
    );
    expect(convertPageSize(db, 1024)).toEqual({ from: 4096, to: 1024, changed: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
    expect(db.prepare('SELECT count(*) AS n FROM inbound_events').get()).toEqual({ n: 500 });
    expect(convertPageSize(db, 1024)).toEqual({ from: 1024, to: 1024, changed: false });
    expect(pageSizeAdvice(db)).toBeNull();
    db.close();
    const reopened = openDatabase(path);
    expect(reopened.pragma('page_size', { simple: true })).toBe(1024);
    reopened.close();
  });

  it('refuses while another connection is open, and leaves the database as it was', () => {
    const path = join(dir, 'desk.sqlite');
    olderDatabase(path);
    const db = openDatabase(path);
    const other = openDatabase(path);
    other.prepare('SELECT count(*) FROM inbound_events').get();
    expect(() => convertPageSize(db, 1024)).toThrow(
      expect.objectContaining({ code: 'store.failed', message: expect.stringMatching(/another connection/) }),
    );
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
    db.close();
  });

  it('rejects a size SQLite does not take', () => {
    const db = openDatabase(join(dir, 'desk.sqlite'));
    for (const size of [1000, 256, 131_072])
      expect(() => convertPageSize(db, size)).toThrow(expect.objectContaining({ code: 'input.invalid' }));
    db.close();
  });
});
