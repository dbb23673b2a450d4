import cron from 'node-cron';
import { SupportError } from '../core/errors.js';
import type { Logger } from '../core/ports/logger.js';
import type { SlaService } from '../core/sla/create-sla-service.js';
import type { SupportConfig } from '../core/config/support-config.js';

/** The SLA scheduler's settings (`sla.digest.cron`) cannot run. */
export class SchedulerConfigError extends SupportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('scheduler.invalid', message, options);
    this.name = 'SchedulerConfigError';
  }
}

/**
 * The SLA clocks' wall-clock drivers: the sweep on an interval (SLA_SWEEP_INTERVAL_MS; timers are database rows,
 * so the interval only decides how soon a due row is noticed) and the calendar jobs on node-cron (the at-risk
 * digest, `sla.digest.cron` in `sla.digest.timezone`). Nothing is kept in memory: a restart just carries on.
 */
export function startSlaScheduler(deps: { sla: SlaService; config: SupportConfig; intervalMs: number; log: Logger }) {
  const { sla, config, log } = deps;
  const digest = config.sla.digest;
  if (digest.enabled && !cron.validate(digest.cron)) {
    const detail = cron
      .validateDetailed(digest.cron)
      .errors.map((e) => `${e.field}: ${e.message}`)
      .join('; ');
    throw new SchedulerConfigError(
      `sla.digest.cron: "${digest.cron}" is not a cron expression (${detail || 'e.g. "0 9 * * 1-5"'})`,
    );
  }
  const timer = setInterval(() => sla.kick(), deps.intervalMs);
  timer.unref?.();
  sla.kick();
  const task = digest.enabled
    ? cron.schedule(
        digest.cron,
        async (ctx) => {
          // The slot (the scheduled minute) is the digest's dedupe key: two processes or a retried tick post once.
          const slot = new Date(Math.floor(ctx.date.getTime() / 60_000) * 60_000).toISOString();
          try {
            const r = await sla.digest(slot);
            log.info({ slot, queued: r.queued }, 'sla digest');
          } catch (err) {
            log.error({ err: String(err), slot }, 'sla digest failed');
          }
        },
        { timezone: digest.timezone, name: 'sla-digest', noOverlap: true },
      )
    : null;
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await task?.destroy();
      await sla.idle();
    },
  };
}
