import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type SqliteDatabase = Database.Database;

/**
 * Page size of a new database, in bytes (SQLite's default is 4096). In WAL mode a commit writes every page it changed
 * whole, and a message changes one leaf page in each of about 25 B-trees (tables and indexes) while adding a few
 * hundred bytes, so smaller pages write far less: 90 -> 31 KB per message, CPU per message -10 to -13%, and
 * +12 to +22% messages/s with 2 in flight and an analysis worker, at 1,000 and 10,000 articles (`npm run bench`,
 * A/B runs interleaved). 2048 and 512 measured between and below. Reads barely move: 30-day metrics over 1M tickets
 * 744 -> 626 ms, the 100k-timer SLA sweep +6%, bulk seeding +13%. An existing database keeps its size until
 * `convertPageSize` (npm run migrate -- --page-size 1024) rewrites it.
 */
export const PAGE_SIZE = 1024;

/**
 * Size the WAL file is cut back to when SQLite restarts it after a full checkpoint. SQLite keeps the file at its
 * largest otherwise, and under a sustained burst the checkpoints never catch the writer (the benchmark's open loop at
 * 2,000 messages/s grows it by ~50 MB a second), so one burst would hold that disk space for good.
 */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Open (creating if needed) a SQLite file in WAL mode and apply pending migrations (unless `migrate: false`, for
 * `npm run migrate`, which applies them itself to report what it applied).
 */
export function openDatabase(path: string, options: { migrate?: boolean } = {}): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Takes effect only on a new, empty file (an existing one keeps its page size; see convertPageSize).
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  // Group commit gives each change set a savepoint, and SQLite keeps the savepoints' statement journal in a temp
  // FILE once it passes 64 KiB: that doubled the bytes written per message. In memory it is never written, which
  // measured +21% messages/s one at a time and +25% with messages in flight (npm run bench).
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (options.migrate !== false) migrate(db);
  return db;
}
