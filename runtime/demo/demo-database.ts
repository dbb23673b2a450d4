import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteDatabase } from '../../data/open-database.js';

/** SQLite's header field `application_id` of a file the demo created ("demo" in ASCII); nothing else sets it. */
export const DEMO_APPLICATION_ID = 0x64656d6f;

export function markDemoDatabase(db: SqliteDatabase): void {
  db.pragma(`application_id = ${DEMO_APPLICATION_ID}`);
}

/** Whether the file at `path` is a database `npm run demo` created (false when it is absent or unreadable). */
export function isDemoDatabase(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('application_id', { simple: true }) === DEMO_APPLICATION_ID;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

export type DemoTarget =
  | { kind: 'fresh' }
  /** An earlier demo's file: deleted and filled again. */
  | { kind: 'replace-demo' }
  /** Written into anyway (`--force`): not deleted, not marked as a demo. */
  | { kind: 'forced' }
  | { kind: 'refused'; reason: string };

/**
 * Where the demo may write: a new file, or a database an earlier demo made. It refuses the desk's configured
 * DATABASE_PATH (unless that already is a demo database) and any other existing database, unless forced.
 */
export function checkDemoTarget(path: string, options: { productionPath: string; force: boolean }): DemoTarget {
  if (path === ':memory:') return { kind: 'fresh' };
  const demo = isDemoDatabase(path);
  if (demo) return { kind: 'replace-demo' };
  const exists = existsSync(path);
  if (options.force) return exists ? { kind: 'forced' } : { kind: 'fresh' };
  if (resolve(path) === resolve(options.productionPath)) {
    return {
      kind: 'refused',
      reason: `${path} is the desk's DATABASE_PATH: the demo writes a month of invented tickets, so it goes to its own file (--database data/demo.sqlite). Add --force to write there anyway.`,
    };
  }
  if (exists)
    return {
      kind: 'refused',
      reason: `${path} exists and was not made by npm run demo; nothing was written. Pick another --database, delete the file, or add --force to write into it.`,
    };
  return { kind: 'fresh' };
}

/** Delete a database file and its WAL and shared-memory files. */
export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
