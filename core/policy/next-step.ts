import type { Category, Tier } from '../model/types.js';
import { CRITICAL_CATEGORIES } from './priority-for.js';

/**
 * What the desk does with the first message of a conversation (docs/conversations.md has the table):
 * - `greet`: a short greeting or you're-welcome, nothing else;
 * - `answer`: reply with the articles found (and the Open a ticket button);
 * - `open-ticket`: open a ticket, saying `why`;
 * - `offer-ticket`: the desk understood the question but has no article: say what it understood and offer a ticket;
 * - `point-to-feature-requests`: a feature request goes where feature requests are collected (`desk.featureRequestsUrl`);
 * - `not-sure`: the classifier is unsure and no article covers the question: say so and offer a ticket.
 */
export type NextStep =
  | { kind: 'greet' }
  | { kind: 'answer' }
  | { kind: 'open-ticket'; why: OpenReason }
  | { kind: 'offer-ticket' }
  | { kind: 'point-to-feature-requests' }
  | { kind: 'not-sure' };

/**
 * Why a ticket opens: the person asked (`/new`, a button, a reaction); the customer pays for support; an outage,
 * security issue or data loss (every tier); the adapter opens one when the classifier is unsure (Discord help
 * channels); or, for the community, a confident report of what tickets are for: a bug or performance `problem`, an
 * `account` or billing matter (a person has to look at the account), a `feature-request` when the desk has no
 * other place for them.
 */
export type OpenReason = 'asked' | 'paid-tier' | 'critical' | 'unsure' | 'problem' | 'account' | 'feature-request';

export interface NextStepInput {
  tier: Tier;
  /** The category used for priority (classify-category.ts): the intent when confident, a likely critical one, or general-question. */
  category: Category;
  confident: boolean;
  /** Some article covers the question well enough to suggest (analyze-text.ts). */
  articleFound: boolean;
  wantsTicket: boolean;
  ticketIfUnsure: boolean;
  /** `desk.featureRequestsUrl` is configured. */
  featureRequestsUrl: boolean;
}

/**
 * A community member's confident message without an article, by category: a problem or an account matter opens a
 * ticket, a feature request goes where feature requests go, a question is offered a ticket (a person answers it if
 * asked to); so is a request for a video call (a ticket is where a call is booked; core/engine/call-request-reply.ts
 * words the reply). Outages, security issues, data loss and greetings never get here. A Record, so a new category
 * must say.
 */
const WITHOUT_ARTICLE: Record<Category, 'problem' | 'account' | 'feature-request' | 'question' | 'handled-above'> = {
  'service-down': 'handled-above',
  'security-issue': 'handled-above',
  'data-loss': 'handled-above',
  'performance-issue': 'problem',
  bug: 'problem',
  'feature-request': 'feature-request',
  documentation: 'question',
  'setup-help': 'question',
  'account-billing': 'account',
  'general-question': 'question',
  'call-request': 'question',
  'greeting-thanks': 'handled-above',
};

/** The next step for the first message of a conversation (pure). */
export function nextStep(input: NextStepInput): NextStep {
  const { tier, category, confident } = input;
  if (confident && category === 'greeting-thanks' && !input.wantsTicket) return { kind: 'greet' };
  if (input.wantsTicket) return { kind: 'open-ticket', why: 'asked' };
  if (CRITICAL_CATEGORIES.has(category)) return { kind: 'open-ticket', why: 'critical' };
  if (tier !== 'community') return { kind: 'open-ticket', why: 'paid-tier' };
  if (!confident) {
    if (input.ticketIfUnsure) return { kind: 'open-ticket', why: 'unsure' };
    return input.articleFound ? { kind: 'answer' } : { kind: 'not-sure' };
  }
  if (input.articleFound) return { kind: 'answer' };
  const kind = WITHOUT_ARTICLE[category];
  if (kind === 'problem' || kind === 'account') return { kind: 'open-ticket', why: kind };
  if (kind === 'feature-request')
    return input.featureRequestsUrl
      ? { kind: 'point-to-feature-requests' }
      : { kind: 'open-ticket', why: 'feature-request' };
  return { kind: 'offer-ticket' };
}
