import type { ConversationRef } from '../model/inbound-message.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { Millis, Platform } from '../model/types.js';

export interface SentMessage {
  /** The platform's id of the message that was posted (Slack ts, Discord message id, comment id). */
  messageId: string;
  /** Where it landed, when the platform moved it (a Discord ticket thread created for it). */
  conversation?: ConversationRef | undefined;
}

/**
 * Proactive and queued output goes through this port. Implementations throw `DeliveryError` (with
 * `retryAfterMs` for rate limits, `permanent` for errors a retry cannot fix).
 */
export interface ChatPlatform {
  readonly platform: Platform;
  /** `delivery`: which outbox item this is (every send comes from the outbox). */
  send(conversation: ConversationRef, message: OutboundMessage, delivery: DeliveryAttempt): Promise<SentMessage>;
}

/**
 * Which outbox item a send delivers, so that an adapter never posts it twice:
 * - `token`: stable for the item and unique to it (from its dedupe key; letters, digits, '-' and '_', 22 characters),
 *   for the adapter to attach to the post where the platform keeps it (Slack message metadata, a hidden marker in a
 *   GitHub comment);
 * - `since`: the oldest a copy can be by the platform's clock: when the item was queued, less a margin for that
 *   clock running behind ours (the dispatcher's COPY_CLOCK_MARGIN_MS);
 * - `retry`: an earlier send of the item may have landed without its outcome being recorded (a lost response, a
 *   crash between the platform's accepting the post and the outbox's marking it sent). The adapter then looks for a
 *   post carrying `token` and returns it instead of posting again, where the platform lets it look.
 */
export interface DeliveryAttempt {
  token: string;
  since: Millis;
  retry: boolean;
}

/**
 * Addressing a person (pages, reminders, executive notices). A `ConversationRef` whose `channelId` is `dm:<platform
 * user id>` means "a direct message to that user". Each ChatPlatform implementation must accept it in `send`:
 * - Slack: `chat.postMessage` with `channel` = the user id (U…); Slack delivers it in the app's DM with that user
 *   (the bot needs `chat:write`; `conversations.open` with `users` = id then posting to the returned D… channel is
 *   equivalent). Action buttons (`escalation.ack`, `ticket.claim`) render like any other message's actions.
 * - Discord: `POST /users/@me/channels` with `{ recipient_id }` (discord.js: `client.users.createDM(id)` or
 *   `user.send`) to get the DM channel, then post the message there with its buttons; cache the DM channel id.
 * An adapter that cannot reach the user throws `DeliveryError({ permanent: true })`. The returned `SentMessage`
 * may carry the real DM channel as `conversation`.
 */
export const DM_PREFIX = 'dm:';

export function personConversation(platform: Platform, userId: string): ConversationRef {
  return { platform, channelId: `${DM_PREFIX}${userId}` };
}

/** The user id a `dm:` conversation addresses, or null for an ordinary channel. */
export function directMessageUserId(conversation: ConversationRef): string | null {
  return conversation.channelId.startsWith(DM_PREFIX) ? conversation.channelId.slice(DM_PREFIX.length) : null;
}
