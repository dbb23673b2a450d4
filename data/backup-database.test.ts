import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, backupDatabaseFile } from './backup-database.js';
import { openDatabase } from './open-database.js';

const dir = mkdtempSync(join(tmpdir(), 'desk-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Another connection on another thread, inserting one row per statement (autocommit) until told to stop, as the desk
// does while a backup runs.
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const insert = db.prepare('INSERT INTO backup_probe (body) VALUES (?)');
let stop = false;
parentPort.on('message', () => { stop = true; });
let n = 0;
const tick = () => {
  for (let i = 0; i < 50; i++) { insert.run('row written during the backup ' + 'x'.repeat(200)); n++; }
  if (n === 50) parentPort.postMessage('writing');
  if (stop) { db.close(); parentPort.postMessage({ written: n }); return; }
  setImmediate(tick);
};
tick();
`;

describe('backupDatabase', () => {
  it('copies a database that another connection is writing to: the copy opens, passes integrity_check and holds a consistent snapshot', async () => {
    const path = join(dir, 'live.sqlite');
    const db = openDatabase(path); // WAL, migrations applied: the desk's own schema
    db.exec('CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const seed = db.prepare('INSERT INTO backup_probe (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) seed.run(`seeded row ${i} ${'y'.repeat(200)}`);
    })();
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number })
      .n;

    const writer = new Worker(WRITER, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path },
    });
    const messages: unknown[] = [];
    const writing = new Promise<void>((resolve) =>
      writer.on('message', (m) => {
        messages.push(m);
        if (m === 'writing') resolve();
      }),
    );
    await writing;
    const to = join(dir, 'copy.sqlite');
    const result = await backupDatabase(db, to);
    const finished = new Promise<{ written: number }>((resolve) =>
      writer.on('message', (m: { written?: number }) => m.written !== undefined && resolve(m as { written: number })),
    );
    writer.postMessage('stop');
    const { written } = await finished;
    await writer.terminate();

    expect(result.integrity).toBe('ok');
    expect(result.bytes).toBeGreaterThan(4_000_000);
    expect(written).toBeGreaterThan(50);
    const copy = new Database(to, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(
        (copy.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n,
      ).toBe(tables);
      const { n, max } = copy.prepare('SELECT count(*) AS n, max(id) AS max FROM backup_probe').get() as {
        n: number;
        max: number;
      };
      // Every seeded row, some of the concurrent ones, and no gap: one snapshot, not a mix of two.
      expect(n).toBeGreaterThanOrEqual(20_050);
      expect(max).toBe(n);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }
    const live = (db.prepare('SELECT count(*) AS n FROM backup_probe').get() as { n: number }).n;
    expect(live).toBe(20_000 + written);
    db.close();
    expect(existsSync(`${to}.partial-${process.pid}`)).toBe(false);
  }, 60_000);

  it('refuses to overwrite a file and leaves no partial copy behind', async () => {
    const path = join(dir, 'small.sqlite');
    openDatabase(path).close();
    const taken = join(dir, 'taken.sqlite');
    writeFileSync(taken, 'an older backup');
    await expect(backupDatabaseFile(path, taken)).rejects.toThrow(/already exists/);
    await expect(backupDatabaseFile(join(dir, 'missing.sqlite'), join(dir, 'x.sqlite'))).rejects.toThrow(
      /does not exist/,
    );
    const fresh = join(dir, 'fresh.sqlite');
    const result = await backupDatabaseFile(path, fresh);
    expect(result).toMatchObject({ path: fresh, integrity: 'ok' });
  });
});
