import type { NewOutboxItem } from '../core/model/outbound-message.js';
import type { Millis } from '../core/model/types.js';
import { insertOutboxRows } from './postgres-batch-insert.js';
import type { PostgresClient } from './postgres-transaction.js';

/**
 * One outbox row on PostgreSQL, for the writers that queue one message at a time (SLA sweep steps, outreach), as
 * prepareOutboxInsert is on SQLite. Returns the row's id, or null when an item with the same dedupe key is already
 * queued (nothing is written; a concurrent insert of the same key waits for the other transaction and then yields
 * to it). Call it on the writer's transaction; the writer announces the rows after its COMMIT (CommitSignal).
 */
export async function insertOutboxRow(client: PostgresClient, o: NewOutboxItem, at: Millis): Promise<number | null> {
  return (await insertOutboxRows(client, [o], at))[0] ?? null;
}
