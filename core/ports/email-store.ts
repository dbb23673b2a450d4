import type { Millis } from '../model/types.js';

/**
 * One mail conversation: the thread a ticket's `conversation.threadId` names (platform 'email', channelId = the desk's
 * mailbox address). `threadId` is the Message-ID of the mail that started it.
 */
export interface EmailThread {
  threadId: string;
  /** The desk address the customer wrote to (the conversation's channelId). */
  mailbox: string;
  /** Where replies go. */
  customerAddress: string;
  customerName: string | null;
  /** The first mail's subject without `Re:` prefixes or the ticket key. */
  subject: string;
  createdAt: Millis;
}

/** A mail of a thread, in or out; the Message-ID is unique across the desk. */
export interface EmailMessageRecord {
  messageId: string;
  threadId: string;
  direction: 'in' | 'out';
  at: Millis;
}

/** Where IMAP intake stands in one mailbox: every UID up to `lastUid` of this UIDVALIDITY is committed. */
export interface MailboxCursor {
  mailbox: string;
  uidValidity: number;
  lastUid: number;
}

export interface NewEmailAttachment {
  messageId: string;
  /** Position in the mail (0-based): with the Message-ID, the attachment's identity. */
  position: number;
  filename: string;
  contentType: string;
  size: number;
  content: Uint8Array;
  at: Millis;
}

export type EmailAttachment = Omit<NewEmailAttachment, 'content'>;

/** Mail threading, the IMAP cursor, acknowledgement throttling and attachments (migration 011). */
export interface EmailStore {
  /**
   * The thread of the first Message-ID in `messageIds` the desk has stored (callers pass In-Reply-To first, then
   * References newest first), or null.
   */
  findThread(messageIds: readonly string[]): Promise<EmailThread | null>;
  getThread(threadId: string): Promise<EmailThread | null>;
  /** Open a thread; when one with this id exists it is kept and returned unchanged. */
  openThread(thread: EmailThread): Promise<EmailThread>;
  /** Record a mail of a thread; recording the same Message-ID again changes nothing. */
  recordMessage(record: EmailMessageRecord): Promise<void>;
  /** The thread's newest `limit` Message-IDs, oldest first (for a reply's References). */
  threadMessageIds(threadId: string, limit: number): Promise<string[]>;
  /** The newest inbound Message-ID of the thread (a reply's In-Reply-To), or null. */
  lastInboundMessageId(threadId: string): Promise<string | null>;
  getCursor(mailbox: string): Promise<MailboxCursor | null>;
  /**
   * Save the cursor. Within one UIDVALIDITY it only moves forward (an older `lastUid` changes nothing); a different
   * UIDVALIDITY replaces it (the server renumbered the mailbox).
   */
  saveCursor(cursor: MailboxCursor): Promise<void>;
  /**
   * Take the right to acknowledge `address` at `at` for the mail `messageId`: true (and recorded) when no other mail
   * took it in the `windowMs` before `at`, or when this same mail holds it already (taken again after a failed commit
   * or a crash), else false. Atomic, so two intakes cannot both acknowledge one sender.
   */
  claimAcknowledgement(address: string, at: Millis, windowMs: number, messageId: string): Promise<boolean>;
  /** Store a mail's attachments; storing the same (messageId, position) again changes nothing. */
  saveAttachments(attachments: readonly NewEmailAttachment[]): Promise<void>;
  listAttachments(messageId: string): Promise<EmailAttachment[]>;
  /** One attachment's bytes, or null. */
  readAttachment(messageId: string, position: number): Promise<Uint8Array | null>;
}
