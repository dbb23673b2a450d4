import type { ConversationRef } from './inbound-message.js';
import type { Category, Millis, Platform, Priority, Tier, TicketStatus } from './types.js';

export interface Ticket {
  id: number;
  /** Short human key, e.g. SUP-42. */
  key: string;
  status: TicketStatus;
  priority: Priority;
  category: Category;
  tier: Tier;
  customerId: string | null;
  requesterId: string;
  requesterName: string | null;
  conversation: ConversationRef;
  subject: string;
  assigneeId: string | null;
  createdAt: Millis;
  updatedAt: Millis;
  /** null when the tier promises no first response for this priority (community critical/high). */
  firstResponseDueAt: Millis | null;
  firstResponseAt: Millis | null;
  resolvedAt: Millis | null;
  closedAt: Millis | null;
  reopenCount: number;
  escalated: boolean;
}

export type NewTicket = Omit<Ticket, 'id' | 'key'>;

/** Fields a change may patch on an existing ticket. */
export type TicketPatch = Partial<
  Pick<
    Ticket,
    | 'status'
    | 'priority'
    | 'category'
    | 'assigneeId'
    | 'updatedAt'
    | 'firstResponseAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'reopenCount'
    | 'escalated'
    | 'subject'
    | 'firstResponseDueAt'
  >
>;

/** `participant`: a third party in the customer's conversation (shown in the transcript, never moves the ticket). */
export type MessageRole = 'customer' | 'staff' | 'bot' | 'participant';

export interface TicketMessage {
  id: number;
  ticketId: number;
  platform: Platform;
  eventId: string | null;
  messageId: string | null;
  authorId: string;
  authorName: string | null;
  role: MessageRole;
  text: string;
  at: Millis;
}

export type NewTicketMessage = Omit<TicketMessage, 'id' | 'ticketId'> & { ticketId?: number | undefined };

export interface AuditEntry {
  id: number;
  ticketId: number | null;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  at: Millis;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'ticketId'> & { ticketId?: number | null };

export type RatingKind = 'csat' | 'nps';

export interface Rating {
  ticketId: number;
  kind: RatingKind;
  score: number;
  raterId: string;
  at: Millis;
}
