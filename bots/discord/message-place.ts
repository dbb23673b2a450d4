import type { ConversationRef } from '../../core/index.js';

/** Where a Discord message was posted: a channel, or a thread with its parent channel. */
export interface MessagePlace {
  channelId: string;
  /** The thread's parent channel when `channelId` is a thread, else null. */
  parentChannelId: string | null;
}

/**
 * The desk's conversation for a message. A top-level message is its own conversation (channel + message id); a
 * thread started from it has the same id as the message, so messages inside it (parent + thread id) join it.
 */
export function conversationFor(place: MessagePlace, messageId: string): ConversationRef {
  return place.parentChannelId === null
    ? { platform: 'discord', channelId: place.channelId, threadId: messageId }
    : { platform: 'discord', channelId: place.parentChannelId, threadId: place.channelId };
}

/** A help channel itself, or a thread inside one. */
export function isHelpPlace(place: MessagePlace, helpChannels: readonly string[]): boolean {
  return helpChannels.includes(place.parentChannelId ?? place.channelId);
}
