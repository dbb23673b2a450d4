import { conversationKey } from '../core/model/inbound-message.js';
import type { NewOutboxItem } from '../core/model/outbound-message.js';
import type { Millis } from '../core/model/types.js';
import type { PostgresClient } from './postgres-transaction.js';

/**
 * The one INSERT of an outbox row on PostgreSQL, for every store that queues messages (ticket commits, SLA sweep
 * steps, outreach), as prepareOutboxInsert is on SQLite. Returns the row's id, or null when an item with the same
 * dedupe key is already queued (nothing is written; a concurrent insert of the same key waits for the other
 * transaction and then yields to it). Call it on the writer's transaction; the writer announces the rows after its
 * COMMIT (CommitSignal).
 */
export async function insertOutboxRow(client: PostgresClient, o: NewOutboxItem, at: Millis): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO outbox (platform, conversation, conversation_key, message, dedupe_key, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [
      o.platform,
      JSON.stringify(o.conversation),
      conversationKey(o.conversation),
      JSON.stringify(o.message),
      o.dedupeKey,
      o.nextAttemptAt ?? at,
      at,
    ],
  );
  return rows[0]?.id ?? null;
}
