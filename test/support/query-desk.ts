import type { DeskStores } from '../../runtime/open-stores.js';

/**
 * Read a running desk's database directly, on SQLite or PostgreSQL alike: `?` placeholders, rows as objects. For
 * tests that check what was stored (outbox rows, audit rows) beyond what the ports return.
 */
export async function queryDesk<T = Record<string, unknown>>(
  stores: Pick<DeskStores, 'sqlite' | 'postgres'>,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  if (stores.sqlite) return stores.sqlite.prepare(sql).all(...params) as T[];
  if (!stores.postgres) throw new Error('the desk has no database');
  let n = 0;
  const text = sql.replace(/\?/g, () => `$${++n}`);
  const { rows } = await stores.postgres.pool.query(text, [...params]);
  return rows as T[];
}

/** Run statements that return nothing (DDL), written for each database: a test's failure injection, say. */
export async function execDesk(
  stores: Pick<DeskStores, 'sqlite' | 'postgres'>,
  sql: { sqlite: string; postgres: string },
): Promise<void> {
  if (stores.sqlite) stores.sqlite.exec(sql.sqlite);
  else if (stores.postgres) await stores.postgres.pool.query(sql.postgres);
  else throw new Error('the desk has no database');
}
