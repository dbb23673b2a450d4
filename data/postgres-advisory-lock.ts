import pg from 'pg';
import { postgresTypes } from './open-postgres.js';

/** A lock only one instance holds at a time (leadership of the Discord gateway, of the IMAP mailbox). */
export interface LeaderLock {
  /** Take the lock if nobody holds it; true when this instance holds it now. */
  tryAcquire(): Promise<boolean>;
  /** Whether the lock is still held (false once its connection is gone: the server has released it then). */
  stillHeld(): Promise<boolean>;
  /** Give the lock up (and its connection). */
  release(): Promise<void>;
}

/**
 * Leadership by a PostgreSQL session-level advisory lock, held on a dedicated connection (not the pool's): the server
 * releases it the moment that connection ends, so when the holder's process dies or loses the network, another
 * instance's next `tryAcquire` gets it. Keyed by the schema and `name`, so desks in different schemas of one database
 * do not contend.
 */
export function createAdvisoryLock(url: string, name: string): LeaderLock {
  let client: pg.Client | null = null;
  let held = false;
  const drop = () => {
    const c = client;
    client = null;
    held = false;
    c?.end().catch(() => undefined);
  };
  const key = `:leader:${name}`;
  return {
    async tryAcquire() {
      if (held && client) return true;
      try {
        if (!client) {
          const c = new pg.Client({
            connectionString: url,
            types: postgresTypes,
            application_name: `support-desk leader ${name}`,
            connectionTimeoutMillis: 5_000,
            // Notice a dead server or network within seconds, not at the kernel's TCP timeout.
            keepAlive: true,
            keepAliveInitialDelayMillis: 5_000,
          });
          c.on('error', () => {
            if (client === c) drop();
          });
          client = c;
          await c.connect();
        }
        const { rows } = await client.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_lock(hashtext(current_schema() || $1)) AS ok',
          [key],
        );
        held = rows[0]?.ok === true;
        return held;
      } catch {
        drop();
        return false;
      }
    },
    async stillHeld() {
      if (!held || !client) return false;
      try {
        await client.query('SELECT 1');
        return true;
      } catch {
        drop();
        return false;
      }
    },
    async release() {
      const c = client;
      if (c && held)
        await c.query('SELECT pg_advisory_unlock(hashtext(current_schema() || $1))', [key]).catch(() => undefined);
      client = null;
      held = false;
      await c?.end().catch(() => undefined);
    },
  };
}

/** One process on one SQLite file: it always leads. */
export const soleLeaderLock: LeaderLock = {
  tryAcquire: async () => true,
  stillHeld: async () => true,
  release: async () => undefined,
};
