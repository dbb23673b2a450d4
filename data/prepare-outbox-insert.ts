import type { NewOutboxItem } from '../core/model/outbound-message.js';
import type { Millis } from '../core/model/types.js';
import type { SqliteDatabase } from './open-database.js';
import { OUTBOX_INSERT_COLUMNS, outboxRowValues } from './outbox-row-values.js';

/**
 * The one INSERT of an outbox row, for every store that queues messages (ticket commits, SLA sweep steps, outreach).
 * Returns the row's id, or null when an item with the same dedupe key is already queued (nothing is written).
 * Call it inside the writer's transaction; the writer announces the rows after its COMMIT (CommitSignal).
 */
export function prepareOutboxInsert(db: SqliteDatabase): (item: NewOutboxItem, at: Millis) => number | null {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO outbox (${OUTBOX_INSERT_COLUMNS.join(', ')}) VALUES (${OUTBOX_INSERT_COLUMNS.map(() => '?').join(', ')})`,
  );
  return (o, at) => {
    const info = insert.run(...outboxRowValues(o, at));
    return info.changes ? Number(info.lastInsertRowid) : null;
  };
}
