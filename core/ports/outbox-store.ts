import type { OutboxItem } from '../model/outbound-message.js';
import type { Millis } from '../model/types.js';
import type { SentMessage } from './chat-platform.js';

/** The durable queue of outbound messages; rows are written in the same transaction as the event. */
export interface OutboxStore {
  /**
   * Unsent items with nextAttemptAt <= now, oldest first; an item waits while an earlier unsent item of the same
   * conversation is not yet due, so retries never reorder a conversation.
   */
  dueOutbox(now: Millis, limit: number): Promise<OutboxItem[]>;
  /** Record that sends of these items start now (`attemptedAt`), in one write, before the platform is called. */
  markOutboxAttempted(ids: readonly number[], at: Millis): Promise<void>;
  markOutboxSent(id: number, at: Millis, sent: SentMessage): Promise<void>;
  /**
   * Try again at `nextAttemptAt`. `notPosted`: the platform answered that it posted nothing (a rate limit), so the
   * item's `attemptedAt` goes back to `notPosted.attemptedAt`, its value before this send, and the next send does not
   * look for a copy that cannot exist.
   */
  markOutboxRetry(id: number, nextAttemptAt: Millis, error: string, notPosted?: { attemptedAt: Millis | null }): Promise<void>;
  /** Give up on an item a retry cannot fix (kept for inspection, never deleted). */
  markOutboxDead(id: number, at: Millis, error: string): Promise<void>;
  pendingOutboxCount(): Promise<number>;
}
