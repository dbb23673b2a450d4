import type { ArticleHit } from '../ports/knowledge-base.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Priority } from '../model/types.js';
import type { Classification } from './classify-category.js';

export type IgnoredReason =
  | 'duplicate'
  | 'bot-author'
  | 'empty'
  | 'staff-no-ticket'
  | 'too-long'
  | 'automated-no-ticket';

/**
 * `participant-message`: someone who is neither staff nor the ticket's customer wrote in the conversation (a stranger's
 * comment on a customer's GitHub issue, another member in a Discord ticket thread): it joins the transcript and
 * changes nothing else.
 */
export type TicketChange =
  | 'customer-message'
  | 'customer-reopened'
  | 'customer-unpended'
  | 'staff-first-response'
  | 'staff-message'
  | 'participant-message';

/**
 * What the engine made of one inbound message. The reply, when any, is already queued unless replyInline.
 * `answered.abstained`: the desk did not understand the message and found no article (the "not sure" reply); an
 * answer that says what the desk understood (a ticket offered, the feature-request pointer) is not an abstention.
 * `ticket-updated.classification` is null for a message the engine does not triage (staff, third parties) unless the
 * adapter asked for every message's classification (`HandleOptions.alwaysClassify`).
 */
export type TriageOutcome =
  | {
      kind: 'ignored';
      reason: IgnoredReason;
      /** Only when the adapter asked for every message's classification (`HandleOptions.alwaysClassify`). */
      classification?: Classification;
      /** With `classification`: the priority of the conversation's open ticket, null when it has none. */
      priority?: Priority | null;
    }
  | {
      kind: 'answered';
      classification: Classification;
      articles: readonly ArticleHit[];
      reply: OutboundMessage;
      abstained: boolean;
    }
  | {
      kind: 'ticket-opened';
      ticket: Ticket;
      classification: Classification;
      articles: readonly ArticleHit[];
      reply: OutboundMessage;
    }
  | {
      kind: 'ticket-updated';
      ticket: Ticket;
      change: TicketChange;
      classification: Classification | null;
      reply: OutboundMessage | null;
    };
