import { conversationKey } from '../core/model/inbound-message.js';
import type { NewOutboxItem } from '../core/model/outbound-message.js';
import type { Millis } from '../core/model/types.js';

/** The columns an outbox row is written with, on either database. */
export const OUTBOX_INSERT_COLUMNS = [
  'platform',
  'conversation',
  'conversation_key',
  'message',
  'dedupe_key',
  'next_attempt_at',
  'created_at',
] as const;

/** An item queued at `at` as the values of OUTBOX_INSERT_COLUMNS. */
export function outboxRowValues(o: NewOutboxItem, at: Millis): unknown[] {
  return [
    o.platform,
    JSON.stringify(o.conversation),
    conversationKey(o.conversation),
    JSON.stringify(o.message),
    o.dedupeKey,
    o.nextAttemptAt ?? at,
    at,
  ];
}
