import type { App } from '@slack/bolt';
import { DeliveryError, directMessageUserId } from '../../core/index.js';
import type { ChatPlatform, ConversationRef, DeliveryAttempt, OutboundMessage, SentMessage } from '../../core/index.js';
import { findPostedCopy, outboxMetadata } from './find-posted-copy.js';
import { pendingThreadStarter } from './pending-thread.js';
import { renderSlackMessage } from './render-slack-message.js';
import { threadLink } from './thread-link.js';
import { deliveryErrorFromSlack } from './delivery-error-from-slack.js';
import { attachmentsNotShared, uploadFailure, uploadSlackFiles } from './upload-slack-files.js';
import type { FileTarget } from './upload-slack-files.js';

export type SlackClient = Pick<App['client'], 'chat' | 'conversations'>;
/** What the outbound port needs of Bolt's client: posting, reading back and uploading files. */
export type SlackPlatformClient = SlackClient & Pick<App['client'], 'filesUploadV2'>;

/**
 * The desk's outbound port on Slack: one chat.postMessage per message (in the conversation's thread), rendered as
 * Block Kit. A `dm:<user id>` conversation (pages, reminders, executive notices) is posted with `channel` = the user
 * id, which Slack delivers in the app's DM with that person; the answer's D… channel is returned. Failures are thrown as DeliveryError (via deliveryErrorFromSlack) so the outbox retries or gives up.
 * Each outbox post carries its item's token in message metadata; a retry (an earlier send may have landed) first
 * looks for that post (find-posted-copy.ts) and returns it instead of posting the message twice.
 * A thread not started yet (pending-thread.ts): its starter is posted at the top of the channel and answered as
 * landed in the thread it names; a message queued for the thread before that goes to the thread the starter named,
 * found by the starter's token, and a ticket summary linking to such a thread links to that thread.
 *
 * Attachments (a call's calendar invitation) are uploaded as files into the same place right after the message
 * (upload-slack-files.ts). The message post stays the idempotent unit and the files follow it, rather than files
 * first: the text then reads before its files, and a failed upload never leaves a file without its message. An
 * upload failure is thrown as a retriable DeliveryError (never a rate limit: the message did land); the outbox's
 * retry finds the posted copy by its token, then looks in the conversation after it for the files and uploads only
 * those missing, so neither the message nor a file that did arrive is repeated.
 */
export function createSlackChatPlatform(deps: {
  client: SlackPlatformClient;
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

  /**
   * Post once (a retry returns the earlier copy), then its files: the message's ts and, for a person, the D… channel
   * Slack put it in (undefined when an earlier copy was found).
   */
  async function post(
    conversation: ConversationRef,
    message: OutboundMessage,
    delivery: DeliveryAttempt,
  ): Promise<{ ts: string; channel: string | undefined }> {
    const sent = await postMessage(conversation, message, delivery);
    const attachments = message.attachments ?? [];
    if (attachments.length) {
      const target = await fileTarget(conversation, sent.channel);
      const missing = sent.copy ? await attachmentsNotShared(client, target, sent.ts, attachments) : attachments;
      await uploadSlackFiles(client, target, missing);
    }
    return { ts: sent.ts, channel: sent.channel };
  }

  /** Where a post's files go: its channel and thread; for a person, the DM channel (opened again for a found copy). */
  async function fileTarget(conversation: ConversationRef, dmChannel: string | undefined): Promise<FileTarget> {
    const dmUser = directMessageUserId(conversation);
    if (dmUser === null) return { channel: conversation.channelId, threadTs: conversation.threadId };
    if (dmChannel) return { channel: dmChannel };
    try {
      const opened = await client.conversations.open({ users: dmUser, return_im: false });
      if (opened.channel?.id) return { channel: opened.channel.id };
    } catch (err) {
      throw uploadFailure(err);
    }
    throw new DeliveryError(`no DM channel with ${dmUser} for the message's files`, { permanent: true });
  }

  /** The message itself, once: its ts, the D… channel of a person's DM, and whether it is an earlier copy. */
  async function postMessage(
    conversation: ConversationRef,
    message: OutboundMessage,
    delivery: DeliveryAttempt,
  ): Promise<{ ts: string; channel: string | undefined; copy: boolean }> {
    if (delivery.retry) {
      const copy = await lookForCopy(conversation, delivery);
      if (copy !== null) return { ts: copy, channel: undefined, copy: true };
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
      return { ts: result.ts ?? '', channel: dmUser ? result.channel : undefined, copy: false };
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
