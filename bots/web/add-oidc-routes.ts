import { clientAddress } from './client-address.js';
import type { OidcRefusal, OidcSignIn } from './create-oidc-sign-in.js';
import type { DashboardAuth } from './dashboard-auth.js';
import { isHttps, readCookie } from './dashboard-auth.js';
import { esc } from './html.js';
import { clearOidcStateCookie, OIDC_STATE_COOKIE, oidcStateCookie } from './oidc-state-cookie.js';
import type { LoginPageOptions } from './render-login.js';
import { html, query, send } from './web-responses.js';
import type { RouteTarget } from './web-responses.js';

export interface OidcRouteDeps {
  auth: DashboardAuth;
  oidc: OidcSignIn;
  deskName: string;
  renderLogin: (o: Omit<LoginPageOptions, 'token' | 'link'>) => string;
  trustedProxies: number;
}

const AGAIN = 'Sign in again.';
const REFUSED: Record<OidcRefusal, { status: number; text: (r: { email?: string; error?: string }) => string }> = {
  'no-flow': {
    status: 400,
    text: () => `This sign-in was not started in this browser, or took more than 10 minutes. ${AGAIN}`,
  },
  forged: { status: 400, text: () => `This sign-in's state was altered on the way. ${AGAIN}` },
  expired: { status: 400, text: () => `This sign-in took more than 10 minutes. ${AGAIN}` },
  'state-mismatch': {
    status: 400,
    text: () => `The identity provider's answer does not belong to this sign-in. ${AGAIN}`,
  },
  'idp-error': {
    status: 403,
    text: (r) => `The identity provider did not sign you in (${r.error ?? 'no reason given'}).`,
  },
  'exchange-failed': {
    status: 502,
    text: () => `The identity provider's answer could not be verified (a sign-in is used once). ${AGAIN}`,
  },
  unavailable: {
    status: 503,
    text: () => 'The identity provider cannot be reached right now: try again in a minute.',
  },
  'no-email': {
    status: 403,
    text: () => 'The identity provider gave no email address, which the desk needs to know who you are.',
  },
  'email-unverified': {
    status: 403,
    text: (r) => `The identity provider has not verified your address ${r.email ?? ''}, so the desk cannot rely on it.`,
  },
  'not-staff': {
    status: 403,
    text: (r) =>
      `${r.email ?? 'That address'} is not the email address of a staff member of this desk. Ask a support manager to add it to the staff list.`,
  },
};

/**
 * OpenID Connect sign-in: GET /login/oidc starts a flow (302 to the identity provider, the sealed state in a cookie);
 * GET /login/oidc/callback finishes it and starts the staff member's session.
 */
export function addOidcRoutes(http: RouteTarget, deps: OidcRouteDeps): void {
  const { auth, oidc } = deps;
  // Secure when the desk's public address is HTTPS, even if a proxy does not say so.
  const secure = (req: Parameters<typeof isHttps>[0]) => oidc.https || isHttps(req);
  const page = (error: string) => deps.renderLogin({ deskName: deps.deskName, configured: true, error });

  http.add({
    method: 'GET',
    path: '/login/oidc',
    handler: async (req, res) => {
      const r = await oidc.start();
      if (r.kind === 'unavailable') return html(res, 503, page(REFUSED.unavailable.text({})), { 'retry-after': '30' });
      send(res, 302, 'text/plain; charset=utf-8', 'Signing in with the identity provider', {
        location: r.location,
        'set-cookie': oidcStateCookie(r.sealed, secure(req)),
      });
    },
  });

  http.add({
    method: 'GET',
    path: '/login/oidc/callback',
    handler: async (req, res) => {
      const ip = clientAddress(req, deps.trustedProxies);
      const r = await oidc.callback(query(req), readCookie(req, OIDC_STATE_COOKIE), { ip });
      // The flow is spent whatever the outcome; the callback's address (code, state) is not passed on as a Referer.
      const cookies = [clearOidcStateCookie(secure(req))];
      const headers = { 'referrer-policy': 'no-referrer' };
      if (r.kind === 'refused') {
        res.setHeader('set-cookie', cookies);
        const refusal = REFUSED[r.reason];
        return html(res, refusal.status, page(refusal.text(r)), headers);
      }
      const { setCookie } = await auth.startStaffSession(req, r.staff.id, 'oidc');
      res.setHeader('set-cookie', [...cookies, setCookie]);
      // A page, not a 303: this request is the end of a navigation that began at the provider (cross-site), so the
      // browser would leave the new SameSite=Strict session cookie off a redirect that follows it. The page's own
      // navigation to /desk is same-site and carries it.
      html(
        res,
        200,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/desk"><title>${esc(deps.deskName)} · signed in</title></head><body style="font-family:system-ui,sans-serif;max-width:360px;margin:10vh auto"><h1>${esc(deps.deskName)}</h1><p id="signed-in">Signed in as ${esc(r.staff.name)}. <a href="/desk">Continue to the desk</a>.</p></body></html>`,
        headers,
      );
    },
  });
}
