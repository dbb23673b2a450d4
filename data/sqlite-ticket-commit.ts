import type { ConversationRef } from '../core/model/inbound-message.js';
import { conversationKey } from '../core/model/inbound-message.js';
import type { NewAuditEntry, NewTicket, Ticket } from '../core/model/ticket.js';
import type { ChangeSet, CommitResult } from '../core/ports/ticket-store.js';
import type { TicketChangeHook } from '../core/ports/ticket-change-hook.js';
import { commitSignalOf } from './commit-signal.js';
import { createGroupCommit } from './group-commit.js';
import type { SqliteDatabase } from './open-database.js';
import { prepareOutboxInsert } from './prepare-outbox-insert.js';
import { prepareTicketById } from './sqlite-ticket-reads.js';
import { PATCH_COLUMNS, ticketFromRow } from './ticket-rows.js';
import type { TicketRow } from './ticket-rows.js';

export interface SqliteTicketCommitOptions {
  ticketPrefix?: string;
  /** Called inside commit's transaction for each ticket change (SLA clocks); its writes commit with the ticket. */
  onTicketChange?: TicketChangeHook;
}

export interface SqliteTicketCommit {
  commit(changes: ChangeSet): Promise<CommitResult>;
  /** Commit whatever is queued now, synchronously (before closing the database). */
  flushNow(): void;
}

/** What one change set did inside the transaction: its result, and whether its hook wrote clocks. */
interface Applied {
  result: CommitResult;
  timers: boolean;
}

class ConflictSignal extends Error {
  constructor(readonly ticket: Ticket | null) {
    super('ticket changed concurrently');
  }
}

/**
 * Insert a new ticket; returns it as a re-read would give it. The key is <prefix>-<id>, written by the INSERT itself:
 * AUTOINCREMENT's next id is max(sqlite_sequence, max id) + 1; checked against the id it did assign.
 */
function prepareTicketInsert(db: SqliteDatabase, prefix: string): (t: NewTicket) => Ticket {
  const insert =
    db.prepare(`INSERT INTO tickets (key, status, priority, category, tier, customer_id, requester_id, requester_name, platform, channel_id,
      thread_id, conversation_key, subject, assignee_id, created_at, updated_at, first_response_due_at, first_response_at, resolved_at, closed_at,
      reopen_count, escalated) VALUES (@prefix || '-' || (MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0), COALESCE((SELECT MAX(id) FROM tickets), 0)) + 1), @status, @priority, @category, @tier, @customerId, @requesterId, @requesterName, @platform, @channelId,
      @threadId, @conversationKey, @subject, @assigneeId, @createdAt, @updatedAt, @firstResponseDueAt, @firstResponseAt, @resolvedAt, @closedAt,
      @reopenCount, @escalated) RETURNING id, key`);
  const setKey = db.prepare('UPDATE tickets SET key = ? WHERE id = ?');
  return (t) => {
    const row = insert.get({
      ...t,
      prefix,
      platform: t.conversation.platform,
      channelId: t.conversation.channelId,
      threadId: t.conversation.threadId ?? null,
      conversationKey: conversationKey(t.conversation),
      escalated: t.escalated ? 1 : 0,
    }) as { id: number; key: string };
    const key = `${prefix}-${row.id}`;
    if (row.key !== key) setKey.run(key, row.id);
    const conversation: ConversationRef = { platform: t.conversation.platform, channelId: t.conversation.channelId };
    if (t.conversation.threadId != null) conversation.threadId = t.conversation.threadId;
    return { ...t, conversation, id: row.id, key };
  };
}

/**
 * Apply a change's patch when the ticket is (still) in the expected state; returns the ticket as patched. Otherwise
 * throws a ConflictSignal, which rolls the whole change back (its event row too, so the caller can decide again with
 * fresh data). `known` is the ticket as this change already knows it (null: read it).
 */
function prepareTicketPatch(db: SqliteDatabase, ticketById: (id: number) => Ticket | null) {
  return (ticketId: number, c: ChangeSet, known: Ticket | null): Ticket => {
    const found = known ?? ticketById(ticketId);
    if (!found || (c.expectStatus && found.status !== c.expectStatus)) throw new ConflictSignal(found);
    const entries = Object.entries(c.patch ?? {}).filter(([, v]) => v !== undefined);
    if (entries.length) {
      const sets = entries.map(([k]) => `${PATCH_COLUMNS[k as keyof typeof PATCH_COLUMNS]} = ?`).join(', ');
      const values = entries.map(([, v]) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
      db.prepare(`UPDATE tickets SET ${sets} WHERE id = ?`).run(...values, ticketId);
    }
    return { ...found, ...Object.fromEntries(entries) };
  };
}

/** The rows of a change that hang off its ticket: transcript, audit and search rows. */
function prepareTicketRows(db: SqliteDatabase) {
  const q = {
    message: db.prepare(
      'INSERT INTO ticket_messages (ticket_id, platform, event_id, message_id, author_id, author_name, role, text, at) VALUES (@ticketId, @platform, @eventId, @messageId, @authorId, @authorName, @role, @text, @at)',
    ),
    audit: db.prepare('INSERT INTO audit_log (ticket_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)'),
    search: db.prepare(
      'INSERT INTO kb_searches (query, platform, tier, customer_id, result_count, top_article_id, top_score, intent, at) VALUES (@query, @platform, @tier, @customerId, @resultCount, @topArticleId, @topScore, @intent, @at)',
    ),
  };
  /** Audit rows without a ticketId attach to the change's ticket. */
  const audits = (ticketId: number | null, entries: readonly NewAuditEntry[]) => {
    for (const a of entries)
      q.audit.run(a.ticketId === undefined ? ticketId : a.ticketId, a.actor, a.action, JSON.stringify(a.detail), a.at);
  };
  return {
    audits,
    write(ticketId: number | null, c: ChangeSet) {
      for (const m of c.messages ?? []) q.message.run({ ...m, ticketId: m.ticketId ?? ticketId });
      audits(ticketId, c.audits ?? []);
      for (const s of c.searches ?? []) q.search.run(s);
    },
  };
}

/**
 * TicketStore.commit on SQLite: every change set is one savepoint of a group commit (group-commit.ts). After the
 * COMMIT, a change that queued outbox rows announces them (CommitSignal.outboxQueued), and one whose hook wrote SLA
 * clocks announces that (timersChanged); a duplicate, a conflict or a failure announces nothing.
 */
export function createSqliteTicketCommit(
  db: SqliteDatabase,
  options: SqliteTicketCommitOptions = {},
): SqliteTicketCommit {
  const hook = options.onTicketChange;
  const signal = commitSignalOf(db);
  const insertEvent = db.prepare(
    'INSERT OR IGNORE INTO inbound_events (platform, event_id, received_at, conversation_key, author_id, outcome) VALUES (@platform, @eventId, @receivedAt, @conversationKey, @authorId, @outcome)',
  );
  const insertTicket = prepareTicketInsert(db, options.ticketPrefix ?? 'SUP');
  const liveTicketOf = db.prepare(
    "SELECT * FROM tickets WHERE conversation_key = ? AND status != 'closed' ORDER BY id DESC LIMIT 1",
  );
  const ticketById = prepareTicketById(db);
  const patchTicket = prepareTicketPatch(db, ticketById);
  const rows = prepareTicketRows(db);
  const insertOutbox = prepareOutboxInsert(db);

  const applyChanges = (c: ChangeSet): Applied => {
    if (c.event && insertEvent.run(c.event).changes === 0) return { result: { kind: 'duplicate' }, timers: false };
    let ticketId = c.ticketId ?? null;
    const before = hook && ticketId !== null && !c.openTicket ? ticketById(ticketId) : null;
    // The ticket as it stands after this change, built from what was written instead of read back (SELECT * costs
    // more than the insert: 23 columns become a JavaScript object); read only when nothing here says what it is.
    let current: Ticket | null = null;
    if (c.openTicket) {
      // One ticket that is not closed per conversation: another decision opened one meanwhile (see ChangeSet).
      const live = liveTicketOf.get(conversationKey(c.openTicket.conversation)) as TicketRow | undefined;
      if (live) throw new ConflictSignal(ticketFromRow(live));
      current = insertTicket(c.openTicket);
      ticketId = current.id;
    }
    if (ticketId !== null && c.patch) current = patchTicket(ticketId, c, current ?? before);
    rows.write(ticketId, c);
    const now = c.at ?? c.event?.receivedAt ?? Date.now();
    if (current === null && ticketId !== null) current = before ? { ...before } : ticketById(ticketId);
    const timerWrites = signal.timerWrites();
    const hooked =
      hook && current && (c.openTicket || c.patch || c.messages?.length)
        ? hook({ before, after: current, changes: c, at: now })
        : undefined;
    rows.audits(ticketId, hooked?.audits ?? []);
    const outbox = [
      ...(c.outbox ?? []),
      ...(c.outboxFor && current ? c.outboxFor(current) : []),
      ...(hooked?.outbox ?? []),
    ];
    const outboxIds = outbox.map((o) => insertOutbox(o, now)).filter((id): id is number => id !== null);
    return { result: { kind: 'committed', ticket: current, outboxIds }, timers: signal.timerWrites() !== timerWrites };
  };
  const group = createGroupCommit(db, applyChanges);

  return {
    async commit(changes) {
      let applied: Applied;
      try {
        applied = await group.submit(changes); // settles after the batch's COMMIT
      } catch (err) {
        if (err instanceof ConflictSignal) return { kind: 'conflict', ticket: err.ticket };
        throw err;
      }
      if (applied.result.kind === 'committed' && applied.result.outboxIds.length) signal.outboxQueued();
      if (applied.timers) signal.timersChanged();
      return applied.result;
    },
    flushNow: () => group.flushNow(),
  };
}
