import type { ConversationRef } from '../model/inbound-message.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { Platform } from '../model/types.js';

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
  send(conversation: ConversationRef, message: OutboundMessage): Promise<SentMessage>;
}
