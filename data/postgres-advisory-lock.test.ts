import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { closeTestPostgres, createTestSchema, TEST_DATABASE_URL } from '../test/support/postgres/test-postgres.js';
import { createAdvisoryLock } from './postgres-advisory-lock.js';

afterAll(closeTestPostgres);

describe('leadership by a PostgreSQL advisory lock', () => {
  it('one holder at a time; released or dead, the next taker gets it; other schemas do not contend', async () => {
    const schema = await createTestSchema();
    const other = await createTestSchema();
    const a = createAdvisoryLock(schema.url, 'discord');
    const b = createAdvisoryLock(schema.url, 'discord');
    const elsewhere = createAdvisoryLock(other.url, 'discord');
    const mailbox = createAdvisoryLock(schema.url, 'email');
    try {
      expect(await a.tryAcquire()).toBe(true);
      expect(await a.tryAcquire()).toBe(true); // held already
      expect(await b.tryAcquire()).toBe(false);
      expect(await elsewhere.tryAcquire()).toBe(true);
      expect(await mailbox.tryAcquire()).toBe(true);
      await a.release();
      expect(await a.stillHeld()).toBe(false);
      expect(await b.tryAcquire()).toBe(true);

      // The holder's connection dies (its process was killed, the network cut it): the server frees the lock.
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'support-desk leader discord' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)",
      );
      await admin.end();
      // b still believes it may hold it until it checks; the check says no, and a takes over.
      await expect.poll(() => b.stillHeld(), { timeout: 5_000 }).toBe(false);
      await expect.poll(() => a.tryAcquire(), { timeout: 5_000 }).toBe(true);
    } finally {
      for (const l of [a, b, elsewhere, mailbox]) await l.release();
      await schema.drop();
      await other.drop();
    }
  });
});
