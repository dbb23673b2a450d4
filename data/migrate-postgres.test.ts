import { afterAll, describe, expect, it } from 'vitest';
import { closeTestPostgres, createTestSchema, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import { migratePostgres } from './migrate-postgres.js';
import { openPostgres } from './open-postgres.js';

afterAll(closeTestPostgres);

describe('PostgreSQL migrations', () => {
  it('apply once, in the schema of the URL, and report nothing new the second time', async () => {
    const db = await openTestPostgres();
    const { rows } = await db.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(await migratePostgres(db.pool)).toEqual([]);
    const tables = await db.pool.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'tickets'",
    );
    expect(tables.rows[0]?.n).toBe(1);
  });

  it('instances starting together apply each migration once', async () => {
    const schema = await createTestSchema();
    try {
      const dbs = await Promise.all([1, 2, 3].map(() => openPostgres(schema.url, { max: 2 })));
      const { rows } = await dbs[0]!.pool.query<{ n: number; v: number }>(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT version) AS v FROM schema_migrations',
      );
      expect(rows[0]?.n).toBe(rows[0]?.v);
      await Promise.all(dbs.map((d) => d.close()));
    } finally {
      await schema.drop();
    }
  });

  it('reads BIGINT and COUNT as numbers', async () => {
    const db = await openTestPostgres();
    const { rows } = await db.pool.query('SELECT 1764500000000::bigint AS t, COUNT(*) AS n, SUM(2::bigint) AS s');
    expect(rows[0]).toEqual({ t: 1764500000000, n: 1, s: 2 });
  });
});
