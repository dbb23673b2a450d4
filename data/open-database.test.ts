import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';

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
});
