import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { supportStoreContract } from '../test/contracts/support-store-contract.js';
import { openDatabase } from './open-database.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

const dir = mkdtempSync(join(tmpdir(), 'support-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

supportStoreContract('SQLite file', async () => createSqliteSupportStore(openDatabase(join(dir, `s${n++}.sqlite`))));

describe('SQLite specifics', () => {
  it('uses WAL, records migrations and survives reopening the file', async () => {
    const path = join(dir, 'reopen.sqlite');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const store = createSqliteSupportStore(db);
    await store.commit({
      event: { platform: 'shell', eventId: 'e1', receivedAt: 1, conversationKey: 'k', authorId: 'a', outcome: 'o' },
    });
    await store.close();
    const again = openDatabase(path);
    expect(again.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(1);
    expect(await createSqliteSupportStore(again).hasEvent('shell', 'e1')).toBe(true);
    again.close();
  });
});
