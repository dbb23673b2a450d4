import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

const dirs: string[] = [];
function fileDb() {
  const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'g.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
  return { db, path: join(dir, 'g.sqlite') };
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('createGroupCommit', () => {
  it('commits calls queued in one turn in one transaction, each result to its caller', async () => {
    const { db, path } = fileDb();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    let transactionsSeen = 0;
    const group = createGroupCommit(db, (v: string) => {
      if (!db.inTransaction) throw new Error('not in a transaction');
      transactionsSeen++;
      return Number(insert.run(v).lastInsertRowid);
    });
    const ids = await Promise.all(['a', 'b', 'c'].map((v) => group.submit(v)));
    expect(ids).toEqual([1, 2, 3]);
    expect(transactionsSeen).toBe(3);
    // Settled only after COMMIT: another connection already sees the rows.
    const other = new Database(path, { readonly: true });
    expect(other.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b', 'c']);
    other.close();
    db.close();
  });

  it('rolls back only the call that threw', async () => {
    const { db } = fileDb();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const group = createGroupCommit(db, (v: string) => {
      insert.run(`${v}-first-write`);
      if (v === 'bad') throw new Error('refused');
      return insert.run(v).changes;
    });
    const results = await Promise.allSettled(['x', 'bad', 'y'].map((v) => group.submit(v)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toHaveProperty('message', 'refused');
    expect(db.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual([
      'x-first-write',
      'x',
      'y-first-write',
      'y',
    ]);
    db.close();
  });

  it('splits a large queue into batches of maxBatch, in order', async () => {
    const { db, path } = fileDb();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const reader = new Database(path, { readonly: true });
    const committed = reader.prepare('SELECT COUNT(*) FROM t').pluck();
    // Each call reports how many rows OTHER connections can see: the rows of earlier, committed batches.
    const group = createGroupCommit(
      db,
      (v: string) => {
        insert.run(v);
        return committed.get() as number;
      },
      { maxBatch: 4 },
    );
    const seen = await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(`v${i}`)));
    expect(seen).toEqual([0, 0, 0, 0, 4, 4, 4, 4, 8, 8]);
    expect(db.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(
      Array.from({ length: 10 }, (_, i) => `v${i}`),
    );
    reader.close();
    db.close();
  });

  it('rejects every call of a batch whose COMMIT fails, and flushNow commits what is queued', async () => {
    const { db } = fileDb();
    db.exec(
      'CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)',
    );
    db.pragma('foreign_keys = ON');
    const group = createGroupCommit(db, (p: number) => db.prepare('INSERT INTO child (p) VALUES (?)').run(p).changes);
    // A deferred foreign key is checked at COMMIT: the whole batch fails there.
    const results = await Promise.allSettled([group.submit(1), group.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(0);

    db.exec('INSERT INTO parent (id) VALUES (7)');
    const queued = group.submit(7);
    group.flushNow();
    expect(db.prepare('SELECT COUNT(*) FROM child').pluck().get()).toBe(1);
    await expect(queued).resolves.toBe(1);
    db.close();
  });
});
