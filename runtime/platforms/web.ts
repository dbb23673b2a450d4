import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import { addDeskRoutes } from '../../bots/web/add-desk-routes.js';
import { addOnCallRoutes } from '../../bots/web/add-on-call-routes.js';
import { addWebRoutes } from '../../bots/web/create-web-routes.js';
import { createOidcSignIn } from '../../bots/web/create-oidc-sign-in.js';
import { createStaffSignIn } from '../../bots/web/staff-sign-in.js';
import { createTicketListFeed } from '../../bots/web/ticket-list-feed.js';
import { createPrometheusMetrics } from '../../bots/web/prometheus-metrics.js';
import { callUsageRows } from '../../core/calls/call-usage-rows.js';
import type { Logger } from '../../core/ports/logger.js';
import type { Desk } from '../create-desk.js';
import { oidcSettings } from '../env.js';
import type { Env, PlatformName } from '../env.js';
import type { HttpServer } from '../http-server.js';

/** Records of ended dashboard sessions are kept this long past their expiry, for the audit. */
const SESSION_RECORDS_KEPT_MS = 30 * 24 * 3_600_000;

/** The open-ticket list's first page, in a form that changes whenever the list does (the live list's signal). */
const LIVE_PAGE = 50;

/** The dashboard, the web desk, JSON API, /metrics and the scheduled weekly report and outreach checks. */
export function startWeb(ctx: {
  desk: Desk;
  http: HttpServer;
  env: Env;
  log: Logger;
  /** Platforms whose credentials are set: sign-in links go out through the first of a person's that is live. */
  live?: readonly PlatformName[];
}) {
  const { desk, env, log } = ctx;
  // All of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or none: a partial set stops start-up here.
  const oidc = oidcSettings(env);
  const live = new Set<string>(ctx.live ?? []);
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
  const webLog = log.child({ component: 'web' });
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const staffSignIn = createStaffSignIn({
    links: desk.stores.links,
    store: desk.store,
    staff: () => desk.directory.staff,
    canDeliver: (p) => live.has(p),
    publicUrl,
    deskName: desk.config.desk.name,
    now: () => desk.clock.now(),
    log: webLog,
  });
  // OpenID Connect: the provider is discovered at the first sign-in (and again after a failure), not here.
  const oidcSignIn = oidc
    ? createOidcSignIn({
        ...oidc,
        publicUrl,
        store: desk.store,
        staff: () => desk.directory.staff,
        now: () => desk.clock.now(),
        log: webLog,
      })
    : undefined;
  const { auth } = addWebRoutes(ctx.http, {
    analytics,
    prometheus,
    deskName: desk.config.desk.name,
    token: env.DASHBOARD_TOKEN,
    log: webLog,
    now: () => desk.clock.now(),
    sessions,
    trustedProxies: env.TRUST_PROXY_HOPS,
    staffSignIn,
    ...(oidcSignIn ? { oidc: oidcSignIn } : {}),
    isStaff: (id) => desk.directory.staffById(id) !== undefined,
    callUsage: () =>
      callUsageRows({
        customers: desk.directory.customers,
        tiers: desk.config.tiers,
        calls: desk.stores.calls,
        now: desk.clock.now(),
      }),
  });
  const feed = createTicketListFeed({
    intervalMs: env.WEB_LIVE_INTERVAL_MS,
    log: webLog,
    fingerprint: async () => {
      const page = await desk.stores.search.searchTickets({
        statuses: ['open', 'pending'],
        limit: LIVE_PAGE,
        now: desk.clock.now(),
      });
      return page.tickets.map((t) => `${t.id}:${t.status}:${t.priority}:${t.assigneeId}:${t.updatedAt}`).join('|');
    },
  });
  // A commit here that queued a message (a new ticket, a reply) is worth a look at once; other instances' changes
  // are seen at the next interval.
  const unwatch = desk.store.onOutboxQueued(() => feed.kick());
  addDeskRoutes(ctx.http, {
    deskName: desk.config.desk.name,
    auth,
    directory: desk.directory,
    tickets: desk.store,
    search: desk.stores.search,
    sla: desk.slaStore,
    acknowledge: (runId, actor) => desk.sla.acknowledge(runId, actor),
    customerHealth: (id) => desk.analytics.customerHealth(id),
    bookings: (ticketId) => desk.stores.calls.bookingsOfTicket(ticketId),
    actions: desk.actions,
    staffReplies: desk.staffReplies,
    feed,
    now: () => desk.clock.now(),
    log: webLog,
  });
  addOnCallRoutes(ctx.http, {
    deskName: desk.config.desk.name,
    auth,
    directory: desk.directory,
    oncall: desk.sla.oncall,
    now: () => desk.clock.now(),
    log: webLog,
  });
  if (staffSignIn.enabled()) log.info({ publicUrl: env.PUBLIC_URL ?? null }, 'staff sign in with one-time links');
  if (oidcSignIn)
    log.info({ issuer: oidc?.issuer, redirectUri: oidcSignIn.redirectUri }, 'staff sign in with OpenID Connect');
  if (!env.DASHBOARD_TOKEN)
    log.warn(
      {},
      staffSignIn.enabled() || oidcSignIn
        ? 'the JSON API and /metrics are disabled: set DASHBOARD_TOKEN to enable them'
        : 'dashboard and API are disabled: set DASHBOARD_TOKEN to enable them (or give staff a Slack, Discord or email identity to sign in with a link)',
    );
  // Sessions granted under an earlier DASHBOARD_TOKEN end now (each request checks too); old records are purged.
  const tidySessions = async () => {
    try {
      const revoked = await auth.revokeStaleSessions();
      if (revoked) log.info({ revoked }, 'dashboard sessions of an earlier DASHBOARD_TOKEN revoked');
      await sessions.purgeExpired(desk.clock.now() - SESSION_RECORDS_KEPT_MS);
      await staffSignIn.purge();
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
      unwatch();
      feed.stop();
      await Promise.all(tasks.map((t) => t.stop()));
    },
  };
}
