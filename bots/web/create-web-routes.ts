import { parseUsageCsv, parseUsageObjects, PeriodError } from '../../core/index.js';
import type { Analytics, DashboardSessionStore, Logger } from '../../core/index.js';
import { createDashboardAuth } from './dashboard-auth.js';
import type { DashboardAuth, Throttled } from './dashboard-auth.js';
import type { LoginThrottle } from './login-throttle.js';
import type { PrometheusMetrics } from './prometheus-metrics.js';
import { renderDashboard } from './render-dashboard.js';
import type { CallUsageView } from './render-dashboard.js';
import { renderLogin as renderLoginPage } from './render-login.js';
import type { LoginPageOptions } from './render-login.js';
import type { StaffSignIn } from './staff-sign-in.js';
import { addSignInRoutes } from './add-sign-in-routes.js';
import { addOidcRoutes } from './add-oidc-routes.js';
import type { OidcSignIn } from './create-oidc-sign-in.js';
import { crossSite, html, json, query, readBody, send } from './web-responses.js';
import type { Handler, RouteTarget } from './web-responses.js';

export type { RouteTarget } from './web-responses.js';

export interface WebDeps {
  analytics: Analytics;
  prometheus: PrometheusMetrics;
  deskName: string;
  /** DASHBOARD_TOKEN; undefined = the dashboard and API refuse every request. */
  token: string | undefined;
  log: Logger;
  /** The desk's clock: session expiry and the sign-in throttle run on it. */
  now: () => number;
  /** Server-side records of dashboard sign-ins. */
  sessions: DashboardSessionStore;
  /** Reverse proxies whose X-Forwarded-For is believed for the client address (TRUST_PROXY_HOPS); 0 = none. */
  trustedProxies?: number;
  throttle?: LoginThrottle;
  /** One-time sign-in links for staff (the web desk); absent = only the shared token signs in. */
  staffSignIn?: StaffSignIn;
  /** OpenID Connect sign-in for staff (OIDC_ISSUER…); absent = off. */
  oidc?: OidcSignIn;
  /** Whether a staff id is on the staff list now. */
  isStaff?: (staffId: string) => boolean;
  /**
   * Video calls this month per customer whose tier has calls (the dashboard's panel, `GET /api/calls`); absent = no
   * panel and no route.
   */
  callUsage?: () => Promise<readonly CallUsageView[]>;
}

const MAX_BODY = 2 * 1024 * 1024;
/** The login form is one short field. */
const MAX_LOGIN_BODY = 16 * 1024;

const retryAfter = (t: Throttled) => ({ 'retry-after': String(Math.ceil(t.retryAfterMs / 1000)) });
const waitText = (ms: number) =>
  ms < 60_000 ? `${Math.ceil(ms / 1000)} seconds` : `${Math.ceil(ms / 60_000)} minutes`;

/** Dashboard at `/`, login/logout, the JSON API and Prometheus `/metrics` on the desk's HTTP server. */
export function addWebRoutes(http: RouteTarget, deps: WebDeps): { auth: DashboardAuth } {
  const auth = createDashboardAuth({
    token: deps.token,
    sessions: deps.sessions,
    now: deps.now,
    log: deps.log,
    trustedProxies: deps.trustedProxies ?? 0,
    ...(deps.throttle ? { throttle: deps.throttle } : {}),
    staffSignIn: (deps.staffSignIn?.enabled() ?? false) || deps.oidc !== undefined,
    ...(deps.isStaff ? { isStaff: deps.isStaff } : {}),
  });
  const renderLogin = (o: Omit<LoginPageOptions, 'token' | 'link'>) =>
    renderLoginPage({
      ...o,
      token: auth.tokenConfigured,
      link: deps.staffSignIn?.enabled() ?? false,
      oidc: deps.oidc ? { label: deps.oidc.label } : undefined,
    });
  const counted = (via: 'login' | 'bearer', outcome: 'ok' | 'wrong' | 'throttled') =>
    deps.prometheus.signIns.inc({ via, outcome });
  const { analytics } = deps;

  /** API guard: 503 when no token is configured (never open), 401 without a valid token. */
  const api =
    (handler: Handler): Handler =>
    async (req, res) => {
      const a = await auth.check(req);
      if (a.kind === 'throttled') {
        counted('bearer', 'throttled');
        return send(
          res,
          429,
          'application/json; charset=utf-8',
          JSON.stringify({
            error: 'auth.throttled',
            message: `Too many wrong tokens: try again in ${waitText(a.retryAfterMs)}.`,
          }),
          retryAfter(a),
        );
      }
      if (a.kind === 'unauthorized' && a.wrongToken) counted('bearer', 'wrong');
      if (a.kind === 'not-configured')
        return json(res, 503, {
          error: 'dashboard.disabled',
          message: 'No DASHBOARD_TOKEN is configured: set it and restart to enable the dashboard and API.',
        });
      if (a.kind === 'unauthorized')
        return send(
          res,
          401,
          'application/json; charset=utf-8',
          JSON.stringify({ error: 'unauthorized', message: 'Send Authorization: Bearer <DASHBOARD_TOKEN>.' }),
          { 'www-authenticate': 'Bearer realm="support-desk"' },
        );
      try {
        await handler(req, res);
      } catch (err) {
        if (err instanceof PeriodError) return json(res, 400, { error: err.code, message: err.message });
        throw err;
      }
    };

  http.add({
    method: 'GET',
    path: '/',
    handler: async (req, res) => {
      const a = await auth.check(req);
      if (a.kind === 'not-configured')
        return html(res, 503, renderLogin({ deskName: deps.deskName, configured: false }));
      if (a.kind === 'throttled')
        return html(
          res,
          429,
          renderLogin({
            deskName: deps.deskName,
            configured: true,
            error: `Too many wrong tokens: try again in ${waitText(a.retryAfterMs)}.`,
          }),
          retryAfter(a),
        );
      if (a.kind === 'unauthorized')
        return send(res, 303, 'text/plain; charset=utf-8', 'See /login', { location: '/login' });
      const period = query(req).get('period') ?? '30d';
      let metrics;
      try {
        metrics = await analytics.metrics(period);
      } catch (err) {
        if (err instanceof PeriodError)
          return html(res, 400, renderLogin({ deskName: deps.deskName, configured: true, error: err.message }));
        throw err;
      }
      const [openTickets, health, improvement, counts, calls] = await Promise.all([
        analytics.openTickets(25),
        analytics.health(),
        analytics.improvement(period),
        analytics.ticketCountsByStatus(),
        deps.callUsage?.(),
      ]);
      deps.prometheus.dashboardViews.inc();
      const allTimeTickets = Object.values(counts).reduce((n, c) => n + c, 0);
      html(
        res,
        200,
        renderDashboard({
          deskName: deps.deskName,
          now: deps.now(),
          metrics,
          openTickets,
          onCall: analytics.onCall(),
          health,
          improvement,
          allTimeTickets,
          ...(calls ? { calls } : {}),
        }),
      );
    },
  });
  http.add({
    method: 'GET',
    path: '/login',
    handler: (_req, res) =>
      html(res, auth.configured ? 200 : 503, renderLogin({ deskName: deps.deskName, configured: auth.configured })),
  });
  http.add({
    method: 'POST',
    path: '/login',
    maxBodyBytes: MAX_LOGIN_BODY,
    handler: async (req, res) => {
      if (!auth.configured) return html(res, 503, renderLogin({ deskName: deps.deskName, configured: false }));
      if (crossSite(req))
        return html(
          res,
          403,
          renderLogin({
            deskName: deps.deskName,
            configured: true,
            error: 'Sign in from this page, not from another site.',
          }),
        );
      const form = new URLSearchParams(await readBody(req, MAX_LOGIN_BODY));
      const result = await auth.login(req, form.get('token') ?? '');
      if (result.kind === 'not-configured')
        return html(
          res,
          auth.configured ? 400 : 503,
          renderLogin({
            deskName: deps.deskName,
            configured: auth.configured,
            error: 'The shared token is off on this desk: ask for a sign-in link instead.',
          }),
        );
      if (result.kind === 'throttled') {
        counted('login', 'throttled');
        return html(
          res,
          429,
          renderLogin({
            deskName: deps.deskName,
            configured: true,
            error: `Too many wrong tokens: try again in ${waitText(result.retryAfterMs)}.`,
          }),
          retryAfter(result),
        );
      }
      if (result.kind === 'refused') {
        counted('login', 'wrong');
        return html(
          res,
          401,
          renderLogin({ deskName: deps.deskName, configured: true, error: 'That token is not right.' }),
        );
      }
      counted('login', 'ok');
      send(res, 303, 'text/plain; charset=utf-8', 'Signed in', { location: '/', 'set-cookie': result.setCookie });
    },
  });
  http.add({
    method: 'POST',
    path: '/logout',
    handler: async (req, res) => {
      if (crossSite(req))
        return send(res, 403, 'text/plain; charset=utf-8', 'Sign out from the dashboard, not from another site.');
      send(res, 303, 'text/plain; charset=utf-8', 'Signed out', {
        location: '/login',
        'set-cookie': await auth.logout(req),
      });
    },
  });

  if (deps.staffSignIn)
    addSignInRoutes(http, {
      auth,
      signIn: deps.staffSignIn,
      deskName: deps.deskName,
      log: deps.log,
      renderLogin,
      trustedProxies: deps.trustedProxies ?? 0,
      now: deps.now,
    });
  if (deps.oidc)
    addOidcRoutes(http, {
      auth,
      oidc: deps.oidc,
      deskName: deps.deskName,
      renderLogin,
      trustedProxies: deps.trustedProxies ?? 0,
    });

  http.add({
    method: 'GET',
    path: '/api/metrics',
    handler: api(async (req, res) => json(res, 200, await analytics.metrics(query(req).get('period') ?? '30d'))),
  });
  http.add({
    method: 'GET',
    path: '/api/improvement',
    handler: api(async (req, res) => json(res, 200, await analytics.improvement(query(req).get('period') ?? '30d'))),
  });
  http.add({
    method: 'GET',
    path: '/api/tickets',
    handler: api(async (req, res) =>
      json(res, 200, {
        tickets: await analytics.openTickets(Math.min(500, Math.max(1, Number(query(req).get('limit') ?? 100) || 100))),
      }),
    ),
  });
  const { callUsage } = deps;
  if (callUsage)
    http.add({
      method: 'GET',
      path: '/api/calls',
      handler: api(async (_req, res) => json(res, 200, { calls: await callUsage() })),
    });
  http.add({
    method: 'GET',
    path: '/api/customers/*',
    handler: api(async (req, res) => {
      const m = /^\/api\/customers\/([^/]+)\/health$/.exec((req.url ?? '').split('?')[0] ?? '');
      if (!m) return json(res, 404, { error: 'not found', message: 'use /api/customers/<id>/health' });
      const h = await analytics.customerHealth(decodeURIComponent(m[1] as string));
      if (!h)
        return json(res, 404, {
          error: 'customer.unknown',
          message: `no customer "${decodeURIComponent(m[1] as string)}" in the configuration`,
        });
      json(res, 200, h);
    }),
  });
  http.add({
    method: 'POST',
    path: '/api/usage',
    maxBodyBytes: MAX_BODY,
    handler: api(async (req, res) => {
      const body = await readBody(req, MAX_BODY);
      const type = req.headers['content-type'] ?? '';
      let parsed;
      if (type.includes('text/csv')) parsed = parseUsageCsv(body);
      else {
        let data: unknown;
        try {
          data = JSON.parse(body);
        } catch {
          return json(res, 400, {
            error: 'usage.invalid',
            problems: ['the body is not JSON (send application/json with {"records": [...]}, or text/csv)'],
          });
        }
        const rows = Array.isArray(data) ? data : (data as { records?: unknown }).records;
        if (!Array.isArray(rows))
          return json(res, 400, {
            error: 'usage.invalid',
            problems: ['expected {"records": [...]} or an array of records'],
          });
        parsed = parseUsageObjects(rows);
      }
      if (parsed.problems.length) return json(res, 400, { error: 'usage.invalid', problems: parsed.problems });
      const result = await analytics.importUsage(parsed.records);
      deps.prometheus.usageRowsImported.inc(result.imported);
      json(res, 200, result);
    }),
  });
  http.add({
    method: 'GET',
    path: '/metrics',
    // Scrape with `authorization: { credentials: <DASHBOARD_TOKEN> }` (bearer) in the Prometheus job.
    handler: api(async (_req, res) =>
      send(res, 200, deps.prometheus.registry.contentType, await deps.prometheus.registry.metrics()),
    ),
  });
  return { auth };
}
