import type { SupportConfig } from '../config/support-config.js';
import { formatDuration, formatInZone } from '../format/format-due.js';
import type { ArticleRef, MessageAction, OutboundMessage, TicketSummary } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Category } from '../model/types.js';
import type { ArticleHit } from '../ports/knowledge-base.js';
import type { NextStep, OpenReason } from '../policy/next-step.js';
import type { Classification } from './classify-category.js';
import { CRITICAL_CATEGORIES } from '../policy/priority-for.js';
import { NO_CALLS_BEFORE_ARTICLES, NO_CALLS_OFFER_TICKET, callLines } from './call-request-reply.js';
import type { CallAnswer } from './call-request-reply.js';

export function articleRefs(hits: readonly ArticleHit[]): ArticleRef[] {
  return hits.map((h) => ({ id: h.article.id, title: h.article.title, excerpt: h.excerpt, url: h.article.url }));
}

export function ticketSummary(ticket: Ticket, timezone: string, customerName: string | null): TicketSummary {
  return {
    key: ticket.key,
    subject: ticket.subject,
    category: ticket.category,
    customerName,
    conversation: ticket.conversation,
    priority: ticket.priority,
    tier: ticket.tier,
    status: ticket.status,
    dueAt: ticket.firstResponseDueAt,
    dueText: ticket.firstResponseDueAt === null ? null : formatInZone(ticket.firstResponseDueAt, timezone),
  };
}

const voteActions = (articleId: string): MessageAction[] => [
  { id: 'kb.helpful', label: 'Solved it', value: articleId, style: 'primary' },
  { id: 'kb.not-helpful', label: 'Not helpful', value: articleId },
  { id: 'ticket.open', label: 'Open a ticket', value: articleId },
];

export function answerReply(hits: readonly ArticleHit[]): OutboundMessage {
  const [best] = hits;
  return {
    text:
      hits.length > 1
        ? 'This should help. Other articles that may answer it are listed below.'
        : 'This article should help:',
    articles: articleRefs(hits),
    actions: best ? voteActions(best.article.id) : [],
  };
}

/** Articles that cover the question although the classifier is unsure what it is about. */
export function maybeAnswerReply(hits: readonly ArticleHit[]): OutboundMessage {
  const [best] = hits;
  return {
    text:
      hits.length > 1
        ? "I'm not sure I understood, but these articles cover your question:"
        : "I'm not sure I understood, but this article covers your question:",
    articles: articleRefs(hits),
    actions: best ? voteActions(best.article.id) : [],
  };
}

const OPEN_TICKET: MessageAction = { id: 'ticket.open', label: 'Open a ticket', value: '' };

export function noAnswerReply(): OutboundMessage {
  return {
    text: "I'm not sure I understood that well enough to answer. A person can help: open a ticket and the team will pick it up.",
    actions: [OPEN_TICKET],
  };
}

/** What the desk understood a message to be, as a phrase ("It sounds like <phrase>"). */
export const UNDERSTOOD: Record<Category, string> = {
  'service-down': 'an outage',
  'security-issue': 'a security issue',
  'data-loss': 'lost data',
  'performance-issue': 'a performance problem',
  bug: 'a bug report',
  'feature-request': 'a feature request',
  documentation: 'a question about the documentation',
  'setup-help': 'a question about setting things up',
  'account-billing': 'an account or billing matter',
  'general-question': 'a general question',
  'call-request': 'a request for a video call',
  'greeting-thanks': 'a greeting',
};

/** A confident community question with no article: what the desk understood, and the ticket it can open. */
export function offerTicketReply(category: Category): OutboundMessage {
  return {
    text: `It sounds like ${UNDERSTOOD[category]}, but I have no article that answers it. Open a ticket and a person will reply here (community support is best effort).`,
    actions: [OPEN_TICKET],
  };
}

/** A confident community feature request with no article: where feature requests go. */
export function featureRequestsReply(url: string): OutboundMessage {
  return {
    text: `It sounds like a feature request. Please post it where feature requests are collected, so the team can review it and others can vote for it:\n${url}`,
  };
}

const GREETINGS = [
  "You're welcome! If anything else comes up, just ask here.",
  'Hi! Ask your question here and I will look for an answer or open a ticket for you.',
];

export function greetingReply(text: string): OutboundMessage {
  const thanks = /\b(thx|thanks|thank|ty|cheers|appreciated?|solved|fixed|works)\b/i.test(text);
  return { text: thanks ? (GREETINGS[0] as string) : (GREETINGS[1] as string) };
}

/** Tickets a community member did not ask for, opened because of what the message is: the reply says so. */
const SAYS_WHY: ReadonlySet<OpenReason> = new Set(['problem', 'account', 'feature-request']);

export function ticketOpenedReply(
  ticket: Ticket,
  summary: TicketSummary,
  config: SupportConfig,
  hits: readonly ArticleHit[],
  why?: OpenReason,
  call: CallAnswer | null = null,
): OutboundMessage {
  const policy = config.tiers[ticket.tier];
  const critical = CRITICAL_CATEGORIES.has(ticket.category);
  const opened = `I opened ${ticket.key} for this (priority: ${ticket.priority}).`;
  const lines = [
    why !== undefined && SAYS_WHY.has(why)
      ? `It sounds like ${UNDERSTOOD[ticket.category]}, so ${opened} A person will follow up here.`
      : opened,
  ];
  if (policy.hours === 'best-effort') {
    const target = policy.targets[ticket.priority];
    lines.push(
      target === null
        ? 'Community support is best effort.'
        : `Community support is best effort; the team aims to reply within ${formatDuration(target * 60_000)} (by ${summary.dueText}).`,
    );
    if (critical) lines.push('Because this looks critical, the support team has been alerted.');
  } else if (summary.dueText) {
    const hours = policy.hours === 'business' ? ' (business hours)' : '';
    lines.push(`First response due by ${summary.dueText}${hours}.`);
    if (critical) lines.push('The on-call responder has been alerted.');
  }
  const asked = callLines(call, ticket.key, ticket.conversation.platform);
  lines.push(...asked.lines);
  if (hits.length) lines.push('Meanwhile, this may help:');
  return {
    text: lines.join('\n'),
    ticket: summary,
    articles: articleRefs(hits),
    ...(asked.actions.length ? { actions: asked.actions } : {}),
    notifyStaff: critical,
  };
}

export function reopenedReply(ticket: Ticket): OutboundMessage {
  return { text: `${ticket.key} is open again; the team will follow up here.` };
}

export function raisedReply(ticket: Ticket): OutboundMessage {
  return { text: `${ticket.key} is now critical priority; the team has been alerted.`, notifyStaff: true };
}

export function staffAnnouncement(ticket: Ticket, summary: TicketSummary): OutboundMessage {
  const who = summary.customerName ?? ticket.requesterName ?? ticket.requesterId;
  return {
    text: `New ${ticket.priority} ticket ${ticket.key} from ${who} (${ticket.tier}): ${ticket.category}. Due ${summary.dueText ?? 'best effort'}.`,
    ticket: summary,
    actions: [
      { id: 'ticket.claim', label: 'Claim', value: ticket.key, style: 'primary' },
      { id: 'ticket.resolve', label: 'Resolve', value: ticket.key },
      { id: 'ticket.escalate', label: 'Escalate', value: ticket.key, style: 'danger' },
    ],
    notifyStaff: CRITICAL_CATEGORIES.has(ticket.category),
  };
}

export function surveyReply(ticket: Ticket): OutboundMessage {
  const csat: MessageAction[] = [1, 2, 3, 4, 5].map((n) => ({
    id: 'rate.csat',
    label: String(n),
    value: `${ticket.key}:${n}`,
  }));
  const askNps = ticket.tier === 'enterprise' || ticket.tier === 'white-glove';
  const nps: MessageAction[] = askNps
    ? Array.from({ length: 11 }, (_, n) => ({ id: 'rate.nps', label: String(n), value: `${ticket.key}:${n}` }))
    : [];
  const text = askNps
    ? `${ticket.key} is resolved. How satisfied are you with the support you received (1-5)? And how likely are you to recommend us to a colleague (0-10)?`
    : `${ticket.key} is resolved. How satisfied are you with the support you received (1-5)?`;
  return { text, actions: [...csat, ...nps] };
}

/**
 * The reply of a step that opens no ticket, its articles, and the name its event is recorded under. A call request
 * whose plan has no calls (`call`) says so first; one that could be booked is offered a ticket as usual, and the
 * ticket's reply asks about the call.
 */
export function answerWithoutTicket(
  step: Exclude<NextStep, { kind: 'open-ticket' }>,
  classification: Classification,
  hits: readonly ArticleHit[],
  text: string,
  config: SupportConfig,
  call: CallAnswer | null = null,
): { reply: OutboundMessage; articles: readonly ArticleHit[]; name: string } {
  const noCalls = call === 'no-calls';
  switch (step.kind) {
    case 'greet':
      return { reply: greetingReply(text), articles: [], name: 'greeting' };
    case 'answer': {
      const reply = classification.confident ? answerReply(hits) : maybeAnswerReply(hits);
      return {
        reply: noCalls ? { ...reply, text: `${NO_CALLS_BEFORE_ARTICLES}\n${reply.text}` } : reply,
        articles: hits,
        name: 'article',
      };
    }
    case 'offer-ticket':
      return {
        reply: noCalls
          ? { text: NO_CALLS_OFFER_TICKET, actions: [OPEN_TICKET] }
          : offerTicketReply(classification.category),
        articles: [],
        name: 'offer-ticket',
      };
    case 'point-to-feature-requests':
      return {
        reply: featureRequestsReply(config.desk.featureRequestsUrl ?? ''),
        articles: [],
        name: 'feature-requests',
      };
    case 'not-sure':
      return { reply: noAnswerReply(), articles: [], name: 'no-answer' };
  }
}
