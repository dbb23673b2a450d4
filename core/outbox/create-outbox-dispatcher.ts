import { DeliveryError } from '../errors.js';
import type { OutboxItem } from '../model/outbound-message.js';
import type { Platform } from '../model/types.js';
import type { ChatPlatform } from '../ports/chat-platform.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import type { OutboxStore } from '../ports/outbox-store.js';
import { conversationKey } from '../model/inbound-message.js';
import { outboxToken } from './outbox-token.js';

/** How far before an item was queued an adapter looks for an earlier copy of it (a platform's clock behind ours). */
export const COPY_CLOCK_MARGIN_MS = 5 * 60_000;

export interface OutboxDispatcherOptions {
  batchSize?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Delay when the item's platform is not running (yet); the item waits, it is never dropped. */
  platformDownDelayMs?: number;
}

export interface FlushReport {
  sent: number;
  retried: number;
  dead: number;
}

/**
 * Sends queued messages through the platforms, oldest first, keeping the order within a conversation: when one
 * message of a conversation fails, later ones of the same conversation wait for the next round. Rate limits use
 * the platform's retry-after; other failures back off exponentially. Only permanent errors stop retries. Each batch
 * is marked attempted before it is sent, and every send names its item (DeliveryAttempt), so an adapter can find a
 * copy that an earlier, unrecorded attempt posted instead of posting it twice.
 */
export function createOutboxDispatcher(deps: { store: OutboxStore; platforms: ReadonlyMap<Platform, ChatPlatform>; clock: Clock; log?: Logger; options?: OutboxDispatcherOptions }) {
  const log = deps.log ?? silentLogger;
  const batchSize = deps.options?.batchSize ?? 50;
  const base = deps.options?.baseBackoffMs ?? 1_000;
  const max = deps.options?.maxBackoffMs ?? 10 * 60_000;
  const platformDown = deps.options?.platformDownDelayMs ?? 60_000;
  let running: Promise<FlushReport> | null = null;
  let again = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  async function deliver(item: OutboxItem, report: FlushReport): Promise<boolean> {
    const platform = deps.platforms.get(item.platform);
    const now = deps.clock.now();
    if (!platform) {
      await deps.store.markOutboxRetry(item.id, now + platformDown, `platform ${item.platform} is not running`);
      report.retried++;
      return false;
    }
    try {
      const sent = await platform.send(item.conversation, item.message, { token: outboxToken(item.dedupeKey), since: item.createdAt - COPY_CLOCK_MARGIN_MS, retry: item.attemptedAt !== null });
      await deps.store.markOutboxSent(item.id, deps.clock.now(), sent);
      report.sent++;
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof DeliveryError && err.permanent) {
        await deps.store.markOutboxDead(item.id, now, message);
        log.error({ outboxId: item.id, platform: item.platform, err: message }, 'outbound message rejected permanently');
        report.dead++;
        return false;
      }
      // A rate limit (retry-after) means the platform refused the post: nothing landed, so the attempt mark goes back
      // to what it was and the next send does not look for a copy. Any other failure may have landed.
      const refused = err instanceof DeliveryError && err.retryAfterMs !== undefined;
      const delay = refused ? (err.retryAfterMs as number) : Math.min(max, base * 2 ** item.attempts);
      await deps.store.markOutboxRetry(item.id, now + delay, message, refused ? { attemptedAt: item.attemptedAt } : undefined);
      log.warn({ outboxId: item.id, platform: item.platform, attempts: item.attempts + 1, retryInMs: delay, err: message }, 'outbound message will be retried');
      report.retried++;
      return false;
    }
  }

  async function flushOnce(): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, retried: 0, dead: 0 };
    const blocked = new Set<string>();
    for (;;) {
      const items = (await deps.store.dueOutbox(deps.clock.now(), batchSize)).filter((i) => !blocked.has(conversationKey(i.conversation)));
      if (!items.length) return report;
      // Written before any platform is called: if the process dies after a post lands but before it is marked sent,
      // the next attempt knows to look for that post first (DeliveryAttempt.retry).
      await deps.store.markOutboxAttempted(items.filter((i) => deps.platforms.has(i.platform)).map((i) => i.id), deps.clock.now());
      let progressed = false;
      for (const item of items) {
        const key = conversationKey(item.conversation);
        if (blocked.has(key)) continue;
        if (await deliver(item, report)) progressed = true;
        else blocked.add(key);
      }
      if (!progressed) return report;
    }
  }

  /** Send everything due now. Concurrent calls coalesce into one running flush plus at most one more. */
  function flush(): Promise<FlushReport> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const total: FlushReport = { sent: 0, retried: 0, dead: 0 };
      do {
        again = false;
        const r = await flushOnce();
        total.sent += r.sent;
        total.retried += r.retried;
        total.dead += r.dead;
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    flush,
    /** Ask for a flush soon without waiting for it (after an event queued messages). */
    kick(): void {
      void flush().catch((err: unknown) => log.error({ err: String(err) }, 'outbox flush failed'));
    },
    start(intervalMs = 2_000): void {
      timer ??= setInterval(() => this.kick(), intervalMs);
      timer.unref?.();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
