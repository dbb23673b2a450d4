import type { ConversationRef } from '../model/inbound-message.js';
import type { NewOutboxItem } from '../model/outbound-message.js';
import type {
  AuditEntry,
  NewAuditEntry,
  NewTicket,
  NewTicketMessage,
  Ticket,
  TicketMessage,
  TicketPatch,
} from '../model/ticket.js';
import type { Millis, Platform, Priority, Tier, TicketStatus } from '../model/types.js';
import type { NewSearchLog } from './feedback-store.js';

/** The inbound event an idempotent change belongs to. */
export interface EventRecord {
  platform: Platform;
  eventId: string;
  receivedAt: Millis;
  conversationKey: string;
  authorId: string;
  /** What the engine made of it (`ticket-opened`, `answered`, `ignored:staff-no-ticket`…). */
  outcome: string;
}

/**
 * Every write caused by one event, applied in one transaction. When `event` is present and was recorded
 * before, nothing is written and the result is `duplicate`.
 */
export interface ChangeSet {
  /** When the change happens (defaults to the event's receivedAt); outbox rows become due then. */
  at?: Millis | undefined;
  event?: EventRecord | undefined;
  /**
   * Create a ticket; its key is assigned inside the transaction. Messages/audits without ticketId attach to it. A
   * conversation has at most one ticket that is not closed: when it already has one (another message's decision,
   * perhaps on another instance, opened it meanwhile), nothing is written and the result is `conflict` with that
   * ticket, so the caller decides again.
   */
  openTicket?: NewTicket | undefined;
  /** Patch an existing ticket. */
  ticketId?: number | undefined;
  patch?: TicketPatch | undefined;
  /** Optimistic check: the patch applies only if the ticket still has this status (else `conflict`). */
  expectStatus?: TicketStatus | undefined;
  messages?: readonly NewTicketMessage[] | undefined;
  audits?: readonly NewAuditEntry[] | undefined;
  searches?: readonly NewSearchLog[] | undefined;
  outbox?: readonly NewOutboxItem[] | undefined;
  /**
   * Outbound messages that need the (possibly just opened) ticket, e.g. its key. A pure function, called inside
   * the transaction, so the ticket and its replies are written together or not at all.
   */
  outboxFor?: ((ticket: Ticket) => readonly NewOutboxItem[]) | undefined;
}

export type CommitResult =
  | { kind: 'committed'; ticket: Ticket | null; outboxIds: number[] }
  | { kind: 'duplicate' }
  | { kind: 'conflict'; ticket: Ticket | null };

export interface TicketQuery {
  customerId?: string | undefined;
  statuses?: readonly TicketStatus[] | undefined;
  tiers?: readonly Tier[] | undefined;
  priorities?: readonly Priority[] | undefined;
  requesterId?: string | undefined;
  platform?: Platform | undefined;
  limit?: number | undefined;
}

export interface TicketStore {
  hasEvent(platform: Platform, eventId: string): Promise<boolean>;
  commit(changes: ChangeSet): Promise<CommitResult>;
  getTicket(id: number): Promise<Ticket | null>;
  getTicketByKey(key: string): Promise<Ticket | null>;
  /** The newest ticket of the conversation that is not closed, if any. */
  findTicketForConversation(conversation: ConversationRef): Promise<Ticket | null>;
  /** Newest first. */
  listTickets(query: TicketQuery): Promise<Ticket[]>;
  listMessages(ticketId: number): Promise<TicketMessage[]>;
  listAudit(ticketId: number): Promise<AuditEntry[]>;
}
