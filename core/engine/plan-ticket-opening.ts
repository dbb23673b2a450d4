import type { SupportConfig } from '../config/support-config.js';
import type { Requester } from '../directory/create-directory.js';
import { conversationKey } from '../model/inbound-message.js';
import type { ConversationRef } from '../model/inbound-message.js';
import type { NewOutboxItem } from '../model/outbound-message.js';
import type { NewTicket, Ticket } from '../model/ticket.js';
import type { OpenReason } from '../policy/next-step.js';
import { CRITICAL_CATEGORIES, priorityFor } from '../policy/priority-for.js';
import type { NewSearchLog } from '../ports/feedback-store.js';
import type { ArticleHit } from '../ports/knowledge-base.js';
import { firstResponseDue } from '../sla/first-response-due.js';
import { staffAnnouncement, ticketOpenedReply, ticketSummary } from './build-replies.js';
import { callAnswer } from './call-request-reply.js';
import type { Classification } from './classify-category.js';
import type { MessageContext } from './message-context.js';
import { DUPLICATE } from './triage-plan.js';
import type { TriagePlan } from './triage-plan.js';

export interface TicketOpening {
  requester: Requester;
  classification: Classification;
  hits: readonly ArticleHit[];
  why: OpenReason;
  search: NewSearchLog;
  config: SupportConfig;
  /** Where new paid-tier and critical tickets are announced to staff. */
  staffAnnouncements: readonly ConversationRef[];
}

/**
 * A new conversation that becomes a ticket: the ticket with its priority and first-response due time, the message as
 * its first transcript line, the reply (which needs the ticket's key, so it is built inside the transaction; for a
 * call request it asks whether to book one, see call-request-reply.ts) and the staff announcements of a paid-tier or
 * critical ticket.
 */
export function planTicketOpening(ctx: MessageContext, opening: TicketOpening): TriagePlan {
  const { msg, now } = ctx;
  const { requester, classification, hits, why, config } = opening;
  const ticket = newTicket(ctx, requester, classification.category, config);
  const customerName = requester.customer?.name ?? null;
  const replyFor = (opened: Ticket) =>
    ticketOpenedReply(
      opened,
      ticketSummary(opened, requester.timezone, customerName),
      config,
      hits,
      why,
      callAnswer(classification, opened, config.tiers),
    );
  const outboxFor = (opened: Ticket): NewOutboxItem[] => {
    const reply = replyFor(opened);
    return [
      ...(msg.acknowledge === false ? [] : ctx.replyTo(reply)),
      ...ctx.adapterOutbox({ kind: 'ticket-opened', ticket: opened, classification, articles: hits, reply }),
      ...announcements(opened, opening, customerName),
    ];
  };
  return {
    changes: {
      event: ctx.event('ticket-opened'),
      openTicket: ticket,
      messages: [ctx.transcript(undefined, 'customer')],
      audits: [
        {
          actor: msg.author.id,
          action: 'ticket.opened',
          detail: {
            priority: ticket.priority,
            category: classification.category,
            intent: classification.intent,
            confidence: round(classification.confidence),
            tier: requester.tier,
            why,
            ...(msg.followUpOf ? { followUpOf: msg.followUpOf } : {}),
          },
          at: now,
        },
      ],
      searches: [opening.search],
      outboxFor,
    },
    settle: (r) => {
      if (r.kind === 'conflict') return 'retry'; // the conversation got a ticket meanwhile: decide again
      if (r.kind !== 'committed' || !r.ticket) return DUPLICATE;
      const opened = r.ticket;
      return { kind: 'ticket-opened', ticket: opened, classification, articles: hits, reply: replyFor(opened) };
    },
  };
}

function newTicket(
  ctx: MessageContext,
  requester: Requester,
  category: Classification['category'],
  config: SupportConfig,
): NewTicket {
  const { msg, now } = ctx;
  const priority = priorityFor(category, requester.tier, config.tiers);
  return {
    status: 'open',
    priority,
    category,
    tier: requester.tier,
    customerId: requester.customer?.id ?? null,
    requesterId: msg.author.id,
    requesterName: msg.author.name ?? null,
    conversation: msg.conversation,
    subject: subjectOf(ctx.text),
    assigneeId: null,
    createdAt: now,
    updatedAt: now,
    firstResponseDueAt: firstResponseDue({
      createdAt: now,
      tier: requester.tier,
      priority,
      timezone: requester.timezone,
      tiers: config.tiers,
      businessHours: config.businessHours,
    }),
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    escalated: false,
  };
}

/** A paid-tier ticket, or a critical one of any tier, is announced in every staff announcement channel. */
function announcements(opened: Ticket, opening: TicketOpening, customerName: string | null): NewOutboxItem[] {
  if (opening.requester.tier === 'community' && !CRITICAL_CATEGORIES.has(opening.classification.category)) return [];
  const announcement = staffAnnouncement(opened, ticketSummary(opened, opening.requester.timezone, customerName));
  return opening.staffAnnouncements.map((target) => ({
    platform: target.platform,
    conversation: target,
    message: announcement,
    dedupeKey: `announce:${opened.key}:${conversationKey(target)}`,
  }));
}

function subjectOf(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? text;
  const clean = line.replace(/\s+/g, ' ').trim();
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
