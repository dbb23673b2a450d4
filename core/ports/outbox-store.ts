import type { OutboxItem } from '../model/outbound-message.js';
import type { Millis, Platform } from '../model/types.js';
import type { SentMessage } from './chat-platform.js';

/** Which items a read covers: all, or one platform's (the dispatcher's lane for that platform). */
export interface OutboxFilter {
  platform?: Platform | undefined;
}

/** Who claims items, and for how long nobody else may take them. */
export interface OutboxClaim extends OutboxFilter {
  /** The claiming instance (its id); items it already holds can be claimed again by it, which renews the lease. */
  owner: string;
  /** The lease: until now + leaseMs no other owner gets the items, unless they are marked sent, retried or dead. */
  leaseMs: number;
}

/**
 * The durable queue of outbound messages; rows are written in the same transaction as the event.
 *
 * Wake-ups ("the store tells the outbox it queued work"): whoever writes outbox rows (a ticket commit, an SLA sweep
 * step, an outreach record, a digest or report) does not call the dispatcher; the store announces its own commits
 * through `onOutboxQueued`, so the desk wires `outbox.kick()` once, and a writer cannot forget it. The SLA store has
 * the same kind of signal for clocks (`SlaStore.onTimersChanged`, which wakes the sweep). Both are wake-ups, not
 * the queue: an item whose signal is missed (another process wrote it, the listener subscribed late) is still sent
 * by the dispatcher's interval.
 */
export interface OutboxStore {
  /**
   * Unsent items with nextAttemptAt <= now, oldest first, of `filter.platform` only when given; an item waits while an
   * earlier unsent item of the same conversation is not yet due, so retries never reorder a conversation.
   */
  dueOutbox(now: Millis, limit: number, filter?: OutboxFilter): Promise<OutboxItem[]>;
  /**
   * Take items to send now, in one write, before the platform is called: due, unsent items (of `claim.platform` only
   * when given) that are the oldest unsent item of their conversation, so a claim holds at most one item per
   * conversation and a conversation is sent strictly in order whichever instance sends it; not claimed by another
   * owner whose lease still runs. Each is marked attempted (`attemptedAt = now`) and leased to `claim.owner`
   * until `now + claim.leaseMs`; the items are returned as they were before the claim (their earlier `attemptedAt`
   * says whether an earlier attempt may have posted a copy). Two instances claiming at once never get the same item.
   * Marking an item sent, retried or dead ends its lease.
   */
  claimOutbox(now: Millis, limit: number, claim: OutboxClaim): Promise<OutboxItem[]>;
  /**
   * Record the send. When `sent.conversation` names another conversation than the item's and a ticket lives in the
   * item's conversation, the message started that conversation somewhere the desk could not name before (a Slack
   * thread is named by its first message's ts): the ticket, and the unsent items queued for its conversation, move
   * there in the same transaction, with an audit row (`ticket.conversation-moved`). A landing elsewhere with no
   * ticket behind it (a direct message's channel) moves nothing.
   */
  markOutboxSent(id: number, at: Millis, sent: SentMessage): Promise<void>;
  /**
   * Try again at `nextAttemptAt`. `notPosted`: the platform answered that it posted nothing (a rate limit), so the
   * item's `attemptedAt` goes back to `notPosted.attemptedAt`, its value before this send, and the next send does not
   * look for a copy that cannot exist.
   */
  markOutboxRetry(
    id: number,
    nextAttemptAt: Millis,
    error: string,
    notPosted?: { attemptedAt: Millis | null },
  ): Promise<void>;
  /** Give up on an item a retry cannot fix (kept for inspection, never deleted). */
  markOutboxDead(id: number, at: Millis, error: string): Promise<void>;
  /**
   * Items not yet sent and not dead (of `filter.platform` only when given): waiting for their first send or a retry,
   * and those being sent right now (attempted, no outcome recorded yet), which are pending until marked sent.
   */
  pendingOutboxCount(filter?: OutboxFilter): Promise<number>;
  /**
   * Call `listener` after each write that inserted outbox rows has committed, once per write however many rows it
   * inserted (a `commit`; an SLA sweep's `applySweep`, an outreach record: the stores that share this outbox's
   * storage announce their rows here too). Never before the COMMIT, never for a write that rolled back or failed, a
   * duplicate or conflicting change, or one whose rows were all deduplicated away. The listener runs synchronously
   * after the commit and must not throw (an exception is swallowed: the write has committed and its caller must
   * learn that). Returns the unsubscribe.
   */
  onOutboxQueued(listener: () => void): () => void;
}
