import { describe, expect, it } from 'vitest';
import type { TrainingCorrection } from '../core/ports/correction-store.js';
import { correctionStoreContract } from '../test/contracts/correction-store-contract.js';
import { openDatabase } from './open-database.js';
import { createSqliteCorrectionStore } from './sqlite-correction-store.js';

correctionStoreContract('SQLite', async () => createSqliteCorrectionStore(openDatabase(':memory:')));

const correction: TrainingCorrection = {
  platform: 'github',
  eventId: 'delivery-1',
  conversationKey: 'github:acme/widgets:7',
  kind: 'type',
  action: 'added',
  label: 'enhancement',
  category: 'feature-request',
  priority: null,
  predictedCategory: 'bug',
  text: 'Add dark mode',
  actorId: 'alice',
  at: 1000,
};

describe('SQLite correction store specifics', () => {
  it('numbers corrections from 1; a duplicate (INSERT OR IGNORE) still uses up an AUTOINCREMENT id', async () => {
    const db = openDatabase(':memory:');
    const store = createSqliteCorrectionStore(db);
    expect(await store.recordCorrection(correction)).toBe('recorded');
    expect(await store.recordCorrection({ ...correction, label: 'bug' })).toBe('duplicate');
    expect(await store.recordCorrection({ ...correction, eventId: 'delivery-2' })).toBe('recorded');
    expect((await store.listCorrections()).map((c) => c.id)).toEqual([1, 3]);
    db.close();
  });
});
