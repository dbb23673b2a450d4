import { conversationKey } from '../core/model/inbound-message.js';
import type { Ticket } from '../core/model/ticket.js';
import type { TicketChange, TicketChangeEffects, TicketChangeHook } from '../core/ports/ticket-change-hook.js';
import type { ChangeSet, CommitResult } from '../core/ports/ticket-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import type { PostgresClockWriter } from './postgres-clock-sink.js';
import { InsertBatch, insertOutboxRows } from './postgres-batch-insert.js';
import { postgresLiveTicketOf, postgresTicketById } from './postgres-ticket-reads.js';
import type { PostgresClient } from './postgres-transaction.js';
import { inTransaction } from './postgres-transaction.js';
import { insertPostgresTicket, patchPostgresTicket } from './postgres-ticket-writes.js';

export interface PostgresTicketCommitOptions {
  ticketPrefix?: string;
  /** Called inside commit's transaction for each ticket change (SLA clocks); its writes commit with the ticket. */
  onTicketChange?: TicketChangeHook;
  /** How the hook's SLA clocks are loaded and written on the commit's transaction (see postgres-clock-sink.ts). */
  clocks?: PostgresClockWriter;
}

export interface PostgresTicketCommit {
  commit(changes: ChangeSet): Promise<CommitResult>;
}

/** What one change set did inside its transaction: its result, and whether its hook wrote clocks. */
interface Applied {
  result: CommitResult & { kind: 'committed' };
  timers: boolean;
}

/** Thrown inside the transaction to roll it back: the change set's event was recorded before. */
class DuplicateSignal extends Error {
  constructor() {
    super('event recorded before');
  }
}

/** Thrown inside the transaction to roll it back: the ticket is not in the state the change expects. */
class ConflictSignal extends Error {
  constructor(readonly ticket: Ticket | null) {
    super('ticket changed concurrently');
  }
}

/**
 * TicketStore.commit on PostgreSQL: one transaction per change set (inTransaction). A recorded event makes it a
 * duplicate; a conversation that has a ticket not closed, or a ticket not in the expected status, makes it a
 * conflict; both roll everything back. Opening a ticket first takes a transaction-level advisory lock on the
 * conversation, so two instances opening one conversation's ticket at once are serialized, and the second sees the
 * first's ticket. A patched ticket's row is locked (FOR UPDATE) before its status is checked. After the COMMIT, a
 * change that queued outbox rows announces them (CommitSignal.outboxQueued), and one whose hook wrote SLA clocks
 * announces that (timersChanged); a duplicate, a conflict or a failure announces nothing.
 */
export function createPostgresTicketCommit(
  db: PostgresDatabase,
  options: PostgresTicketCommitOptions = {},
): PostgresTicketCommit {
  const hook = options.onTicketChange;
  const clocks = options.clocks;
  const prefix = options.ticketPrefix ?? 'SUP';

  /** The hook, with the ticket's SLA clocks loaded before and written after it when `clocks` is given. */
  const runHook = async (
    client: PostgresClient,
    run: TicketChangeHook,
    change: TicketChange,
  ): Promise<{ hooked: TicketChangeEffects | undefined; timers: boolean }> => {
    if (!clocks) return { hooked: run(change), timers: false };
    const ticketId = change.after.id;
    // A ticket this transaction opened has no clocks yet (nobody else can see it): nothing to load or lock.
    const timers = change.before === null && change.changes.openTicket ? [] : await clocks.load(client, ticketId);
    const { result: hooked, ops } = clocks.run(ticketId, timers, () => run(change));
    await clocks.write(client, ticketId, ops);
    return { hooked, timers: ops.length > 0 };
  };

  const apply = async (client: PostgresClient, c: ChangeSet): Promise<Applied> => {
    if (c.event) {
      const e = c.event;
      const { rowCount } = await client.query(
        `INSERT INTO inbound_events (platform, event_id, received_at, conversation_key, author_id, outcome)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
        [e.platform, e.eventId, e.receivedAt, e.conversationKey, e.authorId, e.outcome],
      );
      if (!rowCount) throw new DuplicateSignal();
    }
    let ticketId = c.ticketId ?? null;
    // The ticket before this change (the hook's `before`), locked when it is about to be patched or hooked.
    const before =
      ticketId !== null && !c.openTicket && (hook || c.patch) ? await postgresTicketById(client, ticketId, true) : null;
    let current: Ticket | null = null;
    if (c.openTicket) {
      // One ticket that is not closed per conversation: another decision opened one meanwhile (see ChangeSet).
      const key = conversationKey(c.openTicket.conversation);
      await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':conversation:' || $1))", [key]);
      const live = await postgresLiveTicketOf(client, key);
      if (live) throw new ConflictSignal(live);
      current = await insertPostgresTicket(client, prefix, c.openTicket);
      ticketId = current.id;
    }
    if (ticketId !== null && c.patch) {
      const found = current ?? before ?? (await postgresTicketById(client, ticketId, true));
      if (!found || (c.expectStatus && found.status !== c.expectStatus)) throw new ConflictSignal(found);
      current = await patchPostgresTicket(client, found, c.patch);
    }
    // Transcript, audit and search rows in one statement.
    await new InsertBatch()
      .messages(ticketId, c.messages ?? [])
      .audits(ticketId, c.audits ?? [])
      .searches(c.searches ?? [])
      .run(client);
    const now = c.at ?? c.event?.receivedAt ?? Date.now();
    if (current === null && ticketId !== null)
      current = before ? { ...before } : await postgresTicketById(client, ticketId);
    const { hooked, timers } =
      hook && current && (c.openTicket || c.patch || c.messages?.length)
        ? await runHook(client, hook, { before, after: current, changes: c, at: now })
        : { hooked: undefined, timers: false };
    const outbox = [
      ...(c.outbox ?? []),
      ...(c.outboxFor && current ? c.outboxFor(current) : []),
      ...(hooked?.outbox ?? []),
    ];
    // The hook's audit rows and the outbox rows in one statement.
    const outboxIds = await insertOutboxRows(
      client,
      outbox,
      now,
      new InsertBatch().audits(ticketId, hooked?.audits ?? []),
    );
    return { result: { kind: 'committed', ticket: current, outboxIds }, timers };
  };

  return {
    async commit(changes) {
      let applied: Applied;
      try {
        applied = await inTransaction(db.pool, (client) => apply(client, changes)); // settles after the COMMIT
      } catch (err) {
        if (err instanceof DuplicateSignal) return { kind: 'duplicate' };
        if (err instanceof ConflictSignal) return { kind: 'conflict', ticket: err.ticket };
        throw err;
      }
      if (applied.result.outboxIds.length) db.signal.outboxQueued();
      if (applied.timers) db.signal.timersChanged();
      return applied.result;
    },
  };
}
