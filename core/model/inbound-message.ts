import type { Millis, Platform } from './types.js';

/**
 * Where a message lives. Identity is platform + channelId + threadId:
 * Slack channel + thread ts, Discord channel + thread id, GitHub "owner/repo" + issue number, shell session.
 */
export interface ConversationRef {
  platform: Platform;
  channelId: string;
  threadId?: string | undefined;
}

export function conversationKey(ref: ConversationRef): string {
  return `${ref.platform}:${ref.channelId}:${ref.threadId ?? ''}`;
}

export interface Author {
  /** Platform user id (Slack U…, Discord snowflake, GitHub login, shell customer id). */
  id: string;
  name?: string | undefined;
  isBot?: boolean | undefined;
  /** GitHub org logins or similar group identities used to map the author to a customer. */
  orgs?: readonly string[] | undefined;
}

/** One inbound chat event, translated by an adapter. */
export interface InboundMessage {
  platform: Platform;
  /** Idempotency key: the platform's delivery/event id. A second message with the same id is ignored. */
  eventId: string;
  conversation: ConversationRef;
  author: Author;
  text: string;
  receivedAt: Millis;
  /** The platform's id of the message itself (Slack ts, Discord message id, GitHub comment id). */
  messageId?: string | undefined;
  /** Set by the adapter when the conversation itself identifies the customer (a Slack shared channel). */
  customerId?: string | undefined;
  /** The person explicitly asked for a ticket (`/ticket open`, `:ticket:` reaction, `/support new`). */
  wantsTicket?: boolean | undefined;
  /** Open a ticket when the classifier is unsure (Discord help channels), instead of only offering one. */
  ticketIfUnsure?: boolean | undefined;
  /**
   * The adapter answers the request itself (slash command, interaction, shell) from the returned outcome;
   * the engine then does not queue the reply in the outbox.
   */
  replyInline?: boolean | undefined;
  /** Adapter-known staff flag (e.g. Discord staff role); the engine also checks the staff directory. */
  authorIsStaff?: boolean | undefined;
  /**
   * Sent by a machine (an out-of-office reply, a bounce report, a mailing list): recorded on the conversation's open
   * ticket as a third party's message, never answered, never a new ticket, and no clock moves.
   */
  automated?: boolean | undefined;
  /** false: a ticket opened by this message gets no reply to the customer (e.g. one acknowledgement per sender per window). */
  acknowledge?: boolean | undefined;
  /** The key of the closed ticket this message followed up on; a new ticket opened by it records the link. */
  followUpOf?: string | undefined;
}
