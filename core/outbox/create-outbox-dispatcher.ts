import { DeliveryError } from '../errors.js';
import type { OutboxItem } from '../model/outbound-message.js';
import { PLATFORMS } from '../model/types.js';
import type { Platform } from '../model/types.js';
import type { ChatPlatform, SentMessage } from '../ports/chat-platform.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import type { OutboxStore } from '../ports/outbox-store.js';
import { createCoalescingRunner } from '../run/create-coalescing-runner.js';
import type { CoalescingRunner } from '../run/create-coalescing-runner.js';
import { withinDeadline } from '../time/within-deadline.js';
import { outboxToken } from './outbox-token.js';

/** How far before an item was queued an adapter looks for an earlier copy of it (a platform's clock behind ours). */
export const COPY_CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * How long the dispatcher waits for one send before it gives up on it (OutboxDispatcherOptions.sendDeadlineMs): longer
 * than a send's few API calls under the platform clients' own request timeouts (10 s each by default), so it only
 * fires when an SDK's timeout does not.
 */
export const DEFAULT_SEND_DEADLINE_MS = 30_000;

/** Time kept between a claim's lease running out and the start of a send under it (OutboxStore.claimOutbox). */
const LEASE_MARGIN_MS = 10_000;

export interface OutboxDispatcherOptions {
  batchSize?: number;
  /**
   * Who this dispatcher claims items as (OutboxStore.claimOutbox): the instance's id, so instances sharing one
   * database never send the same item (default: a random id per dispatcher).
   */
  owner?: string;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Longest the lane waits for one send (real time, not the desk's clock). A send that has not settled by then counts
   * as a failed attempt that may have landed: it is retried, with `retry` set so the adapter looks for a copy, after
   * at least this long again (time for the abandoned call to land or fail first), and the lane moves on.
   */
  sendDeadlineMs?: number;
}

export interface FlushReport {
  sent: number;
  retried: number;
  dead: number;
}

/** What one platform's lane is doing now (for /healthz). */
export interface LaneStatus {
  /** A round of sends is under way. */
  running: boolean;
  /** Items the lane claimed and has not recorded an outcome for yet (being sent, or next in its batch). */
  inFlight: number;
}

/** One platform's lane: its flushes coalesce (one round at a time, plus at most one more). */
interface Lane {
  platform: Platform;
  runner: CoalescingRunner<FlushReport>;
  inFlight: number;
}

/** A send that did not settle within the dispatcher's deadline; like a lost response, it may have landed. */
class SendDeadlineError extends DeliveryError {
  constructor(ms: number) {
    super(`no answer from the platform within ${ms} ms`);
  }
}

const noReport = (): FlushReport => ({ sent: 0, retried: 0, dead: 0 });
const add = (total: FlushReport, r: FlushReport): FlushReport => {
  total.sent += r.sent;
  total.retried += r.retried;
  total.dead += r.dead;
  return total;
};

/**
 * Sends queued messages through the platforms, one lane per platform: each lane reads only its platform's due items
 * and sends them oldest first, independently of the other lanes, so a platform that hangs or fails holds up its own
 * messages only. Within a lane the order of a conversation is kept: when one message of a conversation fails, later
 * ones of the same conversation wait for the next round. Rate limits use the platform's retry-after; other failures
 * back off exponentially. Only permanent errors stop retries. A send that does not settle within the send deadline
 * is given up as a failure that may have landed. Each batch is claimed (leased to this dispatcher and marked
 * attempted) before it is sent, so dispatchers of several instances on one database never send one item twice, and
 * every send names its item (DeliveryAttempt), so an adapter can find a copy that an earlier, unrecorded attempt
 * posted instead of posting it twice.
 */
export function createOutboxDispatcher(deps: {
  store: OutboxStore;
  platforms: ReadonlyMap<Platform, ChatPlatform>;
  clock: Clock;
  log?: Logger;
  options?: OutboxDispatcherOptions;
}) {
  const log = deps.log ?? silentLogger;
  const batchSize = deps.options?.batchSize ?? 50;
  const base = deps.options?.baseBackoffMs ?? 1_000;
  const max = deps.options?.maxBackoffMs ?? 10 * 60_000;
  const deadlineMs = deps.options?.sendDeadlineMs ?? DEFAULT_SEND_DEADLINE_MS;
  const owner = deps.options?.owner ?? `outbox-${Math.random().toString(36).slice(2, 10)}`;
  // Every send starts with at least one deadline (and a margin) of its lease left; a batch that runs longer is
  // claimed again (the owner's own items, so the lease is renewed) before the next send.
  const leaseMs = 2 * deadlineMs + LEASE_MARGIN_MS;
  const lanes = new Map<Platform, Lane>();
  let timer: ReturnType<typeof setInterval> | null = null;

  const laneOf = (platform: Platform): Lane => {
    let lane = lanes.get(platform);
    if (!lane) {
      const created: Lane = {
        platform,
        inFlight: 0,
        runner: createCoalescingRunner({
          round: () =>
            flushLaneOnce(created).finally(() => {
              created.inFlight = 0;
            }),
          combine: add,
          onError: (err) => log.error({ err: String(err), platform }, 'outbox flush failed'),
        }),
      };
      lane = created;
      lanes.set(platform, lane);
    }
    return lane;
  };
  /** Every known channel has a lane (items of one that is not running wait there), and so has any running adapter. */
  const lanePlatforms = (): Platform[] => [...new Set<Platform>([...PLATFORMS, ...deps.platforms.keys()])];

  /** The platform's send, or a SendDeadlineError once the deadline passes; a late outcome is only logged. */
  async function sendWithin(platform: ChatPlatform, item: OutboxItem): Promise<SentMessage> {
    const attempt = {
      token: outboxToken(item.dedupeKey),
      since: item.createdAt - COPY_CLOCK_MARGIN_MS,
      retry: item.attemptedAt !== null,
    };
    const work = platform.send(item.conversation, item.message, attempt);
    const settled = await withinDeadline(work, deadlineMs);
    if (settled.kind === 'done') return settled.value;
    if (settled.kind === 'failed') throw settled.error;
    work.then(
      () =>
        log.warn(
          { outboxId: item.id, platform: item.platform },
          'a send given up at its deadline landed later; its retry looks for that copy',
        ),
      () => undefined,
    );
    throw new SendDeadlineError(deadlineMs);
  }

  async function deliver(platform: ChatPlatform, item: OutboxItem, report: FlushReport): Promise<boolean> {
    const now = deps.clock.now();
    try {
      const sent = await sendWithin(platform, item);
      await deps.store.markOutboxSent(item.id, deps.clock.now(), sent);
      report.sent++;
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof DeliveryError && err.permanent) {
        await deps.store.markOutboxDead(item.id, now, message);
        log.error(
          { outboxId: item.id, platform: item.platform, err: message },
          'outbound message rejected permanently',
        );
        report.dead++;
        return false;
      }
      // A rate limit (retry-after) means the platform refused the post: nothing landed, so the attempt mark goes back
      // to what it was and the next send does not look for a copy. Any other failure may have landed.
      const refused = err instanceof DeliveryError && err.retryAfterMs !== undefined;
      const backoff = Math.min(max, base * 2 ** item.attempts);
      const delay = refused
        ? (err.retryAfterMs as number)
        : err instanceof SendDeadlineError
          ? Math.max(backoff, deadlineMs)
          : backoff;
      await deps.store.markOutboxRetry(
        item.id,
        now + delay,
        message,
        refused ? { attemptedAt: item.attemptedAt } : undefined,
      );
      log.warn(
        { outboxId: item.id, platform: item.platform, attempts: item.attempts + 1, retryInMs: delay, err: message },
        'outbound message will be retried',
      );
      report.retried++;
      return false;
    }
  }

  async function flushLaneOnce(lane: Lane): Promise<FlushReport> {
    const report = noReport();
    // Items of a platform that does not run here wait (never dropped) for an instance that runs it, or for this one.
    const platform = deps.platforms.get(lane.platform);
    if (!platform) return report;
    for (;;) {
      // The claim marks the items attempted before the platform is called: if the process dies after a post lands
      // but before it is marked sent, the next attempt knows to look for that post first (DeliveryAttempt.retry).
      // It holds one item per conversation, so conversations keep their order whichever instance sends them.
      const claimedAt = deps.clock.now();
      const items = await deps.store.claimOutbox(claimedAt, batchSize, { platform: lane.platform, owner, leaseMs });
      if (!items.length) return report;
      lane.inFlight = items.length;
      let progressed = false;
      for (const item of items) {
        if (deps.clock.now() - claimedAt > leaseMs - deadlineMs - LEASE_MARGIN_MS) break; // claim again first
        if (await deliver(platform, item, report)) progressed = true;
        lane.inFlight = Math.max(0, lane.inFlight - 1);
      }
      if (!progressed) return report;
    }
  }

  /**
   * Send everything due now, every lane at once (or only `platform`'s); resolves when each lane has sent what is due
   * (or given up on it for this round). A lane already running coalesces the call into its next round.
   */
  async function flush(platform?: Platform): Promise<FlushReport> {
    const reports = await Promise.all((platform ? [platform] : lanePlatforms()).map((p) => laneOf(p).runner.run()));
    return reports.reduce(add, noReport());
  }

  return {
    flush,
    /** Ask for a flush soon without waiting for it (after an event queued messages: OutboxStore.onOutboxQueued). */
    kick(): void {
      for (const p of lanePlatforms()) laneOf(p).runner.kick();
    },
    /** Each lane's state, for every platform that has one. */
    lanes(): Partial<Record<Platform, LaneStatus>> {
      return Object.fromEntries(
        [...lanes.values()].map((l) => [l.platform, { running: l.runner.running, inFlight: l.inFlight }]),
      );
    },
    start(intervalMs = 2_000): void {
      timer ??= setInterval(() => this.kick(), intervalMs);
      timer.unref?.();
    },
    /** Stop the interval and wait for every lane's work in flight (each send is bounded by the send deadline). */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await Promise.all([...lanes.values()].map((l) => l.runner.idle()));
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;
