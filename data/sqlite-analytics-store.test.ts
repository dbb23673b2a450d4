import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyticsStoreContract } from '../test/contracts/analytics-store-contract.js';
import { openDatabase } from './open-database.js';
import { createSqliteAnalyticsStore } from './sqlite-analytics-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

const dir = mkdtempSync(join(tmpdir(), 'analytics-'));
let n = 0;
const opened: { close(): void }[] = [];
afterAll(() => {
  for (const db of opened) db.close();
  rmSync(dir, { recursive: true, force: true });
});
const open = () => {
  const db = openDatabase(join(dir, `a${n++}.sqlite`));
  opened.push(db);
  return db;
};

analyticsStoreContract('SQLite file (daily roll-ups)', async () => {
  const db = open();
  return { analytics: createSqliteAnalyticsStore(db), support: createSqliteSupportStore(db) };
});

// The direct computation the roll-ups are checked against (sqlite-daily-rollups.test.ts) meets the contract too.
analyticsStoreContract('SQLite file (direct, rollups: false)', async () => {
  const db = open();
  return { analytics: createSqliteAnalyticsStore(db, { rollups: false }), support: createSqliteSupportStore(db) };
});

describe('SqliteAnalyticsStore specifics', () => {
  it('reads the period through the covering index', () => {
    const plan = open()
      .prepare(
        'EXPLAIN QUERY PLAN SELECT tier, COUNT(*) FROM tickets INDEXED BY tickets_analytics WHERE created_at >= 0 AND created_at < 1 GROUP BY tier',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX tickets_analytics/);
  });
});
