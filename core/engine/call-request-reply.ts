import type { TierPolicy } from '../config/default-tiers.js';
import type { MessageAction, OutboundMessage } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Platform, Tier } from '../model/types.js';
import type { Classification } from './classify-category.js';

/** The button the Slack and Discord adapters route to the call scheduler; its value is the ticket's key. */
export const CALL_REQUEST_ACTION = 'call.request';

/**
 * What the desk answers to a confident request for a video call. It never books on a guess: `offer` asks first (a
 * button, or by email a reply "call"), and only when a known customer's tier has calls; `no-calls` says the plan has
 * none, and the rest of the reply says how to get help. Null: the message is no (confident) call request.
 */
export type CallAnswer = 'offer' | 'no-calls';

export function callAnswer(
  classification: Pick<Classification, 'confident' | 'category'>,
  who: { customerId: string | null; tier: Tier },
  tiers: Record<Tier, Pick<TierPolicy, 'videoCallsPerMonth'>>,
): CallAnswer | null {
  if (!classification.confident || classification.category !== 'call-request') return null;
  return who.customerId !== null && tiers[who.tier].videoCallsPerMonth !== 0 ? 'offer' : 'no-calls';
}

/** The question asked before anything is booked: email has no buttons, so it asks for a reply. */
export function callOfferText(platform: Platform): string {
  return platform === 'email'
    ? 'Would you like to book a video call? Reply "call" and the desk will offer times.'
    : 'Would you like to book a video call? The desk will offer times.';
}

export const callRequestAction = (ticketKey: string): MessageAction => ({
  id: CALL_REQUEST_ACTION,
  label: 'Book a video call',
  value: ticketKey,
});

/** Said with a ticket (opened, or the conversation's own) when the plan has no calls. */
export const NO_CALLS_ON_TICKET = 'There are no video calls on your plan; the team will answer here in writing.';

/** Said before the articles found for a community member's call request. */
export const NO_CALLS_BEFORE_ARTICLES = 'There are no video calls on your plan.';

/** A community member's call request with no article: no calls, and a person can answer in writing. */
export const NO_CALLS_OFFER_TICKET =
  'There are no video calls on your plan, but a person can help in writing: open a ticket and the team will reply here (community support is best effort).';

/** The lines and buttons a reply on a ticket gains for a call answer. */
export function callLines(
  answer: CallAnswer | null,
  ticketKey: string,
  platform: Platform,
): { lines: string[]; actions: MessageAction[] } {
  if (answer === 'offer') return { lines: [callOfferText(platform)], actions: [callRequestAction(ticketKey)] };
  if (answer === 'no-calls') return { lines: [NO_CALLS_ON_TICKET], actions: [] };
  return { lines: [], actions: [] };
}

/** A reply on a ticket (or none: a follow-up that changes nothing visible) with the call answer added. */
export function withCallAnswer(
  reply: OutboundMessage | null,
  answer: CallAnswer | null,
  ticket: Pick<Ticket, 'key' | 'conversation'>,
): OutboundMessage | null {
  if (answer === null) return reply;
  const { lines, actions } = callLines(answer, ticket.key, ticket.conversation.platform);
  const allActions = [...(reply?.actions ?? []), ...actions];
  return {
    ...reply,
    text: [...(reply ? [reply.text] : []), ...lines].join('\n'),
    ...(allActions.length ? { actions: allActions } : {}),
  };
}
