import type { Ticket } from '../model/ticket.js';

/**
 * Whether a follow-up speaks for the ticket: its requester, or anyone the directory maps to the ticket's customer (a
 * colleague at the same company, every member of the customer's shared Slack channel). Ids compare without case
 * (GitHub logins are case-insensitive; Slack and Discord ids have one case).
 */
export function speaksForTicket(
  ticket: Pick<Ticket, 'requesterId' | 'customerId'>,
  authorId: string,
  authorCustomerId: string | null,
): boolean {
  if (ticket.requesterId.toLowerCase() === authorId.toLowerCase()) return true;
  return ticket.customerId !== null && authorCustomerId === ticket.customerId;
}
