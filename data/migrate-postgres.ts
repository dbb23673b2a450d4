import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { AppliedMigration } from './migrate.js';

export const POSTGRES_MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'postgres-migrations');

/** The numbered `NNN_name.sql` files of a directory, in order; two files with one number are an error. */
export function migrationFiles(dir: string): { version: number; name: string }[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  const seen = new Map<number, string>();
  return files.map((name) => {
    const version = Number(name.slice(0, 3));
    const other = seen.get(version);
    if (other) throw new Error(`migrations ${other} and ${name} share version ${version}: renumber one`);
    seen.set(version, name);
    return { version, name };
  });
}

/** The migrations the database (its current schema) has, oldest first. */
export async function appliedPostgresMigrations(pool: pg.Pool): Promise<AppliedMigration[]> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const { rows } = await pool.query<AppliedMigration>('SELECT version, name FROM schema_migrations ORDER BY version');
  return rows;
}

/**
 * Apply pending migrations, each in its own transaction, holding an advisory lock keyed by the schema: instances starting together wait for the first one instead of applying a migration twice. Returns what
 * was applied now.
 */
export async function migratePostgres(pool: pg.Pool, dir = POSTGRES_MIGRATIONS_DIR): Promise<AppliedMigration[]> {
  const files = migrationFiles(dir);
  const client = await pool.connect();
  const applied: AppliedMigration[] = [];
  try {
    await client.query("SELECT pg_advisory_lock(hashtext(current_schema() || ':migrate'))");
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
    );
    for (const file of files) {
      await client.query('BEGIN');
      try {
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [file.version]);
        if (done.rowCount === 0) {
          await client.query(readFileSync(join(dir, file.name), 'utf8'));
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            file.version,
            file.name,
            Date.now(),
          ]);
          applied.push(file);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext(current_schema() || ':migrate'))").catch(() => undefined);
    client.release();
  }
  return applied;
}
