import type { Logger } from '../../core/index.js';
import { addressKey, clientAddress } from './client-address.js';
import type { DashboardAuth } from './dashboard-auth.js';
import { esc } from './html.js';
import { createLoginThrottle } from './login-throttle.js';
import type { LoginThrottle } from './login-throttle.js';
import type { LoginPageOptions } from './render-login.js';
import type { RedeemResult, StaffSignIn } from './staff-sign-in.js';
import { crossSite, html, readBody, redirect } from './web-responses.js';
import type { RouteTarget } from './web-responses.js';

export interface SignInRouteDeps {
  auth: DashboardAuth;
  signIn: StaffSignIn;
  deskName: string;
  log: Logger;
  renderLogin: (o: Omit<LoginPageOptions, 'token' | 'link'>) => string;
  trustedProxies: number;
  now: () => number;
  /** Link requests per client address: 10 within 15 minutes, 200 a minute in all. */
  throttle?: LoginThrottle;
}

const MAX_FORM = 16 * 1024;
const SENT =
  'If that is a staff member of this desk, a sign-in link is on its way to them as a direct message (Slack, Discord or email). It works once, for 10 minutes.';
const REFUSED: Record<Exclude<RedeemResult['kind'], 'ok'>, string> = {
  expired: 'This sign-in link has expired (links work for 10 minutes): ask for a new one.',
  used: 'This sign-in link was used already (each link works once): ask for a new one.',
  unknown: 'This sign-in link is not valid: ask for a new one.',
  'not-staff': 'This sign-in link belongs to someone who is no longer on the staff list.',
};

/**
 * Staff sign-in by one-time link: ask (POST /login/link), open the link (GET /login/link/<token> shows a button, so
 * a mail scanner's GET does not spend it), confirm (POST /login/link/redeem), and be signed in as yourself.
 */
export function addSignInRoutes(http: RouteTarget, deps: SignInRouteDeps): void {
  const { auth, signIn, log } = deps;
  const throttle =
    deps.throttle ??
    createLoginThrottle({
      perAddress: { failures: 10, windowMs: 15 * 60_000 },
      global: { failures: 200, windowMs: 60_000 },
      maxAddresses: 10_000,
    });
  const page = (o: Omit<LoginPageOptions, 'token' | 'link' | 'deskName' | 'configured'>) =>
    deps.renderLogin({ deskName: deps.deskName, configured: true, ...o });

  http.add({
    method: 'POST',
    path: '/login/link',
    maxBodyBytes: MAX_FORM,
    handler: async (req, res) => {
      if (crossSite(req))
        return html(res, 403, page({ error: 'Ask for a link from this page, not from another site.' }));
      const ip = clientAddress(req, deps.trustedProxies);
      const key = addressKey(ip);
      const now = deps.now();
      const verdict = throttle.check(key, now);
      if (verdict.kind === 'throttled')
        return html(
          res,
          429,
          page({ error: 'Too many sign-in link requests from here: try again in a few minutes.' }),
          {
            'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)),
          },
        );
      throttle.fail(key, now);
      const who = new URLSearchParams(await readBody(req, MAX_FORM)).get('who') ?? '';
      const ua = req.headers['user-agent'] ?? null;
      const r = await signIn.request(who.slice(0, 200), { ip, userAgent: ua });
      if (r.kind !== 'sent')
        log.warn({ ip, outcome: r.kind, staff: 'staffId' in r ? r.staffId : null }, 'sign-in link not sent');
      // The same answer whoever was named, so the form does not tell who is staff.
      html(res, 200, page({ notice: SENT }));
    },
  });

  http.add({
    method: 'GET',
    path: '/login/link/*',
    handler: (req, res) => {
      const token = (req.url ?? '').split('?')[0]?.slice('/login/link/'.length) ?? '';
      html(
        res,
        200,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(deps.deskName)} · sign in</title></head><body style="font-family:system-ui,sans-serif;max-width:360px;margin:10vh auto"><h1>${esc(deps.deskName)}</h1><form method="post" action="/login/link/redeem" id="redeem-form"><input type="hidden" name="token" value="${esc(token.slice(0, 100))}"><button type="submit" style="padding:8px 16px">Sign in</button></form><p style="color:#7a849e;font-size:12px">This link works once, for 10 minutes after it was sent.</p></body></html>`,
        { 'referrer-policy': 'no-referrer' },
      );
    },
  });

  http.add({
    method: 'POST',
    path: '/login/link/redeem',
    maxBodyBytes: MAX_FORM,
    handler: async (req, res) => {
      if (crossSite(req)) return html(res, 403, page({ error: 'Sign in from the link, not from another site.' }));
      const token = new URLSearchParams(await readBody(req, MAX_FORM)).get('token') ?? '';
      const ip = clientAddress(req, deps.trustedProxies);
      const r = await signIn.redeem(token, { ip });
      if (r.kind !== 'ok') {
        log.warn({ ip, outcome: r.kind }, 'sign-in link refused');
        return html(res, r.kind === 'unknown' ? 400 : 410, page({ error: REFUSED[r.kind] }));
      }
      const { setCookie } = await auth.startStaffSession(req, r.staff.id, 'link');
      redirect(res, '/desk', { 'set-cookie': setCookie, 'referrer-policy': 'no-referrer' });
    },
  });
}
