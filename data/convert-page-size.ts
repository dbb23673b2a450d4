import { SupportError } from '../core/errors.js';
import { PAGE_SIZE } from './open-database.js';
import type { SqliteDatabase } from './open-database.js';

export interface PageSizeChange {
  from: number;
  to: number;
  /** False when the database already had that page size (nothing was rewritten). */
  changed: boolean;
}

const pageSizeOf = (db: SqliteDatabase) => db.pragma('page_size', { simple: true }) as number;

/**
 * What to tell an operator whose database has another page size than new ones get (openDatabase's PAGE_SIZE), or
 * null when it has that size. `npm run migrate` prints it and `npm start` logs it.
 */
export function pageSizeAdvice(db: SqliteDatabase): string | null {
  const size = pageSizeOf(db);
  if (size === PAGE_SIZE) return null;
  return `database has ${size}-byte pages; new ones use ${PAGE_SIZE} (fewer bytes written per message): stop the desk and run npm run migrate -- --page-size ${PAGE_SIZE}`;
}

/**
 * Rewrite a database with another page size (openDatabase's PAGE_SIZE applies to new files only). SQLite cannot change
 * the page size of a WAL database, so this leaves WAL, sets the size, rebuilds the file with VACUUM (every row and
 * index copied; it needs free disk about the size of the database) and returns to WAL. It needs the only connection:
 * run it with the desk stopped (npm run migrate -- --page-size N). Throws if SQLite refuses (another connection open,
 * code `store.failed`, or a size that is not a power of two from 512 to 65536, `input.invalid`); the data is
 * unchanged then.
 */
export function convertPageSize(db: SqliteDatabase, pageSize: number): PageSizeChange {
  if (!Number.isInteger(pageSize) || pageSize < 512 || pageSize > 65_536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new SupportError('input.invalid', `page size must be a power of two from 512 to 65536, not ${pageSize}`);
  }
  const from = pageSizeOf(db);
  if (from === pageSize) return { from, to: pageSize, changed: false };
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  const refused = (cause?: unknown) =>
    new SupportError(
      'store.failed',
      `cannot leave ${journal} mode to change the page size: is another connection open (the desk running)?`,
      { cause },
    );
  let mode: string;
  try {
    mode = db.pragma('journal_mode = DELETE', { simple: true }) as string;
  } catch (error) {
    throw refused(error);
  }
  if (mode !== 'delete') throw refused();
  try {
    db.pragma(`page_size = ${pageSize}`);
    db.exec('VACUUM');
  } finally {
    db.pragma(`journal_mode = ${journal}`);
  }
  const to = pageSizeOf(db);
  if (to !== pageSize) throw new SupportError('store.failed', `the page size is still ${to} after VACUUM`);
  return { from, to, changed: true };
}
