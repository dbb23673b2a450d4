import type { SupportStore } from '../core/ports/support-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import { createPostgresFeedbackStore } from './postgres-feedback-store.js';
import { createPostgresOutboxStore } from './postgres-outbox-store.js';
import { createPostgresTicketCommit } from './postgres-ticket-commit.js';
import type { PostgresTicketCommitOptions } from './postgres-ticket-commit.js';
import { createPostgresTicketReads } from './postgres-ticket-reads.js';

export type PostgresSupportStoreOptions = PostgresTicketCommitOptions;

/**
 * The store ports on PostgreSQL (pg). Every method is one transaction (a single statement, or inTransaction);
 * `commit` runs one transaction per change set. Composed of the ticket commit (postgres-ticket-commit.ts), the ticket
 * reads, the outbox and the feedback stores; the outbox's `onOutboxQueued` hears every store of this instance's
 * PostgresDatabase (its CommitSignal). Several instances may share the database: conversations, claims and ticket
 * patches are decided by locks in it, not by the process.
 */
export function createPostgresSupportStore(
  db: PostgresDatabase,
  options: PostgresSupportStoreOptions = {},
): SupportStore {
  const tickets = createPostgresTicketCommit(db, options);
  return {
    ...createPostgresTicketReads(db),
    ...createPostgresFeedbackStore(db),
    ...createPostgresOutboxStore(db),
    commit: (changes) => tickets.commit(changes),
    async close() {
      await db.close();
    },
  };
}
