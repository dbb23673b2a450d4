import type { SupportStore } from '../core/ports/support-store.js';
import type { SqliteDatabase } from './open-database.js';
import { createSqliteFeedbackStore } from './sqlite-feedback-store.js';
import { createSqliteOutboxStore } from './sqlite-outbox-store.js';
import { createSqliteTicketCommit } from './sqlite-ticket-commit.js';
import type { SqliteTicketCommitOptions } from './sqlite-ticket-commit.js';
import { createSqliteTicketReads } from './sqlite-ticket-reads.js';

export type SqliteSupportStoreOptions = SqliteTicketCommitOptions;

/**
 * The store ports on one SQLite file (better-sqlite3, WAL). Every method is one transaction; `commit`s queued in the
 * same turn of the event loop share one (group commit, see group-commit.ts), each in its own savepoint. Composed of
 * the ticket commit (sqlite-ticket-commit.ts), the ticket reads, the outbox and the feedback stores; the outbox's
 * `onOutboxQueued` hears every store of the database (commit-signal.ts).
 */
export function createSqliteSupportStore(db: SqliteDatabase, options: SqliteSupportStoreOptions = {}): SupportStore {
  const tickets = createSqliteTicketCommit(db, options);
  return {
    ...createSqliteTicketReads(db),
    ...createSqliteFeedbackStore(db),
    ...createSqliteOutboxStore(db),
    commit: (changes) => tickets.commit(changes),
    async close() {
      tickets.flushNow();
      db.close();
    },
  };
}
