import type { SupportConfig } from '../config/support-config.js';
import type { Requester } from '../directory/create-directory.js';
import type { NewAuditEntry, Ticket, TicketPatch } from '../model/ticket.js';
import type { Millis } from '../model/types.js';
import { CRITICAL_CATEGORIES } from '../policy/priority-for.js';
import { isProgressChase } from '../policy/progress-chase.js';
import { statusAfterCustomerReply } from '../policy/ticket-lifecycle.js';
import { firstResponseDue } from '../sla/first-response-due.js';
import { raisedReply, reopenedReply } from './build-replies.js';
import { callAnswer, withCallAnswer } from './call-request-reply.js';
import type { Classification } from './classify-category.js';
import type { MessageContext } from './message-context.js';
import { DUPLICATE } from './triage-plan.js';
import type { TriagePlan } from './triage-plan.js';

export interface FollowUp {
  existing: Ticket;
  classification: Classification;
  requester: Requester;
  config: Pick<SupportConfig, 'tiers' | 'businessHours'>;
}

/**
 * The customer's follow-up on their ticket: it reopens a resolved ticket, takes a pending one back to open, and may
 * raise the ticket to critical (see `raisesToCritical`); a request for a video call is asked whether to book one
 * (or told the plan has none). Decided on the ticket as read: if its status moved meanwhile, the engine decides
 * again.
 */
export function planCustomerFollowUp(
  ctx: MessageContext,
  { existing, classification, requester, config }: FollowUp,
): TriagePlan {
  const { now } = ctx;
  const next = statusAfterCustomerReply(existing.status);
  const raise = raisesToCritical(existing, classification, ctx.text);
  const change = next.reopened
    ? 'customer-reopened'
    : existing.status === 'pending'
      ? 'customer-unpended'
      : 'customer-message';
  const reply = withCallAnswer(
    next.reopened ? reopenedReply(existing) : raise ? raisedReply(existing) : null,
    callAnswer(classification, existing, config.tiers),
    existing,
  );
  return {
    changes: {
      event: ctx.event(`ticket-updated:${change}`),
      ticketId: existing.id,
      expectStatus: existing.status,
      patch: {
        status: next.status,
        updatedAt: now,
        ...(raise ? criticalPatch(existing, classification, requester, config, now) : {}),
        ...(next.reopened ? { reopenCount: existing.reopenCount + 1, resolvedAt: null } : {}),
      },
      messages: [ctx.transcript(existing.id, 'customer')],
      audits: followUpAudits(ctx, existing, next, raise ? classification : null),
      outboxFor: (ticket) => ctx.adapterOutbox({ kind: 'ticket-updated', ticket, change, classification, reply }),
      outbox: reply ? ctx.replyTo(reply) : [],
    },
    settle: (r) => {
      if (r.kind === 'duplicate') return DUPLICATE;
      if (r.kind === 'conflict') return 'retry'; // the ticket moved under us: decide again
      return { kind: 'ticket-updated', ticket: r.ticket as Ticket, change, classification, reply };
    },
  };
}

/**
 * A follow-up that reports an outage, a security issue or data loss raises the ticket to critical; one that only
 * chases progress ("any update? it still fails") does not, whatever the classifier reads in it.
 */
function raisesToCritical(existing: Ticket, classification: Classification, text: string): boolean {
  return (
    classification.confident &&
    CRITICAL_CATEGORIES.has(classification.category) &&
    existing.priority !== 'critical' &&
    !isProgressChase(text)
  );
}

/** Critical, in the follow-up's category, and (when nobody answered yet) due again by the critical clock. */
function criticalPatch(
  existing: Ticket,
  classification: Classification,
  requester: Requester,
  config: FollowUp['config'],
  now: Millis,
): TicketPatch {
  return {
    priority: 'critical',
    category: classification.category,
    ...(existing.firstResponseAt === null
      ? {
          firstResponseDueAt: firstResponseDue({
            createdAt: now,
            tier: existing.tier,
            priority: 'critical',
            timezone: requester.timezone,
            tiers: config.tiers,
            businessHours: config.businessHours,
          }),
        }
      : {}),
  };
}

/** The status change and the raise to critical (`raisedTo`: the follow-up's classification when it raises), audited. */
function followUpAudits(
  ctx: MessageContext,
  existing: Ticket,
  next: ReturnType<typeof statusAfterCustomerReply>,
  raisedTo: Classification | null,
): NewAuditEntry[] {
  const { msg, now } = ctx;
  return [
    ...(next.status !== existing.status
      ? [
          {
            actor: msg.author.id,
            action: next.reopened ? 'ticket.reopened' : 'ticket.status',
            detail: { from: existing.status, to: next.status },
            at: now,
          },
        ]
      : []),
    ...(raisedTo
      ? [
          {
            actor: msg.author.id,
            action: 'ticket.priority-raised',
            detail: { from: existing.priority, to: 'critical', category: raisedTo.category },
            at: now,
          },
        ]
      : []),
  ];
}
