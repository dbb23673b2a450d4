import type { App } from '@slack/bolt';
import { DeliveryError, directMessageUserId } from '../../core/index.js';
import type { ChatPlatform, ConversationRef, DeliveryAttempt, OutboundMessage, SentMessage } from '../../core/index.js';
import { findPostedCopy, outboxMetadata } from './find-posted-copy.js';
import { pendingThreadStarter } from './pending-thread.js';
import { renderSlackMessage } from './render-slack-message.js';
import { threadLink } from './thread-link.js';
import { deliveryErrorFromSlack } from './delivery-error-from-slack.js';

export type SlackClient = Pick<App['client'], 'chat' | 'conversations'>;

/**
 * The desk's outbound port on Slack: one chat.postMessage per message (in the conversation's thread), rendered as
 * Block Kit. A `dm:<user id>` conversation (pages, reminders, executive notices) is posted with `channel` = the user
 * id, which Slack delivers in the app's DM with that person; the answer's D… channel is returned. Failures are thrown as DeliveryError (via deliveryErrorFromSlack) so the outbox retries or gives up.
 * Each outbox post carries its item's token in message metadata; a retry (an earlier send may have landed) first
 * looks for that post (find-posted-copy.ts) and returns it instead of posting the message twice.
 * A thread not started yet (pending-thread.ts): its starter is posted at the top of the channel and answered as
 * landed in the thread it names; a message queued for the thread before that goes to the thread the starter named,
 * found by the starter's token, and a ticket summary linking to such a thread links to that thread.
 */
export function createSlackChatPlatform(deps: {
  client: SlackClient;
  staffChannel?: string | undefined;
}): ChatPlatform {
  const { client } = deps;
  /** An earlier attempt's post, or null. A lookup Slack refuses for good (a missing scope) posts anyway: at least once. */
  async function lookForCopy(conversation: ConversationRef, delivery: DeliveryAttempt): Promise<string | null> {
    try {
      return await findPostedCopy(client, conversation, delivery);
    } catch (err) {
      const failure = deliveryErrorFromSlack(err);
      if (failure.permanent) return null;
      throw failure;
    }
  }

  /** The conversation itself, or for a thread not started yet the thread its starter named (null: not posted). */
  async function started(conversation: ConversationRef, since: number): Promise<ConversationRef | null> {
    const token = pendingThreadStarter(conversation);
    if (token === null) return conversation;
    const ts = await lookForCopy(
      { platform: 'slack', channelId: conversation.channelId },
      { token, since, retry: true },
    );
    return ts === null ? null : { platform: 'slack', channelId: conversation.channelId, threadId: ts };
  }

  /** Post once (a retry returns the earlier copy): the message's ts and the channel Slack put it in. */
  async function post(
    conversation: ConversationRef,
    message: OutboundMessage,
    delivery: DeliveryAttempt,
  ): Promise<{ ts: string; channel: string | undefined }> {
    if (delivery.retry) {
      const copy = await lookForCopy(conversation, delivery);
      if (copy !== null) return { ts: copy, channel: undefined };
    }
    try {
      // A ticket summary shown elsewhere than the ticket's thread (an announcement) links to that thread.
      const ticketConversation = message.ticket ? await started(message.ticket.conversation, delivery.since) : null;
      const shown =
        message.ticket && ticketConversation
          ? { ...message, ticket: { ...message.ticket, conversation: ticketConversation } }
          : message;
      const elsewhere =
        ticketConversation !== null &&
        (ticketConversation.channelId !== conversation.channelId ||
          ticketConversation.threadId !== conversation.threadId);
      const link = elsewhere ? await threadLink((a) => client.chat.getPermalink(a), ticketConversation) : undefined;
      const rendered = renderSlackMessage(shown, { conversation, staffChannel: deps.staffChannel, threadLink: link });
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
      return { ts: result.ts ?? '', channel: dmUser ? result.channel : undefined };
    } catch (err) {
      throw deliveryErrorFromSlack(err);
    }
  }

  return {
    platform: 'slack',
    async send(
      conversation: ConversationRef,
      message: OutboundMessage,
      delivery: DeliveryAttempt,
    ): Promise<SentMessage> {
      const starter = pendingThreadStarter(conversation);
      if (starter === null) {
        const sent = await post(conversation, message, delivery);
        return {
          messageId: sent.ts,
          ...(sent.channel ? { conversation: { platform: 'slack' as const, channelId: sent.channel } } : {}),
        };
      }
      const top: ConversationRef = { platform: 'slack', channelId: conversation.channelId };
      if (delivery.token === starter) {
        const sent = await post(top, message, delivery);
        return { messageId: sent.ts, conversation: { ...top, threadId: sent.ts } };
      }
      // Queued for the thread before it was started (the outbox sends the starter first): its thread, once found.
      const thread = await started(conversation, delivery.since);
      if (!thread)
        throw new DeliveryError(`the thread this message belongs to was never started in ${conversation.channelId}`, {
          permanent: true,
        });
      const sent = await post(thread, message, delivery);
      return { messageId: sent.ts, conversation: thread };
    },
  };
}
