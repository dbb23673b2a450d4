import type { ClockOp, SlaTimer, SlaTransactionSink } from '../core/ports/sla-store.js';
import type { PostgresClient } from './postgres-transaction.js';

/**
 * How SLA clocks are written inside a ticket commit on PostgreSQL. The commit hook (TicketChangeHook, built on an
 * SlaTransactionSink) is synchronous, and a PostgreSQL transaction is not, so the ticket commit does it in three
 * steps on its transaction's connection: `load` locks and reads the ticket's timers; `run` calls the hook with
 * `sink` answering from what was loaded and recording the ops it applies; `write` applies those ops in order. The
 * clocks still commit or roll back with their ticket.
 */
export interface PostgresClockWriter {
  /** The sink the SLA hook is built on (createSlaTicketHook({ sink })); usable only inside `run`. */
  readonly sink: SlaTransactionSink;
  /** The ticket's timers, locked (FOR UPDATE) for the rest of the transaction. */
  load(client: PostgresClient, ticketId: number): Promise<SlaTimer[]>;
  /** Call `hook` with the sink answering `timersOf(ticketId)` from `timers`; returns its result and the ops it applied. */
  run<T>(ticketId: number, timers: SlaTimer[], hook: () => T): { result: T; ops: ClockOp[] };
  /** Apply the ops on the transaction (as SqliteSlaStore's sink applies them). */
  write(client: PostgresClient, ticketId: number, ops: readonly ClockOp[]): Promise<void>;
}

/**
 * The synchronous half: a sink that answers from a loaded snapshot and records ops. Only one `run` can be active at a
 * time, and since the hook is synchronous, nothing else runs while it is.
 */
export function createDeferredClockSink(): Pick<PostgresClockWriter, 'sink' | 'run'> {
  let current: { ticketId: number; timers: SlaTimer[]; ops: ClockOp[] } | null = null;
  const active = (ticketId: number) => {
    if (!current || current.ticketId !== ticketId)
      throw new Error(`SLA clocks of ticket ${ticketId} used outside its ticket commit`);
    return current;
  };
  return {
    sink: {
      timersOf: (ticketId) => active(ticketId).timers.map((t) => ({ ...t })),
      apply: (ticketId, ops) => void active(ticketId).ops.push(...ops),
    },
    run(ticketId, timers, hook) {
      current = { ticketId, timers, ops: [] };
      try {
        const result = hook();
        return { result, ops: current.ops };
      } finally {
        current = null;
      }
    },
  };
}
