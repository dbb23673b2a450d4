import { conversationKey } from '../core/model/inbound-message.js';
import type { NewOutboxItem } from '../core/model/outbound-message.js';
import type { Millis } from '../core/model/types.js';
import type { SqliteDatabase } from './open-database.js';

/**
 * The one INSERT of an outbox row, for every store that queues messages (ticket commits, SLA sweep steps, outreach).
 * Returns the row's id, or null when an item with the same dedupe key is already queued (nothing is written).
 * Call it inside the writer's transaction; the writer announces the rows after its COMMIT (CommitSignal).
 */
export function prepareOutboxInsert(db: SqliteDatabase): (item: NewOutboxItem, at: Millis) => number | null {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO outbox (platform, conversation, conversation_key, message, dedupe_key, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return (o, at) => {
    const info = insert.run(
      o.platform,
      JSON.stringify(o.conversation),
      conversationKey(o.conversation),
      JSON.stringify(o.message),
      o.dedupeKey,
      o.nextAttemptAt ?? at,
      at,
    );
    return info.changes ? Number(info.lastInsertRowid) : null;
  };
}
