import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardSessionStoreContract } from '../test/contracts/dashboard-session-store-contract.js';
import { openDatabase } from './open-database.js';
import { createSqliteDashboardSessionStore } from './sqlite-dashboard-session-store.js';

const dir = mkdtempSync(join(tmpdir(), 'session-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

dashboardSessionStoreContract('SQLite file', async () =>
  createSqliteDashboardSessionStore(openDatabase(join(dir, `s${n++}.sqlite`))),
);

describe('SQLite dashboard session specifics', () => {
  it('keeps a revoked session as an audit row until it is purged, and looks sessions up by the id index', async () => {
    const db = openDatabase(join(dir, 'audit.sqlite'));
    const store = createSqliteDashboardSessionStore(db);
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
    expect(db.prepare('SELECT revoked_at, ip, user_agent FROM dashboard_sessions WHERE id_hash = ?').get('h1')).toEqual(
      { revoked_at: 2_000, ip: '192.0.2.1', user_agent: 'UA' },
    );
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM dashboard_sessions WHERE id_hash = 'h1' AND revoked_at IS NULL AND expires_at > 0",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING PRIMARY KEY/);
    expect(await store.purgeExpired(5_001)).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM dashboard_sessions').pluck().get()).toBe(0);
    db.close();
  });
});
