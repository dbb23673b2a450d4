import { conversationKey } from '../core/model/inbound-message.js';
import type { ConversationRef } from '../core/model/inbound-message.js';
import type { Rating, Ticket } from '../core/model/ticket.js';
import type { Platform } from '../core/model/types.js';
import type { NewSearchLog, NewVote, VoteResult } from '../core/ports/feedback-store.js';
import type { SentMessage } from '../core/ports/chat-platform.js';
import type { ArticleStats } from '../core/ports/knowledge-base.js';
import type { SupportStore } from '../core/ports/support-store.js';
import type { ChangeSet, CommitResult, TicketQuery } from '../core/ports/ticket-store.js';
import type { TicketChangeHook } from '../core/ports/ticket-change-hook.js';
import { createGroupCommit } from './group-commit.js';
import type { SqliteDatabase } from './open-database.js';
import { PATCH_COLUMNS, auditFromRow, messageFromRow, outboxFromRow, ticketFromRow } from './ticket-rows.js';
import type { TicketRow } from './ticket-rows.js';

export interface SqliteSupportStoreOptions {
  ticketPrefix?: string;
  /** Called inside commit's transaction for each ticket change (SLA clocks); its writes commit with the ticket. */
  onTicketChange?: TicketChangeHook;
}

/**
 * The store ports on one SQLite file (better-sqlite3, WAL). Every method is one transaction; `commit`s queued in the
 * same turn of the event loop share one (group commit, see group-commit.ts), each in its own savepoint.
 */
export function createSqliteSupportStore(db: SqliteDatabase, options: SqliteSupportStoreOptions = {}): SupportStore {
  const prefix = options.ticketPrefix ?? 'SUP';
  const q = {
    hasEvent: db.prepare('SELECT 1 FROM inbound_events WHERE platform = ? AND event_id = ?').pluck(),
    insertEvent: db.prepare(
      'INSERT OR IGNORE INTO inbound_events (platform, event_id, received_at, conversation_key, author_id, outcome) VALUES (@platform, @eventId, @receivedAt, @conversationKey, @authorId, @outcome)',
    ),
    insertTicket:
      db.prepare(`INSERT INTO tickets (key, status, priority, category, tier, customer_id, requester_id, requester_name, platform, channel_id,
      thread_id, conversation_key, subject, assignee_id, created_at, updated_at, first_response_due_at, first_response_at, resolved_at, closed_at,
      reopen_count, escalated) VALUES (@prefix || '-' || (MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0), COALESCE((SELECT MAX(id) FROM tickets), 0)) + 1), @status, @priority, @category, @tier, @customerId, @requesterId, @requesterName, @platform, @channelId,
      @threadId, @conversationKey, @subject, @assigneeId, @createdAt, @updatedAt, @firstResponseDueAt, @firstResponseAt, @resolvedAt, @closedAt,
      @reopenCount, @escalated) RETURNING id, key`),
    setKey: db.prepare('UPDATE tickets SET key = ? WHERE id = ?'),
    ticketById: db.prepare('SELECT * FROM tickets WHERE id = ?'),
    ticketByKey: db.prepare('SELECT * FROM tickets WHERE key = ?'),
    ticketForConversation: db.prepare(
      "SELECT * FROM tickets WHERE conversation_key = ? AND status != 'closed' ORDER BY id DESC LIMIT 1",
    ),
    insertMessage: db.prepare(
      'INSERT INTO ticket_messages (ticket_id, platform, event_id, message_id, author_id, author_name, role, text, at) VALUES (@ticketId, @platform, @eventId, @messageId, @authorId, @authorName, @role, @text, @at)',
    ),
    insertAudit: db.prepare('INSERT INTO audit_log (ticket_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)'),
    insertSearch: db.prepare(
      'INSERT INTO kb_searches (query, platform, tier, customer_id, result_count, top_article_id, top_score, intent, at) VALUES (@query, @platform, @tier, @customerId, @resultCount, @topArticleId, @topScore, @intent, @at)',
    ),
    insertOutbox: db.prepare(
      'INSERT OR IGNORE INTO outbox (platform, conversation, conversation_key, message, dedupe_key, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    messages: db.prepare('SELECT * FROM ticket_messages WHERE ticket_id = ? ORDER BY id'),
    audit: db.prepare('SELECT * FROM audit_log WHERE ticket_id = ? ORDER BY id'),
    voteGet: db.prepare('SELECT helpful FROM kb_votes WHERE article_id = ? AND voter_id = ? AND context = ?').pluck(),
    voteUpsert: db.prepare(
      `INSERT INTO kb_votes (article_id, voter_id, context, helpful, platform, ticket_id, at) VALUES (@articleId, @voterId, @context, @helpful, @platform, @ticketId, @at)
       ON CONFLICT (article_id, voter_id, context) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    ),
    // One person counts once per article in the ranking (their latest vote), however many answers they voted on.
    voteStats: db.prepare(
      'SELECT article_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS not_helpful FROM (SELECT article_id, helpful, ROW_NUMBER() OVER (PARTITION BY article_id, voter_id ORDER BY at DESC, rowid DESC) AS n FROM kb_votes) WHERE n = 1 GROUP BY article_id',
    ),
    viewStats: db.prepare(
      'SELECT top_article_id AS article_id, COUNT(*) AS views FROM kb_searches WHERE top_article_id IS NOT NULL GROUP BY top_article_id',
    ),
    ratingUpsert: db.prepare(
      'INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES (@ticketId, @kind, @score, @raterId, @at) ON CONFLICT (ticket_id, kind) DO UPDATE SET score = excluded.score, rater_id = excluded.rater_id, at = excluded.at',
    ),
    ratings: db.prepare('SELECT ticket_id, kind, score, rater_id, at FROM ratings WHERE ticket_id = ? ORDER BY kind'),
    outboxDue:
      db.prepare(`SELECT * FROM outbox o WHERE o.sent_at IS NULL AND o.dead_at IS NULL AND o.next_attempt_at <= @now
      AND (@platform IS NULL OR o.platform = @platform)
      AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.conversation_key = o.conversation_key AND e.id < o.id AND e.sent_at IS NULL AND e.dead_at IS NULL AND e.next_attempt_at > @now)
      ORDER BY o.id LIMIT @limit`),
    outboxAttempted: db.prepare('UPDATE outbox SET attempted_at = ? WHERE id = ?'),
    outboxSent: db.prepare(
      'UPDATE outbox SET sent_at = ?, sent_message_id = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?',
    ),
    outboxRetry: db.prepare(
      'UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?',
    ),
    outboxRetryNotPosted: db.prepare(
      'UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1, last_error = ?, attempted_at = ? WHERE id = ?',
    ),
    outboxDead: db.prepare('UPDATE outbox SET dead_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?'),
    // Attempted rows (a send under way, or one whose outcome was lost) have no sent_at yet: they count as pending.
    outboxPending: db
      .prepare(
        'SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL AND (@platform IS NULL OR platform = @platform)',
      )
      .pluck(),
    outboxConversationKey: db.prepare('SELECT conversation_key FROM outbox WHERE id = ?').pluck(),
    ticketIdsForConversation: db.prepare('SELECT id FROM tickets WHERE conversation_key = ? ORDER BY id').pluck(),
    moveTickets: db.prepare(
      'UPDATE tickets SET platform = @platform, channel_id = @channelId, thread_id = @threadId, conversation_key = @to WHERE conversation_key = @from',
    ),
    moveOutbox: db.prepare(
      'UPDATE outbox SET conversation = @conversation, conversation_key = @to WHERE conversation_key = @from AND sent_at IS NULL AND dead_at IS NULL',
    ),
  };

  const markAttempted = db.transaction((ids: readonly number[], at: number) => {
    for (const id of ids) q.outboxAttempted.run(at, id);
  });

  /** markOutboxSent in one transaction: the item, and the move of its conversation when it started one (see the port). */
  const markSent = db.transaction((id: number, at: number, sent: SentMessage) => {
    q.outboxSent.run(at, sent.messageId, id);
    if (!sent.conversation) return;
    const from = q.outboxConversationKey.get(id) as string | undefined;
    const to = conversationKey(sent.conversation);
    if (from === undefined || from === to) return;
    const ticketIds = q.ticketIdsForConversation.all(from) as number[];
    if (!ticketIds.length) return;
    const { platform, channelId, threadId } = sent.conversation;
    q.moveTickets.run({ platform, channelId, threadId: threadId ?? null, to, from });
    q.moveOutbox.run({ conversation: JSON.stringify(sent.conversation), to, from });
    for (const ticketId of ticketIds)
      q.insertAudit.run(
        ticketId,
        'outbox',
        'ticket.conversation-moved',
        JSON.stringify({ from, to, messageId: sent.messageId }),
        at,
      );
  });

  const getTicket = (id: number): Ticket | null => {
    const row = q.ticketById.get(id) as TicketRow | undefined;
    return row ? ticketFromRow(row) : null;
  };

  const applyChanges = (c: ChangeSet): CommitResult => {
    if (c.event && q.insertEvent.run(c.event).changes === 0) return { kind: 'duplicate' };
    let ticketId = c.ticketId ?? null;
    // The ticket as it stands after this change, built from what was written instead of read back (SELECT * costs
    // more than the insert: 23 columns become a JavaScript object); read only when nothing here says what it is.
    let current: Ticket | null = null;
    const before = options.onTicketChange && ticketId !== null && !c.openTicket ? getTicket(ticketId) : null;
    if (c.openTicket) {
      const t = c.openTicket;
      // The key is SUP-<id>, written by the INSERT itself: AUTOINCREMENT's next id is max(sqlite_sequence, max id) + 1;
      // checked against the id it did assign.
      const row = q.insertTicket.get({
        ...t,
        prefix,
        platform: t.conversation.platform,
        channelId: t.conversation.channelId,
        threadId: t.conversation.threadId ?? null,
        conversationKey: conversationKey(t.conversation),
        escalated: t.escalated ? 1 : 0,
      }) as { id: number; key: string };
      ticketId = row.id;
      let key = row.key;
      if (key !== `${prefix}-${ticketId}`) {
        key = `${prefix}-${ticketId}`;
        q.setKey.run(key, ticketId);
      }
      const conversation: ConversationRef = { platform: t.conversation.platform, channelId: t.conversation.channelId };
      if (t.conversation.threadId != null) conversation.threadId = t.conversation.threadId;
      current = { ...t, conversation, id: ticketId, key };
    }
    if (ticketId !== null && c.patch) {
      const found = current ?? before ?? getTicket(ticketId);
      if (!found || (c.expectStatus && found.status !== c.expectStatus)) {
        // Roll back the event row too, so the caller can decide again with fresh data.
        throw new ConflictSignal(found);
      }
      const entries = Object.entries(c.patch).filter(([, v]) => v !== undefined);
      if (entries.length) {
        const sets = entries.map(([k]) => `${PATCH_COLUMNS[k as keyof typeof PATCH_COLUMNS]} = ?`).join(', ');
        const values = entries.map(([, v]) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
        db.prepare(`UPDATE tickets SET ${sets} WHERE id = ?`).run(...values, ticketId);
      }
      current = { ...found, ...Object.fromEntries(entries) };
    }
    for (const m of c.messages ?? []) q.insertMessage.run({ ...m, ticketId: m.ticketId ?? ticketId });
    for (const a of c.audits ?? [])
      q.insertAudit.run(
        a.ticketId === undefined ? ticketId : a.ticketId,
        a.actor,
        a.action,
        JSON.stringify(a.detail),
        a.at,
      );
    for (const s of c.searches ?? []) q.insertSearch.run(s);
    const outboxIds: number[] = [];
    const now = c.at ?? c.event?.receivedAt ?? Date.now();
    if (current === null && ticketId !== null) current = before ? { ...before } : getTicket(ticketId);
    const hooked =
      options.onTicketChange && current && (c.openTicket || c.patch || c.messages?.length)
        ? options.onTicketChange({ before, after: current, changes: c, at: now })
        : undefined;
    for (const a of hooked?.audits ?? [])
      q.insertAudit.run(
        a.ticketId === undefined ? ticketId : a.ticketId,
        a.actor,
        a.action,
        JSON.stringify(a.detail),
        a.at,
      );
    const outbox = [
      ...(c.outbox ?? []),
      ...(c.outboxFor && current ? c.outboxFor(current) : []),
      ...(hooked?.outbox ?? []),
    ];
    for (const o of outbox) {
      const info = q.insertOutbox.run(
        o.platform,
        JSON.stringify(o.conversation),
        conversationKey(o.conversation),
        JSON.stringify(o.message),
        o.dedupeKey,
        o.nextAttemptAt ?? now,
        now,
      );
      if (info.changes) outboxIds.push(Number(info.lastInsertRowid));
    }
    return { kind: 'committed', ticket: current, outboxIds };
  };
  const group = createGroupCommit(db, applyChanges);

  return {
    async hasEvent(platform: Platform, eventId: string) {
      return q.hasEvent.get(platform, eventId) !== undefined;
    },
    async commit(changes) {
      try {
        return await group.submit(changes);
      } catch (err) {
        if (err instanceof ConflictSignal) return { kind: 'conflict', ticket: err.ticket };
        throw err;
      }
    },
    async getTicket(id) {
      return getTicket(id);
    },
    async getTicketByKey(key) {
      const row = q.ticketByKey.get(key.toUpperCase()) as TicketRow | undefined;
      return row ? ticketFromRow(row) : null;
    },
    async findTicketForConversation(conversation: ConversationRef) {
      const row = q.ticketForConversation.get(conversationKey(conversation)) as TicketRow | undefined;
      return row ? ticketFromRow(row) : null;
    },
    async listTickets(query: TicketQuery) {
      const where: string[] = [];
      const params: unknown[] = [];
      const inList = (col: string, values: readonly string[] | undefined) => {
        if (!values?.length) return;
        where.push(`${col} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      };
      if (query.customerId !== undefined) {
        where.push('customer_id = ?');
        params.push(query.customerId);
      }
      if (query.requesterId !== undefined) {
        where.push('requester_id = ?');
        params.push(query.requesterId);
      }
      if (query.platform !== undefined) {
        where.push('platform = ?');
        params.push(query.platform);
      }
      inList('status', query.statuses);
      inList('tier', query.tiers);
      inList('priority', query.priorities);
      const sql = `SELECT * FROM tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, query.limit ?? 100) as TicketRow[]).map(ticketFromRow);
    },
    async listMessages(ticketId) {
      return (q.messages.all(ticketId) as Record<string, unknown>[]).map(messageFromRow);
    },
    async listAudit(ticketId) {
      return (q.audit.all(ticketId) as Record<string, unknown>[]).map(auditFromRow);
    },
    async recordSearch(entry: NewSearchLog) {
      q.insertSearch.run(entry);
    },
    async recordVote(vote: NewVote): Promise<VoteResult> {
      return db.transaction((): VoteResult => {
        const before = q.voteGet.get(vote.articleId, vote.voterId, vote.context) as number | undefined;
        const helpful = vote.helpful ? 1 : 0;
        if (before === helpful) return { kind: 'unchanged' };
        q.voteUpsert.run({ ...vote, helpful });
        return before === undefined ? { kind: 'recorded' } : { kind: 'changed' };
      })();
    },
    async articleStats() {
      const stats = new Map<string, ArticleStats>();
      const get = (id: string) => stats.get(id) ?? stats.set(id, { helpful: 0, notHelpful: 0, views: 0 }).get(id)!;
      for (const r of q.voteStats.all() as { article_id: string; helpful: number; not_helpful: number }[]) {
        Object.assign(get(r.article_id), { helpful: r.helpful, notHelpful: r.not_helpful });
      }
      for (const r of q.viewStats.all() as { article_id: string; views: number }[]) get(r.article_id).views = r.views;
      return stats;
    },
    async recordRating(rating: Rating) {
      q.ratingUpsert.run(rating);
    },
    async listRatings(ticketId) {
      return (
        q.ratings.all(ticketId) as {
          ticket_id: number;
          kind: Rating['kind'];
          score: number;
          rater_id: string;
          at: number;
        }[]
      ).map((r) => ({
        ticketId: r.ticket_id,
        kind: r.kind,
        score: r.score,
        raterId: r.rater_id,
        at: r.at,
      }));
    },
    async dueOutbox(now, limit, filter) {
      return (q.outboxDue.all({ now, limit, platform: filter?.platform ?? null }) as Record<string, unknown>[]).map(
        outboxFromRow,
      );
    },
    async markOutboxAttempted(ids, at) {
      markAttempted(ids, at);
    },
    async markOutboxSent(id, at, sent) {
      markSent(id, at, sent);
    },
    async markOutboxRetry(id, nextAttemptAt, error, notPosted) {
      if (notPosted) q.outboxRetryNotPosted.run(nextAttemptAt, error, notPosted.attemptedAt, id);
      else q.outboxRetry.run(nextAttemptAt, error, id);
    },
    async markOutboxDead(id, at, error) {
      q.outboxDead.run(at, error, id);
    },
    async pendingOutboxCount(filter) {
      return q.outboxPending.get({ platform: filter?.platform ?? null }) as number;
    },
    async close() {
      group.flushNow();
      db.close();
    },
  };
}

class ConflictSignal extends Error {
  constructor(readonly ticket: Ticket | null) {
    super('ticket changed concurrently');
  }
}
