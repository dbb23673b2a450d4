import { createHash } from 'node:crypto';
import pg from 'pg';
import type { CommitSignal } from './commit-signal.js';
import { createCommitSignal } from './commit-signal.js';
import { migratePostgres } from './migrate-postgres.js';

/** A PostgreSQL database as the stores use it: a pool, the schema its tables live in, and its commit signal. */
export interface PostgresDatabase {
  readonly pool: pg.Pool;
  /** The connection string it was opened with (leadership locks open their own dedicated connection from it). */
  readonly url: string;
  /** What this instance's stores announce after their commits (the outbox's and the SLA sweep's wake-ups). */
  readonly signal: CommitSignal;
  close(): Promise<void>;
}

export interface OpenPostgresOptions {
  /** Apply pending migrations (default true; `npm run migrate` passes false and applies them itself). */
  migrate?: boolean;
  /** Pool size (default 10). */
  max?: number | undefined;
  /** Called when an idle pooled connection fails (the server restarted): the pool replaces it by itself. */
  onError?: (error: Error) => void;
}

/**
 * Numbers come back as JavaScript numbers: BIGINT holds epoch milliseconds and ids (below 2^53), and COUNT/SUM of
 * them would otherwise arrive as strings. Set per pool, not on pg's global `types`, so nothing else is affected.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

/**
 * Open a pool on `url` (`postgres://user:pass@host:5432/db`; a schema other than `public` is chosen with
 * `?options=-c%20search_path%3D<schema>`) and apply pending migrations.
 */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    // A store call waits at most this long for a connection; an unreachable server fails fast instead of hanging.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'support-desk',
  });
  pool.on('error', (error) => options.onError?.(error));
  pool.on('connect', preparedStatements);
  try {
    if (options.migrate !== false) await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    pool,
    url,
    signal: createCommitSignal(),
    close: () => pool.end(),
  };
}

export { types as postgresTypes };

/**
 * Every parameterised statement of a connection runs as a named prepared statement (named by a hash of its text):
 * PostgreSQL parses and plans it once per connection instead of at every call. The stores send the same few dozen
 * statements over and over (a ticket commit is about ten), so this takes the planning off every message.
 */
function preparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length) {
      const name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      return callback === undefined ? query({ name, text, values }) : query({ name, text, values }, callback);
    }
    return query(...args);
  };
}
