import type { ArticleHit } from '../ports/knowledge-base.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Classification } from './classify-category.js';

export type IgnoredReason = 'duplicate' | 'bot-author' | 'empty' | 'staff-no-ticket' | 'too-long';

export type TicketChange = 'customer-message' | 'customer-reopened' | 'customer-unpended' | 'staff-first-response' | 'staff-message';

/** What the engine made of one inbound message. The reply, when any, is already queued unless replyInline. */
export type TriageOutcome =
  | { kind: 'ignored'; reason: IgnoredReason }
  | { kind: 'answered'; classification: Classification; articles: readonly ArticleHit[]; reply: OutboundMessage; abstained: boolean }
  | { kind: 'ticket-opened'; ticket: Ticket; classification: Classification; articles: readonly ArticleHit[]; reply: OutboundMessage }
  | { kind: 'ticket-updated'; ticket: Ticket; change: TicketChange; classification: Classification | null; reply: OutboundMessage | null };
