import { outboxToken } from '../../core/index.js';
import type { ConversationRef } from '../../core/index.js';

const PREFIX = 'new-thread:';

/**
 * A Slack thread that does not exist yet. A thread is named by the ts of its first message, which Slack assigns when
 * the message is posted; `/support new` opens its ticket before that (it answers the command first), on this
 * conversation: the channel plus `new-thread:<the starter's outbox token>`. The starter is the outbox item with
 * `starterDedupeKey`, queued with the ticket and addressed to this conversation; the Slack ChatPlatform posts it at
 * the top of the channel and answers that it landed in the thread `{ channel, ts }`, and the outbox store then moves
 * the ticket and the messages queued for it there (see OutboxStore.markOutboxSent).
 */
export function pendingThread(channelId: string, starterDedupeKey: string): ConversationRef {
  return { platform: 'slack', channelId, threadId: `${PREFIX}${outboxToken(starterDedupeKey)}` };
}

/** The starter's outbox token when the conversation is a thread not started yet, else null. */
export function pendingThreadStarter(conversation: ConversationRef): string | null {
  return conversation.platform === 'slack' && conversation.threadId?.startsWith(PREFIX)
    ? conversation.threadId.slice(PREFIX.length)
    : null;
}
