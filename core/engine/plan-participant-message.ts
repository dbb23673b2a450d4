import type { Ticket } from '../model/ticket.js';
import type { Classification } from './classify-category.js';
import type { MessageContext } from './message-context.js';
import { DUPLICATE } from './triage-plan.js';
import type { TriagePlan } from './triage-plan.js';

/**
 * A third party in the customer's conversation: on the record, but no status, priority, clock or page moves.
 * `classification` is the message's when the adapter asked for every message's, else null.
 */
export function planParticipantMessage(
  ctx: MessageContext,
  existing: Ticket,
  classification: Classification | null,
): TriagePlan {
  const change = 'participant-message';
  return {
    changes: {
      event: ctx.event(`ticket-updated:${change}`),
      ticketId: existing.id,
      messages: [ctx.transcript(existing.id, 'participant')],
      outboxFor: (ticket) => ctx.adapterOutbox({ kind: 'ticket-updated', ticket, change, classification, reply: null }),
    },
    settle: (r) =>
      r.kind !== 'committed'
        ? DUPLICATE
        : { kind: 'ticket-updated', ticket: r.ticket ?? existing, change, classification, reply: null },
  };
}
