import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { startWalCheckpointer } from './start-wal-checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startWalCheckpointer', () => {
  it('checkpoints from a worker while the main connection only writes, then hands checkpoints back', async () => {
    const path = join(dir, 'c.sqlite');
    const db = openDatabase(path);
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const results: { log: number; checkpointed: number }[] = [];
    const checkpointer = startWalCheckpointer(db, { intervalMs: 20, onCheckpoint: (r) => results.push(r) });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    // ~2,500 pages of WAL: more than the 1,000 at which the main connection would otherwise checkpoint itself.
    const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
    for (let i = 0; i < 50; i++) db.transaction(() => { for (let j = 0; j < 50; j++) insert.run('x'.repeat(3_000)); })();
    const deadline = Date.now() + 5_000;
    while (!results.some((r) => r.checkpointed > 1_000) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(results.some((r) => r.checkpointed > 1_000)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(2_500 * 3_000); // the rows reached the database file itself

    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(db.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(2_500);
    db.close();
  });
});
