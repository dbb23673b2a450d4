import { afterAll, describe, expect, it } from 'vitest';
import type { TrainingCorrection } from '../core/ports/correction-store.js';
import { correctionStoreContract } from '../test/contracts/correction-store-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import type { PostgresDatabase } from './open-postgres.js';
import { openPostgres } from './open-postgres.js';
import { createPostgresCorrectionStore } from './postgres-correction-store.js';

const others: PostgresDatabase[] = [];
afterAll(async () => {
  for (const db of others.splice(0)) await db.close().catch(() => undefined);
  await closeTestPostgres();
});

correctionStoreContract('PostgreSQL', async () => createPostgresCorrectionStore(await openTestPostgres()));

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

describe('PostgreSQL correction store specifics', () => {
  it('two instances recording one redelivered event at once record it once', async () => {
    const one = await openTestPostgres();
    const two = await openPostgres(one.url, { migrate: false });
    others.push(two);
    const a = createPostgresCorrectionStore(one);
    const b = createPostgresCorrectionStore(two);
    for (let i = 0; i < 20; i++) {
      const c = { ...correction, eventId: `race-${i}` };
      const results = await Promise.all([a.recordCorrection(c), b.recordCorrection({ ...c, label: 'bug' })]);
      expect(results.sort()).toEqual(['duplicate', 'recorded']);
    }
    expect(await b.listCorrections()).toHaveLength(20);
  });

  it('numbers corrections from 1; a duplicate uses up an id of the sequence, as on SQLite', async () => {
    const store = createPostgresCorrectionStore(await openTestPostgres());
    await store.recordCorrection(correction);
    await store.recordCorrection(correction);
    await store.recordCorrection({ ...correction, eventId: 'delivery-2' });
    expect((await store.listCorrections()).map((c) => c.id)).toEqual([1, 3]);
  });
});
