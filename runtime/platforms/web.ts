import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import { addWebRoutes } from '../../bots/web/create-web-routes.js';
import { createPrometheusMetrics } from '../../bots/web/prometheus-metrics.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Desk } from '../create-desk.js';
import type { Env } from '../env.js';
import type { HttpServer } from '../http-server.js';

/** Records of ended dashboard sessions are kept this long past their expiry, for the audit. */
const SESSION_RECORDS_KEPT_MS = 30 * 24 * 3_600_000;

/** The dashboard, JSON API, /metrics and the scheduled weekly report and outreach checks. */
export function startWeb(ctx: { desk: Desk; http: HttpServer; env: Env; log: Logger }) {
  const { desk, env, log } = ctx;
  for (const [name, expr] of [
    ['REPORT_CRON', env.REPORT_CRON],
    ['OUTREACH_CRON', env.OUTREACH_CRON],
  ] as const) {
    if (!cron.validate(expr))
      throw Object.assign(
        new Error(`${name}="${expr}" is not a cron expression (e.g. "0 9 * * 1" for Mondays 09:00 UTC)`),
        { code: 'env.invalid' },
      );
  }
  const { analytics } = desk;
  const prometheus = createPrometheusMetrics(analytics);
  const sessions = desk.stores.sessions;
  const { auth } = addWebRoutes(ctx.http, {
    analytics,
    prometheus,
    deskName: desk.config.desk.name,
    token: env.DASHBOARD_TOKEN,
    log: log.child({ component: 'web' }),
    now: () => desk.clock.now(),
    sessions,
    trustedProxies: env.TRUST_PROXY_HOPS,
  });
  if (!env.DASHBOARD_TOKEN) log.warn({}, 'dashboard and API are disabled: set DASHBOARD_TOKEN to enable them');
  // Sessions granted under an earlier DASHBOARD_TOKEN end now (each request checks too); old records are purged.
  const tidySessions = async () => {
    try {
      const revoked = await auth.revokeStaleSessions();
      if (revoked) log.info({ revoked }, 'dashboard sessions of an earlier DASHBOARD_TOKEN revoked');
      await sessions.purgeExpired(desk.clock.now() - SESSION_RECORDS_KEPT_MS);
    } catch (err) {
      log.error({ err: String(err) }, 'dashboard session tidy-up failed');
    }
  };
  void tidySessions();
  const tidyTimer = setInterval(() => void tidySessions(), 3_600_000);
  tidyTimer.unref();

  const tasks: ScheduledTask[] = [
    cron.schedule(
      env.REPORT_CRON,
      async () => {
        try {
          const queued = await analytics.queueWeeklyReport();
          log.info(
            { queued },
            queued
              ? 'weekly report queued for the staff channel'
              : 'weekly report not queued (no slack.staffChannel, or already sent this week)',
          );
        } catch (err) {
          log.error({ err: String(err) }, 'weekly report failed');
        }
      },
      { timezone: 'UTC', name: 'weekly-report', noOverlap: true },
    ),
    cron.schedule(
      env.OUTREACH_CRON,
      async () => {
        try {
          const sent = await analytics.runOutreach();
          for (const s of sent) prometheus.outreachSent.inc({ trigger: s.trigger });
          if (sent.length)
            log.info({ sent: sent.map((s) => `${s.customerId}:${s.trigger}`) }, 'outreach notifications queued');
        } catch (err) {
          log.error({ err: String(err) }, 'outreach check failed');
        }
      },
      { timezone: 'UTC', name: 'outreach', noOverlap: true },
    ),
  ];
  return {
    analytics,
    async stop() {
      clearInterval(tidyTimer);
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
