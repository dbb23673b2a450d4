import type { Logger } from '../core/ports/logger.js';
import type { LeaderLock } from '../data/postgres-advisory-lock.js';

export interface Leadership {
  /** Whether this instance leads (runs the work) now. */
  leading(): boolean;
  /** Stop trying; stop the work and release the lock if leading. */
  stop(): Promise<void>;
}

/**
 * Run `lead` on exactly one instance of those sharing `lock`: the first attempt is awaited (so on SQLite, whose lock
 * is always free, the work has started when this resolves, and a start-up error fails the start as before); after
 * that an instance that does not lead tries again every `retryMs`, and one that leads checks every `retryMs` that it
 * still holds the lock. A leader that loses it (its database connection died, so another instance may lead already)
 * stops the work at once. `lead` returns how to stop what it started.
 */
export async function startLeadership(options: {
  name: string;
  lock: LeaderLock;
  retryMs: number;
  log: Logger;
  lead: () => Promise<() => Promise<void>>;
}): Promise<Leadership> {
  const { name, lock, log } = options;
  let stopWork: (() => Promise<void>) | null = null;
  let stopped = false;

  const attempt = async (first: boolean) => {
    if (stopWork) {
      if (await lock.stillHeld()) return;
      log.warn({ role: name }, `lost the ${name} lock (database connection gone): stopping ${name} here`);
      const stop = stopWork;
      stopWork = null;
      await stop().catch((err: unknown) => log.warn({ err: String(err) }, `${name} stop failed`));
      return;
    }
    if (!(await lock.tryAcquire())) return;
    if (stopped) return void (await lock.release());
    try {
      stopWork = await options.lead();
      log.info({ role: name }, `this instance leads ${name}`);
    } catch (err) {
      await lock.release();
      if (first) throw err;
      log.error({ err: String(err), role: name }, `${name} did not start; trying again later`);
    }
  };

  await attempt(true);
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? undefined : attempt(false))).catch(() => undefined);
  }, options.retryMs);
  timer.unref?.();

  return {
    leading: () => stopWork !== null,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      const stop = stopWork;
      stopWork = null;
      await stop?.();
      await lock.release();
    },
  };
}
