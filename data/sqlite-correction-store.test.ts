import { describe, expect, it } from 'vitest';
import type { TrainingCorrection } from '../core/ports/correction-store.js';
import { openDatabase } from './open-database.js';
import { createSqliteCorrectionStore } from './sqlite-correction-store.js';

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

describe('SQLite correction store', () => {
  it('records a correction once per event and lists it back', async () => {
    const db = openDatabase(':memory:');
    const store = createSqliteCorrectionStore(db);
    expect(await store.recordCorrection(correction)).toBe('recorded');
    expect(await store.recordCorrection({ ...correction, label: 'bug' })).toBe('duplicate');
    expect(await store.listCorrections()).toEqual([{ id: 1, ...correction }]);
    db.close();
  });
});
