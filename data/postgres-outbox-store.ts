import { conversationKey } from '../core/model/inbound-message.js';
import type { SentMessage } from '../core/ports/chat-platform.js';
import type { OutboxStore } from '../core/ports/outbox-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import type { PostgresClient } from './postgres-transaction.js';
import { inTransaction } from './postgres-transaction.js';
import { outboxFromRow } from './ticket-rows.js';

const DUE = `SELECT * FROM outbox o WHERE o.sent_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= $1
  AND ($2::text IS NULL OR o.platform = $2)
  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.conversation_key = o.conversation_key AND e.id < o.id
    AND e.sent_at IS NULL AND e.dead_at IS NULL AND e.next_attempt_at > $1)
  ORDER BY o.id LIMIT $3`;

/**
 * The oldest unsent item of each conversation (outbox_by_conversation), due and not leased to another owner. Rows
 * another claim has locked are skipped; a row another claim updated and committed meanwhile is checked again in its
 * new version (READ COMMITTED), whose lease then keeps it out. So two claims never return one item.
 */
const CLAIMABLE = `SELECT * FROM outbox o WHERE o.sent_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= $1
  AND ($2::text IS NULL OR o.platform = $2)
  AND (o.claimed_until IS NULL OR o.claimed_until <= $1 OR o.claimed_by = $3)
  AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.conversation_key = o.conversation_key AND e.id < o.id
    AND e.sent_at IS NULL AND e.dead_at IS NULL)
  ORDER BY o.id LIMIT $4 FOR UPDATE SKIP LOCKED`;

const SENT = `UPDATE outbox SET sent_at = $1, sent_message_id = $2, attempts = attempts + 1, last_error = NULL,
  claimed_by = NULL, claimed_until = NULL WHERE id = $3 RETURNING conversation_key`;

/**
 * The outbox's reads and delivery records on PostgreSQL. Rows are queued by the writers' own transactions
 * (insertOutboxRow); `onOutboxQueued` hears all of this instance's writers through the database's CommitSignal.
 * Items are claimed with leases (claimed_by, claimed_until), so several instances share one outbox.
 */
export function createPostgresOutboxStore(db: PostgresDatabase): OutboxStore {
  const { pool } = db;
  return {
    async dueOutbox(now, limit, filter) {
      const { rows } = await pool.query(DUE, [now, filter?.platform ?? null, limit]);
      return rows.map(outboxFromRow);
    },
    async claimOutbox(now, limit, claim) {
      const rows = await inTransaction(pool, async (client) => {
        const found = await client.query(CLAIMABLE, [now, claim.platform ?? null, claim.owner, limit]);
        if (found.rows.length)
          await client.query(
            'UPDATE outbox SET attempted_at = $1, claimed_by = $2, claimed_until = $3 WHERE id = ANY($4::bigint[])',
            [now, claim.owner, now + claim.leaseMs, found.rows.map((r) => r.id)],
          );
        return found.rows; // as they were before the claim
      });
      return rows.map(outboxFromRow);
    },
    async markOutboxSent(id, at, sent) {
      const params = [at, sent.messageId, id];
      if (!sent.conversation) {
        await pool.query(SENT, params);
        return;
      }
      await inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ conversation_key: string }>(SENT, params);
        await moveConversation(client, rows[0]?.conversation_key, at, sent);
      });
    },
    async markOutboxRetry(id, nextAttemptAt, error, notPosted) {
      if (notPosted)
        await pool.query(
          `UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1, last_error = $2, attempted_at = $3,
           claimed_by = NULL, claimed_until = NULL WHERE id = $4`,
          [nextAttemptAt, error, notPosted.attemptedAt, id],
        );
      else
        await pool.query(
          `UPDATE outbox SET next_attempt_at = $1, attempts = attempts + 1, last_error = $2,
           claimed_by = NULL, claimed_until = NULL WHERE id = $3`,
          [nextAttemptAt, error, id],
        );
    },
    async markOutboxDead(id, at, error) {
      await pool.query(
        `UPDATE outbox SET dead_at = $1, attempts = attempts + 1, last_error = $2, claimed_by = NULL,
         claimed_until = NULL WHERE id = $3`,
        [at, error, id],
      );
    },
    async pendingOutboxCount(filter) {
      // Attempted rows (a send under way, or one whose outcome was lost) have no sent_at yet: they count as pending.
      const { rows } = await pool.query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL AND ($1::text IS NULL OR platform = $1)',
        [filter?.platform ?? null],
      );
      return rows[0]?.n ?? 0;
    },
    onOutboxQueued: (listener) => db.signal.onOutboxQueued(listener),
  };
}

/**
 * Inside markOutboxSent's transaction: when the sent item landed in another conversation than it was queued for and
 * tickets live in that one, move them and the conversation's unsent items there, with an audit row per ticket.
 */
async function moveConversation(
  client: PostgresClient,
  from: string | undefined,
  at: number,
  sent: SentMessage,
): Promise<void> {
  if (!sent.conversation || from === undefined) return;
  const to = conversationKey(sent.conversation);
  if (from === to) return;
  const { platform, channelId, threadId } = sent.conversation;
  const moved = await client.query<{ id: number }>(
    `UPDATE tickets SET platform = $1, channel_id = $2, thread_id = $3, conversation_key = $4
     WHERE conversation_key = $5 RETURNING id`,
    [platform, channelId, threadId ?? null, to, from],
  );
  if (!moved.rows.length) return;
  await client.query(
    'UPDATE outbox SET conversation = $1, conversation_key = $2 WHERE conversation_key = $3 AND sent_at IS NULL AND dead_at IS NULL',
    [JSON.stringify(sent.conversation), to, from],
  );
  const detail = JSON.stringify({ from, to, messageId: sent.messageId });
  const ticketIds = moved.rows.map((r) => r.id).sort((a, b) => a - b);
  for (const ticketId of ticketIds)
    await client.query('INSERT INTO audit_log (ticket_id, actor, action, detail, at) VALUES ($1, $2, $3, $4, $5)', [
      ticketId,
      'outbox',
      'ticket.conversation-moved',
      detail,
      at,
    ]);
}
