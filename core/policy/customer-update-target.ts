import type { CustomerConfig } from '../config/support-config.js';
import type { ConversationRef } from '../model/inbound-message.js';
import type { Platform } from '../model/types.js';
import type { Ticket } from '../model/ticket.js';

/**
 * Platforms whose conversations anyone can read. Every GitHub issue counts as public: the desk cannot tell an issue
 * of a private repository from a public one, so it takes the safe side.
 */
export const PUBLIC_PLATFORMS: ReadonlySet<Platform> = new Set<Platform>(['github']);

export function isPublicConversation(ref: ConversationRef): boolean {
  return PUBLIC_PLATFORMS.has(ref.platform);
}

/**
 * Where the customer-facing notices of a ticket go (the "a responder is on it" notice of a critical incident and its
 * status updates), which name the ticket, its priority and who works on it. A private conversation gets them in
 * place. A public one never does: they go to the customer's first shared Slack channel when there is one, else
 * nowhere (staff are paged either way, and the issue keeps only the bot's answer and its labels).
 */
export function customerUpdateTarget(
  ticket: Pick<Ticket, 'conversation'>,
  customer: Pick<CustomerConfig, 'slack'> | undefined,
): ConversationRef | null {
  if (!isPublicConversation(ticket.conversation)) return ticket.conversation;
  const channel = customer?.slack.channels[0];
  return channel ? { platform: 'slack', channelId: channel } : null;
}
