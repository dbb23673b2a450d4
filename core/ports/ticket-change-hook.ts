import type { NewOutboxItem } from '../model/outbound-message.js';
import type { NewAuditEntry, Ticket } from '../model/ticket.js';
import type { Millis } from '../model/types.js';
import type { ChangeSet } from './ticket-store.js';

/** A ticket as one commit left it, with the state it had before (null when the commit opened it). */
export interface TicketChange {
  before: Ticket | null;
  after: Ticket;
  changes: ChangeSet;
  at: Millis;
}

/** Extra rows a hook asks the store to write in the same transaction. */
export interface TicketChangeEffects {
  audits?: readonly NewAuditEntry[] | undefined;
  outbox?: readonly NewOutboxItem[] | undefined;
}

/**
 * Observer called by `TicketStore.commit` inside its transaction, once per committed change that opened or patched
 * a ticket or added to its transcript. It must be synchronous and must not call the store's async methods; what it
 * writes (e.g. SLA timers through its own transactional sink) commits or rolls back with the ticket.
 */
export type TicketChangeHook = (change: TicketChange) => TicketChangeEffects | undefined;
