import type { App } from '@slack/bolt';
import type { ConversationRef } from '../../core/model/inbound-message.js';
import type { OutboundMessage } from '../../core/model/outbound-message.js';
import { directMessageUserId } from '../../core/ports/chat-platform.js';
import type { ChatPlatform, SentMessage } from '../../core/ports/chat-platform.js';
import { renderSlackMessage } from './render-slack-message.js';
import { threadLink } from './thread-link.js';
import { toDeliveryError } from './to-delivery-error.js';

export type SlackClient = Pick<App['client'], 'chat' | 'conversations'>;

/**
 * The desk's outbound port on Slack: one chat.postMessage per message (in the conversation's thread), rendered as
 * Block Kit. A `dm:<user id>` conversation (pages, reminders, executive notices) is posted with `channel` = the user
 * id, which Slack delivers in the app's DM with that person; the answer's D… channel is returned. Failures are thrown as DeliveryError (via toDeliveryError) so the outbox retries or gives up.
 */
export function createSlackChatPlatform(deps: { client: SlackClient; staffChannel?: string | undefined }): ChatPlatform {
  const { client } = deps;
  return {
    platform: 'slack',
    async send(conversation: ConversationRef, message: OutboundMessage): Promise<SentMessage> {
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
        });
        const landed = dmUser && result.channel ? { conversation: { platform: 'slack' as const, channelId: result.channel } } : {};
        return { messageId: result.ts ?? '', ...landed };
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}
