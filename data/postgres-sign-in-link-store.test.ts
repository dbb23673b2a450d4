import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { PostgresDatabase } from './open-postgres.js';
import { signInLinkStoreContract } from '../test/contracts/sign-in-link-store-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import { createPostgresSignInLinkStore } from './postgres-sign-in-link-store.js';

afterAll(closeTestPostgres);

let previous: PostgresDatabase | null = null;

/**
 * A pool of 20 connections, all opened beforehand: the contract's 20 concurrent uses of one link each go out at once on
 * a connection of their own (with connections opened on demand they reach the server one by one, and even a
 * read-then-write store passes). The previous case's pool is closed first, to stay well below max_connections.
 */
async function warmStore() {
  await previous?.close();
  const db = await openTestPostgres({ max: 20 });
  previous = db;
  await Promise.all(Array.from({ length: 20 }, () => db.pool.query('SELECT pg_sleep(0.05)')));
  return createPostgresSignInLinkStore(db);
}

signInLinkStoreContract('PostgreSQL', warmStore);

describe('PostgreSQL sign-in link specifics', () => {
  it('keeps a used link as an audit row until it is purged', async () => {
    const db = await openTestPostgres();
    const store = createPostgresSignInLinkStore(db);
    await store.createLink({
      tokenHash: 'h1',
      staffId: 'alice',
      createdAt: 1_000,
      expiresAt: 5_000,
      ip: '192.0.2.1',
      userAgent: 'UA',
    });
    expect(await store.consumeLink('h1', 2_000)).toEqual({ kind: 'consumed', staffId: 'alice' });
    const row = await db.pool.query('SELECT used_at, ip, user_agent FROM sign_in_links WHERE token_hash = $1', ['h1']);
    expect(row.rows).toEqual([{ used_at: 2_000, ip: '192.0.2.1', user_agent: 'UA' }]);
    expect(await store.purgeLinks(5_001)).toBe(1);
    expect((await db.pool.query('SELECT COUNT(*) AS n FROM sign_in_links')).rows[0]).toEqual({ n: 0 });
  });

  it('gives a link to exactly one of 20 uses that all reach the server while its row is locked', async () => {
    const db = await openTestPostgres({ max: 20 });
    const store = createPostgresSignInLinkStore(db);
    await store.createLink({
      tokenHash: 'race',
      staffId: 'alice',
      createdAt: 0,
      expiresAt: 600_000,
      ip: null,
      userAgent: null,
    });
    // Hold the row, so all 20 UPDATEs are in flight at once, each on its own connection, queued on the row lock.
    const locker = new pg.Client({ connectionString: db.url });
    // Watches from outside a transaction (within one, PostgreSQL shows the same activity snapshot at every read).
    const watcher = new pg.Client({ connectionString: db.url });
    await locker.connect();
    await watcher.connect();
    try {
      await locker.query('BEGIN');
      await locker.query("SELECT 1 FROM sign_in_links WHERE token_hash = 'race' FOR UPDATE");
      const uses = Promise.all(Array.from({ length: 20 }, () => store.consumeLink('race', 1_000)));
      const schema = (await watcher.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s;
      const waiting = async () =>
        (
          await watcher.query<{ n: number }>(
            `SELECT COUNT(*)::int AS n FROM pg_stat_activity a
             WHERE a.wait_event_type = 'Lock' AND a.query LIKE 'UPDATE sign_in_links%'
               AND EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                           JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE l.pid = a.pid AND n.nspname = $1)`,
            [schema],
          )
        ).rows[0]?.n ?? 0;
      const deadline = Date.now() + 10_000;
      while ((await waiting()) < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBe(20);
      await locker.query('COMMIT');
      const results = await uses;
      expect(results.filter((r) => r.kind === 'consumed')).toEqual([{ kind: 'consumed', staffId: 'alice' }]);
      expect(results.filter((r) => r.kind === 'used')).toHaveLength(19);
    } finally {
      await locker.end();
      await watcher.end();
    }
  });
});
