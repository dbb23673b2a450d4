import type { App } from '@slack/bolt';
import type { ConversationRef } from '../../core/model/inbound-message.js';
import type { OutboundMessage } from '../../core/model/outbound-message.js';
import { directMessageUserId } from '../../core/ports/chat-platform.js';
import type { ChatPlatform, DeliveryAttempt, SentMessage } from '../../core/ports/chat-platform.js';
import { findPostedCopy, outboxMetadata } from './find-posted-copy.js';
import { renderSlackMessage } from './render-slack-message.js';
import { threadLink } from './thread-link.js';
import { toDeliveryError } from './to-delivery-error.js';

export type SlackClient = Pick<App['client'], 'chat' | 'conversations'>;

/**
 * The desk's outbound port on Slack: one chat.postMessage per message (in the conversation's thread), rendered as
 * Block Kit. A `dm:<user id>` conversation (pages, reminders, executive notices) is posted with `channel` = the user
 * id, which Slack delivers in the app's DM with that person; the answer's D… channel is returned. Failures are thrown as DeliveryError (via toDeliveryError) so the outbox retries or gives up.
 * Each outbox post carries its item's token in message metadata; a retry (an earlier send may have landed) first
 * looks for that post (find-posted-copy.ts) and returns it instead of posting the message twice.
 */
export function createSlackChatPlatform(deps: { client: SlackClient; staffChannel?: string | undefined }): ChatPlatform {
  const { client } = deps;
  /** An earlier attempt's post, or null. A lookup Slack refuses for good (a missing scope) posts anyway: at least once. */
  async function lookForCopy(conversation: ConversationRef, delivery: DeliveryAttempt): Promise<string | null> {
    try {
      return await findPostedCopy(client, conversation, delivery);
    } catch (err) {
      const failure = toDeliveryError(err);
      if (failure.permanent) return null;
      throw failure;
    }
  }
  return {
    platform: 'slack',
    async send(conversation: ConversationRef, message: OutboundMessage, delivery: DeliveryAttempt): Promise<SentMessage> {
      if (delivery.retry) {
        const copy = await lookForCopy(conversation, delivery);
        if (copy !== null) return { messageId: copy };
      }
      try {
        const ticket = message.ticket;
        const announcement = ticket && (ticket.conversation.channelId !== conversation.channelId || ticket.conversation.threadId !== conversation.threadId);
        const link = announcement ? await threadLink((a) => client.chat.getPermalink(a), ticket.conversation) : undefined;
        const rendered = renderSlackMessage(message, { conversation, staffChannel: deps.staffChannel, threadLink: link });
        const dmUser = directMessageUserId(conversation);
        const result = await client.chat.postMessage({
          channel: dmUser ?? conversation.channelId,
          ...(conversation.threadId && !dmUser ? { thread_ts: conversation.threadId } : {}),
          text: rendered.text,
          blocks: rendered.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: outboxMetadata(delivery),
        });
        const landed = dmUser && result.channel ? { conversation: { platform: 'slack' as const, channelId: result.channel } } : {};
        return { messageId: result.ts ?? '', ...landed };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}
