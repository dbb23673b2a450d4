import type { SupportConfig } from '../config/support-config.js';
import type { Requester } from '../directory/create-directory.js';
import type { ConversationRef } from '../model/inbound-message.js';
import type { Millis } from '../model/types.js';
import { nextStep } from '../policy/next-step.js';
import type { ArticleHit } from '../ports/knowledge-base.js';
import { callAnswer } from './call-request-reply.js';
import type { Classification } from './classify-category.js';
import type { MessageContext } from './message-context.js';
import { planAnswer } from './plan-answer.js';
import { planTicketOpening } from './plan-ticket-opening.js';
import { searchLog } from './search-log.js';
import type { TriagePlan } from './triage-plan.js';

export interface NewConversation {
  requester: Requester;
  classification: Classification;
  /** The articles found for the message. */
  hits: readonly ArticleHit[];
  config: SupportConfig;
  staffAnnouncements: readonly ConversationRef[];
  /** When the articles were looked for (the search log's time). */
  searchedAt: Millis;
}

/** The first message of a conversation without a ticket: answered (see `nextStep`), or a new ticket. */
export function planNewConversation(ctx: MessageContext, conversation: NewConversation): TriagePlan {
  const { msg, text } = ctx;
  const { requester, classification, hits, config } = conversation;
  const customerId = requester.customer?.id ?? null;
  const step = nextStep({
    tier: requester.tier,
    category: classification.category,
    confident: classification.confident,
    articleFound: hits.length > 0,
    wantsTicket: msg.wantsTicket === true,
    ticketIfUnsure: msg.ticketIfUnsure === true,
    featureRequestsUrl: config.desk.featureRequestsUrl !== undefined,
  });
  const search = searchLog(
    text,
    msg.platform,
    { tier: requester.tier, customerId },
    hits,
    classification.intent,
    conversation.searchedAt,
  );
  if (step.kind !== 'open-ticket') {
    const call = callAnswer(classification, { customerId, tier: requester.tier }, config.tiers);
    return planAnswer(ctx, step, classification, hits, search, config, call);
  }
  return planTicketOpening(ctx, {
    requester,
    classification,
    hits,
    why: step.why,
    search,
    config,
    staffAnnouncements: conversation.staffAnnouncements,
  });
}
