import type { Ticket } from '../model/ticket.js';
import type { Millis, Platform, Priority, Tier, TicketStatus } from '../model/types.js';

/** SLA condition of a ticket list: `breached` (missed, or due and still running) or `due-soon`. */
export type SlaFilter = 'breached' | 'due-soon';

/** One page of the staff's ticket list: filters (each list means "any of these"; empty or undefined = no condition). */
export interface TicketSearchQuery {
  /** Words; a ticket matches when its subject or one of its transcript messages contains every word (case-insensitive; the last word also matches as a prefix). Empty/undefined = no text condition. */
  text?: string | undefined;
  statuses?: readonly TicketStatus[] | undefined;
  tiers?: readonly Tier[] | undefined;
  priorities?: readonly Priority[] | undefined;
  platforms?: readonly Platform[] | undefined;
  /** A staff id; null = unassigned only; undefined = anyone. */
  assigneeId?: string | null | undefined;
  customerId?: string | undefined;
  /** breached: the ticket has an SLA timer in state 'missed', or 'active' with due_at <= now. due-soon: an 'active' timer due in (now, now + dueSoonMs]. */
  sla?: SlaFilter | undefined;
  now: Millis;
  /** default 3_600_000 */
  dueSoonMs?: number | undefined;
  /** Page size, 1..100. */
  limit: number;
  /** Keyset paging: only tickets with id < before (the `next` of the previous page). */
  before?: number | undefined;
}

export interface TicketSearchPage {
  /** Newest first (id descending). */
  tickets: Ticket[];
  /** The `before` for the next page, or null when this page is the last. */
  next: number | null;
}

/**
 * The web desk's ticket list: a page of tickets by filters and full-text words, newest first, paged by keyset. A read
 * only (one statement or read transaction); the words are parsed by `searchWords` (core/engine/search-words.ts), so
 * no user input reaches a store's query syntax.
 */
export interface TicketSearch {
  searchTickets(query: TicketSearchQuery): Promise<TicketSearchPage>;
}
