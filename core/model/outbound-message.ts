import type { ConversationRef } from './inbound-message.js';
import type { Millis, Priority, Tier, TicketStatus } from './types.js';

export interface ArticleRef {
  id: string;
  title: string;
  excerpt: string;
  url?: string | undefined;
}

export interface TicketSummary {
  key: string;
  subject: string;
  category: string;
  customerName: string | null;
  /** Where the ticket's conversation lives, so a renderer can link to it. */
  conversation: ConversationRef;
  priority: Priority;
  tier: Tier;
  status: TicketStatus;
  /** ISO-like text in the customer's time zone, ready to show, or null when best effort. */
  dueText: string | null;
  dueAt: Millis | null;
}

export interface MessageAction {
  /** Stable action id the adapter routes back, e.g. `kb.helpful`, `ticket.claim`. */
  id: string;
  label: string;
  /** Opaque value carried back with the click (ticket key, article id…). */
  value: string;
  style?: 'primary' | 'danger' | undefined;
}

/** A file sent with a message (a calendar invitation): the text of the file and how to name it. */
export interface MessageAttachment {
  filename: string;
  /** e.g. `text/calendar; method=REQUEST; charset=utf-8`. */
  contentType: string;
  content: string;
}

/**
 * What the bot says, platform-neutral. `text` is plain text written by the bot; any user-written text inside
 * it is marked by the adapter's escaping, never interpreted as mentions.
 */
export interface OutboundMessage {
  text: string;
  ticket?: TicketSummary | undefined;
  articles?: readonly ArticleRef[] | undefined;
  actions?: readonly MessageAction[] | undefined;
  /** Ask the adapter to mention the staff (role ping / channel mention). Never derived from user text. */
  notifyStaff?: boolean | undefined;
  /**
   * A staff member wrote `text` (a reply relayed from the staff channel, the shell or the web desk); absent for the
   * bot's own messages. Adapters show who wrote it, and email does not mark it as automatic mail.
   */
  staffAuthor?: { id: string; name: string } | undefined;
  /** Files to send with the text (email: MIME parts; Slack and Discord: an uploaded file). */
  attachments?: readonly MessageAttachment[] | undefined;
}

/** A message waiting in the durable outbox until a platform accepts it. */
export interface OutboxItem {
  id: number;
  platform: ConversationRef['platform'];
  conversation: ConversationRef;
  message: OutboundMessage;
  /** Unique per logical message, so a retried event cannot enqueue the same reply twice. */
  dedupeKey: string;
  attempts: number;
  nextAttemptAt: Millis;
  createdAt: Millis;
  lastError: string | null;
  /**
   * When a send of this item last started (null: never). Set before the platform is called, so a non-null value on
   * an unsent item means an earlier send may have landed without its outcome being recorded (a lost response, a
   * crash in between), and the adapter should look for that copy before posting again.
   */
  attemptedAt: Millis | null;
}

export type NewOutboxItem = Pick<OutboxItem, 'platform' | 'conversation' | 'message' | 'dedupeKey'> & {
  nextAttemptAt?: Millis;
};
