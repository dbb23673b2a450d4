import { afterAll, describe, expect, it } from 'vitest';
import { dashboardSessionStoreContract } from '../test/contracts/dashboard-session-store-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import { createPostgresDashboardSessionStore } from './postgres-dashboard-session-store.js';

afterAll(closeTestPostgres);

dashboardSessionStoreContract('PostgreSQL', async () => createPostgresDashboardSessionStore(await openTestPostgres()));

describe('PostgreSQL dashboard session specifics', () => {
  it('keeps a revoked session as an audit row until it is purged', async () => {
    const db = await openTestPostgres();
    const store = createPostgresDashboardSessionStore(db);
    await store.create({
      idHash: 'h1',
      method: 'token',
      staffId: null,
      credentialFingerprint: 'fp',
      createdAt: 1_000,
      expiresAt: 5_000,
      ip: '192.0.2.1',
      userAgent: 'UA',
    });
    expect(await store.revoke('h1', 2_000)).toBe(true);
    const row = await db.pool.query('SELECT revoked_at, ip, user_agent FROM dashboard_sessions WHERE id_hash = $1', [
      'h1',
    ]);
    expect(row.rows).toEqual([{ revoked_at: 2_000, ip: '192.0.2.1', user_agent: 'UA' }]);
    expect(await store.purgeExpired(5_001)).toBe(1);
    expect((await db.pool.query('SELECT COUNT(*) AS n FROM dashboard_sessions')).rows[0]).toEqual({ n: 0 });
  });
});
