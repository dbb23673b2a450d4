import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { MAX_CHECKPOINT_PASSES, startWalCheckpointer, type CheckpointResult } from './start-wal-checkpointer.js';

const scriptedDriver = fileURLToPath(new URL('../test/fixtures/scripted-checkpoint-driver.cjs', import.meta.url));

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
    for (let i = 0; i < 50; i++)
      db.transaction(() => {
        for (let j = 0; j < 50; j++) insert.run('x'.repeat(3_000));
      })();
    const deadline = Date.now() + 5_000;
    while (!results.some((r) => r.checkpointed > 1_000) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(results.some((r) => r.checkpointed > 1_000)).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(2_500 * 3_000); // the rows reached the database file itself

    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect(db.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(2_500);
    db.close();
  });

  it('runs passes until one finds no new frame, so the next write can start the WAL over', async () => {
    const path = join(dir, 'reset.sqlite');
    const db = openDatabase(path);
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const results: CheckpointResult[] = [];
    const checkpointer = startWalCheckpointer(db, { intervalMs: 20, onCheckpoint: (r) => results.push(r) });
    const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
    db.transaction(() => {
      for (let j = 0; j < 500; j++) insert.run('x'.repeat(3_000));
    })();
    const deadline = Date.now() + 5_000;
    while (!results.some((r) => r.log > 0 && r.checkpointed === r.log) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const caughtUp = results.find((r) => r.log > 0 && r.checkpointed === r.log);
    // A pass that finds the frames the one before found ends the checkpoint: two, or three if the commit landed
    // between the first two passes of a tick.
    expect(caughtUp?.passes).toBeGreaterThanOrEqual(2);
    const walBytes = statSync(`${path}-wal`).size;

    insert.run('after the checkpoint'); // starts at the WAL's first frame, in blocks the file already has
    await checkpointer.stop();
    expect(results.at(-1)?.log).toBeLessThan(10);
    expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(walBytes);
    db.close();
  });

  describe('passes, on a scripted driver (the rows a PASSIVE checkpoint would return)', () => {
    const lastCheckpoint = async (name: string, script: { busy: number; log: number; checkpointed: number }[]) => {
      const path = join(dir, `${name}.sqlite`);
      const db = openDatabase(path);
      writeFileSync(`${path}.checkpoints.json`, JSON.stringify(script));
      const results: CheckpointResult[] = [];
      // No tick within the test: the one checkpoint is the last one, on stop.
      await startWalCheckpointer(db, {
        intervalMs: 60_000,
        driver: scriptedDriver,
        onCheckpoint: (r) => results.push(r),
      }).stop();
      db.close();
      expect(results).toHaveLength(1);
      return { result: results[0], calls: readFileSync(`${path}.passes.json`, 'utf8').trim().split('\n').length };
    };
    const row = (log: number, checkpointed = log, busy = 0) => ({ busy, log, checkpointed });

    it('passes again while the writer keeps adding frames, and stops at the first pass that finds none', async () => {
      const { result, calls } = await lastCheckpoint('growing', [row(100), row(160), row(170), row(170), row(999)]);
      expect(result).toEqual({ busy: 0, log: 170, checkpointed: 170, passes: 4 });
      expect(calls).toBe(4);
    });

    it(`gives up after ${MAX_CHECKPOINT_PASSES} passes when the frames never stop coming (a flood)`, async () => {
      const { result, calls } = await lastCheckpoint(
        'flood',
        Array.from({ length: 20 }, (_, i) => row(100 * (i + 1))),
      );
      expect(result?.passes).toBe(MAX_CHECKPOINT_PASSES);
      expect(calls).toBe(MAX_CHECKPOINT_PASSES);
    });

    it('makes one pass when a reader holds it back (busy) or the WAL is empty', async () => {
      expect((await lastCheckpoint('busy', [row(50, 20, 1), row(60)])).result).toEqual({
        busy: 1,
        log: 50,
        checkpointed: 20,
        passes: 1,
      });
      expect((await lastCheckpoint('empty', [row(0), row(0)])).result?.passes).toBe(1);
    });
  });
});
