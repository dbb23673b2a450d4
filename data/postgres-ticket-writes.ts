import type { ConversationRef } from '../core/model/inbound-message.js';
import { conversationKey } from '../core/model/inbound-message.js';
import type { NewTicket, Ticket } from '../core/model/ticket.js';
import type { ChangeSet } from '../core/ports/ticket-store.js';
import type { PostgresClient } from './postgres-transaction.js';
import { PATCH_COLUMNS } from './ticket-rows.js';

/**
 * Insert a new ticket; returns it as a re-read would give it. The key is <prefix>-<id>, written by the INSERT itself:
 * the id is drawn from the identity's sequence once (a volatile CTE runs once) and used for both columns.
 */
export async function insertPostgresTicket(client: PostgresClient, prefix: string, t: NewTicket): Promise<Ticket> {
  const { rows } = await client.query<{ id: number; key: string }>(
    `WITH next AS (SELECT nextval(pg_get_serial_sequence('tickets', 'id')) AS id)
     INSERT INTO tickets (id, key, status, priority, category, tier, customer_id, requester_id, requester_name,
       platform, channel_id, thread_id, conversation_key, subject, assignee_id, created_at, updated_at,
       first_response_due_at, first_response_at, resolved_at, closed_at, reopen_count, escalated)
     VALUES ((SELECT id FROM next), $1::text || '-' || (SELECT id FROM next), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
       $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     RETURNING id, key`,
    [
      prefix,
      t.status,
      t.priority,
      t.category,
      t.tier,
      t.customerId,
      t.requesterId,
      t.requesterName,
      t.conversation.platform,
      t.conversation.channelId,
      t.conversation.threadId ?? null,
      conversationKey(t.conversation),
      t.subject,
      t.assigneeId,
      t.createdAt,
      t.updatedAt,
      t.firstResponseDueAt,
      t.firstResponseAt,
      t.resolvedAt,
      t.closedAt,
      t.reopenCount,
      t.escalated,
    ],
  );
  const row = rows[0]!;
  const conversation: ConversationRef = { platform: t.conversation.platform, channelId: t.conversation.channelId };
  if (t.conversation.threadId != null) conversation.threadId = t.conversation.threadId;
  return { ...t, conversation, id: row.id, key: row.key };
}

/** Write a patch's defined fields to the ticket's row; returns `found` as patched. */
export async function patchPostgresTicket(
  client: PostgresClient,
  found: Ticket,
  patch: ChangeSet['patch'],
): Promise<Ticket> {
  const entries = Object.entries(patch ?? {}).filter(([, v]) => v !== undefined);
  if (entries.length) {
    const sets = entries.map(([k], i) => `${PATCH_COLUMNS[k as keyof typeof PATCH_COLUMNS]} = $${i + 1}`).join(', ');
    await client.query(`UPDATE tickets SET ${sets} WHERE id = $${entries.length + 1}`, [
      ...entries.map(([, v]) => v),
      found.id,
    ]);
  }
  return { ...found, ...Object.fromEntries(entries) };
}
