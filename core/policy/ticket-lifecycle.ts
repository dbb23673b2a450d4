import type { TicketStatus } from '../model/types.js';

/**
 * open -> pending (waiting on the customer) -> resolved -> closed, with reopen on a customer reply after
 * resolution. Closed is final: a later message starts a new ticket.
 */
const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['pending', 'resolved', 'closed'],
  pending: ['open', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Status after a customer writes in the ticket's conversation. */
export function statusAfterCustomerReply(status: TicketStatus): { status: TicketStatus; reopened: boolean } {
  if (status === 'pending') return { status: 'open', reopened: false };
  if (status === 'resolved') return { status: 'open', reopened: true };
  return { status, reopened: false };
}

export function isActive(status: TicketStatus): boolean {
  return status === 'open' || status === 'pending';
}
