import type { Channel, Client, Message, MessageCreateOptions, SendableChannels } from 'discord.js';
import { ChannelType, DiscordAPIError, ThreadAutoArchiveDuration } from 'discord.js';
import { DeliveryError, directMessageUserId } from '../../core/index.js';
import type { ChatPlatform, ConversationRef, DeliveryAttempt, OutboundMessage, SentMessage } from '../../core/index.js';
import { deliveryErrorFromDiscord } from './delivery-error-from-discord.js';
import { messageWithFiles } from './message-with-files.js';
import { renderDiscordMessage } from './render-discord-message.js';
import { ticketThreadName } from './ticket-thread-name.js';

export interface DiscordChatPlatform extends ChatPlatform {
  /** Archive the conversation's thread, when it has one (after a ticket is closed). */
  archiveThread(conversation: ConversationRef): Promise<void>;
}

const UNKNOWN = new Set([10003, 10008]);
const THREAD_EXISTS = 160004;

/**
 * The core's ChatPlatform on discord.js. A conversation is channel + thread id; the thread id is first the member's
 * message id, and becomes a thread (same id) when a ticket opens: the reply that carries the ticket starts the
 * thread `SUP-42: <summary>` from that message and lands in it. Other replies answer the message in the channel.
 * A `dm:<user id>` conversation (pages, reminders) is a direct message to that user.
 */
export function createDiscordChatPlatform(
  client: Client,
  options: { staffRoleIds: readonly string[] },
): DiscordChatPlatform {
  async function channelById(id: string): Promise<Channel | null> {
    const cached = client.channels.cache.get(id);
    if (cached) return cached;
    try {
      return await client.channels.fetch(id);
    } catch (err) {
      if (err instanceof DiscordAPIError && UNKNOWN.has(Number(err.code))) return null;
      throw err;
    }
  }

  async function textChannel(id: string) {
    const channel = await channelById(id);
    if (!channel || channel.type !== ChannelType.GuildText)
      throw new DeliveryError(`channel ${id} is not a text channel the bot can see`, { permanent: true });
    return channel;
  }

  /**
   * A page or reminder to one person (`dm:<user id>`): `POST /users/@me/channels {recipient_id}` opens the bot's DM
   * with them once; discord.js keeps the DM channel in its channel cache, and `createDM` looks there first, so
   * later pages to the same person go straight to `POST /channels/:dm/messages`.
   */
  async function deliverDirect(
    userId: string,
    post: (channel: SendableChannels) => Promise<Message>,
  ): Promise<SentMessage> {
    if (!/^\d{17,20}$/.test(userId))
      throw new DeliveryError(`"${userId}" is not a Discord user id; check the staff entry's discord field`, {
        permanent: true,
      });
    const channel = await client.users.createDM(userId);
    const sent = await post(channel);
    return { messageId: sent.id, conversation: { platform: 'discord', channelId: channel.id } };
  }

  /**
   * The nonce is the outbox item's token: with `enforceNonce` Discord returns the message it already created with
   * that nonce (within a few minutes) instead of creating another, so a retry of a send whose response was lost, or
   * that a crash cut off, delivers it once. The message's files (`message.attachments`) are uploaded with the same
   * post, so the message and its files land, or are found again, as one unit.
   */
  async function deliver(
    conversation: ConversationRef,
    message: OutboundMessage,
    delivery: DeliveryAttempt,
  ): Promise<SentMessage> {
    const body: MessageCreateOptions = {
      ...renderDiscordMessage(message, options),
      nonce: delivery.token,
      enforceNonce: true,
    };
    const post = (channel: SendableChannels, extra: MessageCreateOptions = {}) =>
      channel.send(messageWithFiles(channel, { ...body, ...extra }, message.attachments));
    const person = directMessageUserId(conversation);
    if (person !== null) return deliverDirect(person, post);
    if (!conversation.threadId) {
      const channel = await channelById(conversation.channelId);
      if (!channel?.isSendable())
        throw new DeliveryError(`channel ${conversation.channelId} is not one the bot can post in`, {
          permanent: true,
        });
      return { messageId: (await post(channel)).id };
    }
    const existing = await channelById(conversation.threadId);
    if (existing?.isThread()) return { messageId: (await post(existing)).id };
    const parent = await textChannel(conversation.channelId);
    if (message.ticket) {
      const thread = await parent.threads
        .create({
          startMessage: conversation.threadId,
          name: ticketThreadName(message.ticket.key, message.ticket.subject),
          autoArchiveDuration: ThreadAutoArchiveDuration.OneWeek,
        })
        .catch(async (err: unknown) => {
          // An earlier attempt created it but its response was lost: use that thread.
          const again =
            err instanceof DiscordAPIError && err.code === THREAD_EXISTS
              ? await client.channels.fetch(conversation.threadId as string)
              : null;
          if (again?.isThread()) return again;
          throw err;
        });
      const sent = await post(thread);
      return { messageId: sent.id, conversation: { ...conversation, threadId: thread.id } };
    }
    const sent = await post(parent, { reply: { messageReference: conversation.threadId, failIfNotExists: false } });
    return { messageId: sent.id };
  }

  return {
    platform: 'discord',
    async send(conversation, message, delivery) {
      try {
        return await deliver(conversation, message, delivery);
      } catch (err) {
        throw deliveryErrorFromDiscord(err);
      }
    },
    async archiveThread(conversation) {
      if (!conversation.threadId) return;
      const thread = await channelById(conversation.threadId);
      if (thread?.isThread() && !thread.archived) await thread.setArchived(true, 'ticket closed');
    },
  };
}
