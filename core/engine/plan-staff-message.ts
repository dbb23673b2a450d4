import type { StaffConfig } from '../config/support-config.js';
import type { Directory } from '../directory/create-directory.js';
import type { InboundMessage } from '../model/inbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Classification } from './classify-category.js';
import type { MessageContext } from './message-context.js';
import { DUPLICATE } from './triage-plan.js';
import type { TriagePlan } from './triage-plan.js';

/** A staff author: configured staff, or someone the adapter knows is staff (a Discord role, a GitHub maintainer). */
export type StaffAuthor = StaffConfig | { id: string };

/** The author as staff, when they are: configured staff, else `{ id }` when the adapter says they are staff. */
export function staffAuthorOf(directory: Directory, msg: InboundMessage): StaffAuthor | undefined {
  const configured = directory.staffByIdentity(msg.platform, msg.author.id);
  return msg.authorIsStaff ? (configured ?? { id: msg.author.id }) : configured;
}

/**
 * A staff message: on a ticket it joins the transcript, and the first one is the ticket's first response (the
 * ticket goes to that person when nobody has it); without a ticket it is only recorded. `classification` is the
 * message's when the adapter asked for every message's, else null.
 */
export function planStaffMessage(
  ctx: MessageContext,
  staff: StaffAuthor,
  existing: Ticket | null,
  classification: Classification | null,
): TriagePlan {
  if (!existing) {
    const outcome = {
      kind: 'ignored',
      reason: 'staff-no-ticket',
      ...(classification ? { classification, priority: null } : {}),
    } as const;
    return {
      changes: { event: ctx.event('ignored:staff-no-ticket'), outbox: ctx.adapterOutbox(outcome) },
      settle: (r) => (r.kind === 'duplicate' ? DUPLICATE : outcome),
    };
  }
  const { now } = ctx;
  const first = existing.firstResponseAt === null;
  const change = first ? 'staff-first-response' : 'staff-message';
  return {
    changes: {
      event: ctx.event(`ticket-updated:${change}`),
      ticketId: existing.id,
      patch: {
        updatedAt: now,
        ...(first ? { firstResponseAt: now } : {}),
        ...(existing.assigneeId === null && 'roles' in staff ? { assigneeId: staff.id } : {}),
      },
      messages: [ctx.transcript(existing.id, 'staff')],
      audits: first
        ? [
            {
              actor: staff.id,
              action: 'ticket.first-response',
              detail: {
                dueAt: existing.firstResponseDueAt,
                at: now,
                met: existing.firstResponseDueAt === null || now <= existing.firstResponseDueAt,
              },
              at: now,
            },
          ]
        : [],
      outboxFor: (ticket) => ctx.adapterOutbox({ kind: 'ticket-updated', ticket, change, classification, reply: null }),
    },
    settle: (r) =>
      r.kind !== 'committed' || !r.ticket
        ? DUPLICATE
        : { kind: 'ticket-updated', ticket: r.ticket, change, classification, reply: null },
  };
}
