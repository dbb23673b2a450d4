import { afterAll } from 'vitest';
import { analyticsStoreContract } from '../test/contracts/analytics-store-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import { createPostgresAnalyticsStore } from './postgres-analytics-store.js';
import { createPostgresSupportStore } from './postgres-support-store.js';

afterAll(closeTestPostgres);

analyticsStoreContract('PostgreSQL', async () => {
  const db = await openTestPostgres();
  return { analytics: createPostgresAnalyticsStore(db), support: createPostgresSupportStore(db) };
});
