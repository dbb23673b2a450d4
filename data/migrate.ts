import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface AppliedMigration {
  version: number;
  name: string;
}

/** The migrations a database has, oldest first. */
export function appliedMigrations(db: Database.Database): AppliedMigration[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
}

/** Apply numbered `NNN_name.sql` files in order, each in its own transaction; returns what was applied now. */
export function migrate(db: Database.Database, dir = MIGRATIONS_DIR): AppliedMigration[] {
  const done = new Set(appliedMigrations(db).map((m) => m.version));
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  const versions = new Map<number, string>();
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    const other = versions.get(version);
    if (other) throw new Error(`migrations ${other} and ${file} share version ${version}: renumber one`);
    versions.set(version, file);
  }
  const applied: AppliedMigration[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (done.has(version)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        version,
        file,
        Date.now(),
      );
    })();
    applied.push({ version, name: file });
  }
  return applied;
}
