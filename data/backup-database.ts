import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SupportError } from '../core/errors.js';
import type { SqliteDatabase } from './open-database.js';

export interface BackupResult {
  /** The file written. */
  path: string;
  pages: number;
  bytes: number;
  ms: number;
  /** `PRAGMA integrity_check` of the copy: 'ok', or SQLite's first problem. */
  integrity: string;
}

/** A backup was refused (the target exists, the source is missing) or its copy failed the integrity check. */
export class BackupError extends SupportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('backup.failed', message, options);
    this.name = 'BackupError';
  }
}

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API, while the desk keeps writing.
 * The copy is one step (every page at once): in WAL mode that step reads one snapshot and never blocks the writer, and
 * no write can slip between steps and restart the copy, as it would every time under steady traffic with small steps.
 * It is written beside the target under a temporary name, checked with `PRAGMA integrity_check`, and only then
 * renamed, so a file with the target's name is always a whole, checked backup. An existing target is refused.
 */
export async function backupDatabase(source: SqliteDatabase, to: string): Promise<BackupResult> {
  if (existsSync(to)) throw new BackupError(`${to} already exists: choose a new file name (e.g. with the date in it)`);
  const partial = `${to}.partial-${process.pid}`;
  const started = performance.now();
  try {
    const progress = await source.backup(partial, { progress: () => 0x7fffffff });
    const copy = new Database(partial, { fileMustExist: true });
    let integrity: string;
    try {
      const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
      integrity = rows.map((r) => r.integrity_check).join('; ');
      copy.pragma('journal_mode = DELETE'); // one self-contained file, no -wal beside it
    } finally {
      copy.close();
    }
    if (integrity !== 'ok')
      throw new BackupError(`the copy of ${source.name} failed its integrity check: ${integrity}`);
    renameSync(partial, to);
    return {
      path: to,
      pages: progress.totalPages,
      bytes: statSync(to).size,
      ms: performance.now() - started,
      integrity,
    };
  } finally {
    for (const file of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`])
      rmSync(file, { force: true });
  }
}

/** backupDatabase from a file path: its own connection, so it can run beside a desk that has the file open. */
export async function backupDatabaseFile(path: string, to: string): Promise<BackupResult> {
  if (!existsSync(path)) throw new BackupError(`${path} does not exist (DATABASE_PATH): nothing to back up`);
  const source = new Database(path, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    return await backupDatabase(source, to);
  } finally {
    source.close();
  }
}
