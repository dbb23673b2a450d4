import { conversationKey } from '../core/model/inbound-message.js';
import type { SentMessage } from '../core/ports/chat-platform.js';
import type { OutboxClaim, OutboxStore } from '../core/ports/outbox-store.js';
import { commitSignalOf } from './commit-signal.js';
import type { SqliteDatabase } from './open-database.js';
import { outboxFromRow } from './ticket-rows.js';

/**
 * The outbox's reads and delivery records on the support database. Rows are queued by the writers' own transactions
 * (prepareOutboxInsert); `onOutboxQueued` hears all of them through the database's CommitSignal.
 */
export function createSqliteOutboxStore(db: SqliteDatabase): OutboxStore {
  const q = {
    due: db.prepare(`SELECT * FROM outbox o WHERE o.sent_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= @now
      AND (@platform IS NULL OR o.platform = @platform)
      AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.conversation_key = o.conversation_key AND e.id < o.id AND e.sent_at IS NULL AND e.dead_at IS NULL AND e.next_attempt_at > @now)
      ORDER BY o.id LIMIT @limit`),
    // The oldest unsent item of each conversation (outbox_by_conversation), due and not leased to another owner.
    claimable:
      db.prepare(`SELECT * FROM outbox o WHERE o.sent_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= @now
      AND (@platform IS NULL OR o.platform = @platform)
      AND (o.claimed_until IS NULL OR o.claimed_until <= @now OR o.claimed_by = @owner)
      AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.conversation_key = o.conversation_key AND e.id < o.id AND e.sent_at IS NULL AND e.dead_at IS NULL)
      ORDER BY o.id LIMIT @limit`),
    claim: db.prepare('UPDATE outbox SET attempted_at = ?, claimed_by = ?, claimed_until = ? WHERE id = ?'),
    sent: db.prepare(
      'UPDATE outbox SET sent_at = ?, sent_message_id = ?, attempts = attempts + 1, last_error = NULL, claimed_by = NULL, claimed_until = NULL WHERE id = ?',
    ),
    retry: db.prepare(
      'UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1, last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?',
    ),
    retryNotPosted: db.prepare(
      'UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1, last_error = ?, attempted_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?',
    ),
    dead: db.prepare(
      'UPDATE outbox SET dead_at = ?, attempts = attempts + 1, last_error = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?',
    ),
    // Attempted rows (a send under way, or one whose outcome was lost) have no sent_at yet: they count as pending.
    pending: db
      .prepare(
        'SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL AND (@platform IS NULL OR platform = @platform)',
      )
      .pluck(),
  };
  const claim = db.transaction((now: number, limit: number, c: OutboxClaim) => {
    const rows = q.claimable.all({ now, limit, platform: c.platform ?? null, owner: c.owner }) as Record<
      string,
      unknown
    >[];
    for (const r of rows) q.claim.run(now, c.owner, now + c.leaseMs, r.id);
    return rows.map(outboxFromRow);
  });
  const moveConversation = prepareConversationMove(db);
  /** markOutboxSent in one transaction: the item, and the move of its conversation when it started one (see the port). */
  const markSent = db.transaction((id: number, at: number, sent: SentMessage) => {
    q.sent.run(at, sent.messageId, id);
    moveConversation(id, at, sent);
  });

  return {
    async dueOutbox(now, limit, filter) {
      return (q.due.all({ now, limit, platform: filter?.platform ?? null }) as Record<string, unknown>[]).map(
        outboxFromRow,
      );
    },
    async claimOutbox(now, limit, c) {
      return claim(now, limit, c);
    },
    async markOutboxSent(id, at, sent) {
      markSent(id, at, sent);
    },
    async markOutboxRetry(id, nextAttemptAt, error, notPosted) {
      if (notPosted) q.retryNotPosted.run(nextAttemptAt, error, notPosted.attemptedAt, id);
      else q.retry.run(nextAttemptAt, error, id);
    },
    async markOutboxDead(id, at, error) {
      q.dead.run(at, error, id);
    },
    async pendingOutboxCount(filter) {
      return q.pending.get({ platform: filter?.platform ?? null }) as number;
    },
    onOutboxQueued: (listener) => commitSignalOf(db).onOutboxQueued(listener),
  };
}

/**
 * Inside markOutboxSent's transaction: when the sent item landed in another conversation than it was queued for and
 * tickets live in that one, move them and the conversation's unsent items there, with an audit row per ticket.
 */
function prepareConversationMove(db: SqliteDatabase): (id: number, at: number, sent: SentMessage) => void {
  const q = {
    conversationKey: db.prepare('SELECT conversation_key FROM outbox WHERE id = ?').pluck(),
    ticketIds: db.prepare('SELECT id FROM tickets WHERE conversation_key = ? ORDER BY id').pluck(),
    moveTickets: db.prepare(
      'UPDATE tickets SET platform = @platform, channel_id = @channelId, thread_id = @threadId, conversation_key = @to WHERE conversation_key = @from',
    ),
    moveOutbox: db.prepare(
      'UPDATE outbox SET conversation = @conversation, conversation_key = @to WHERE conversation_key = @from AND sent_at IS NULL AND dead_at IS NULL',
    ),
    insertAudit: db.prepare('INSERT INTO audit_log (ticket_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)'),
  };
  return (id, at, sent) => {
    if (!sent.conversation) return;
    const from = q.conversationKey.get(id) as string | undefined;
    const to = conversationKey(sent.conversation);
    if (from === undefined || from === to) return;
    const ticketIds = q.ticketIds.all(from) as number[];
    if (!ticketIds.length) return;
    const { platform, channelId, threadId } = sent.conversation;
    q.moveTickets.run({ platform, channelId, threadId: threadId ?? null, to, from });
    q.moveOutbox.run({ conversation: JSON.stringify(sent.conversation), to, from });
    const detail = JSON.stringify({ from, to, messageId: sent.messageId });
    for (const ticketId of ticketIds) q.insertAudit.run(ticketId, 'outbox', 'ticket.conversation-moved', detail, at);
  };
}
