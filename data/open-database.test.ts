import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WAL_SIZE_LIMIT_BYTES, openDatabase } from './open-database.js';

describe('openDatabase', () => {
  it('opens a file in WAL mode with NORMAL sync, foreign keys and temp storage (statement journals) in memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'open-db-'));
    try {
      const db = openDatabase(join(dir, 'nested', 'desk.sqlite'));
      const pragma = (name: string) => db.pragma(name, { simple: true });
      expect(pragma('journal_mode')).toBe('wal');
      expect(pragma('synchronous')).toBe(1); // NORMAL
      expect(pragma('temp_store')).toBe(2); // MEMORY
      expect(pragma('foreign_keys')).toBe(1);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cuts the WAL file back to WAL_SIZE_LIMIT_BYTES once a checkpoint lets SQLite restart it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'open-db-'));
    try {
      const path = join(dir, 'desk.sqlite');
      const db = openDatabase(path);
      db.exec('CREATE TABLE blobs (b BLOB)');
      const insert = db.prepare('INSERT INTO blobs (b) VALUES (?)');
      const chunk = Buffer.alloc(64 * 1024, 7);
      db.transaction(() => {
        for (let i = 0; i < (WAL_SIZE_LIMIT_BYTES * 1.25) / chunk.length; i++) insert.run(chunk);
      })();
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
      db.pragma('wal_checkpoint(PASSIVE)');
      insert.run(Buffer.alloc(10)); // the next writer restarts the WAL from its start, and truncates it
      expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
