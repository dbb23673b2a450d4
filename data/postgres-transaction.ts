import type pg from 'pg';

/** A connection inside a transaction: what a store's statements run on. */
export type PostgresClient = pg.PoolClient;

/**
 * Run `work` in one transaction on a pooled connection: COMMIT when it returns, ROLLBACK when it throws. A
 * serialization failure or deadlock (40001, 40P01), which PostgreSQL asks the client to retry, is retried a few
 * times with a short random pause.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: PostgresClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: do not give it back to the pool
      }
      const code = (error as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < 5) {
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
