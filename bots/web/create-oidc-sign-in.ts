import { createHash, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { Logger, StaffConfig, SupportStore } from '../../core/index.js';
import { OIDC_STATE_TTL_MS, oidcStateKey, openOidcState, sealOidcState } from './oidc-state-cookie.js';

/** Requests to the identity provider (discovery, token, keys, userinfo) are abandoned after this many seconds. */
const IDP_TIMEOUT_S = 10;
const SCOPE = 'openid email profile';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface OidcSignInDeps {
  /** OIDC_ISSUER: the identity provider's issuer, exactly as its discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in button's text (OIDC_LABEL). */
  label: string;
  /** The desk's address as staff reach it (PUBLIC_URL): the redirect URI is `${publicUrl}/login/oidc/callback`. */
  publicUrl: string;
  /** The sign-in's audit row. */
  store: Pick<SupportStore, 'commit'>;
  staff: () => readonly StaffConfig[];
  now: () => number;
  log: Logger;
}

export type OidcStartResult =
  /** Send the browser to `location` with the sealed flow in the state cookie. */
  | { kind: 'redirect'; location: string; sealed: string }
  /** Discovery failed (the provider is down or misconfigured); the next request tries again. */
  | { kind: 'unavailable' };

export type OidcRefusal =
  /** No state cookie: the flow expired in the browser, or was started in another browser. */
  | 'no-flow'
  | 'forged'
  | 'expired'
  /** The `state` the provider sent back is not this browser's. */
  | 'state-mismatch'
  /** The provider answered with an error (the person cancelled, or was not allowed). */
  | 'idp-error'
  /** The code exchange or the ID token failed (a code used twice, a bad signature, a wrong nonce…). */
  | 'exchange-failed'
  | 'unavailable'
  | 'no-email'
  | 'email-unverified'
  /** A verified address that is no staff member's `email`. */
  | 'not-staff';

export type OidcCallbackResult =
  | { kind: 'ok'; staff: StaffConfig; email: string }
  | { kind: 'refused'; reason: OidcRefusal; email?: string; error?: string };

const sha256 = (s: string) => createHash('sha256').update(s).digest();
const same = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));

/**
 * Only `true` counts (or the string "true", which some providers send). A provider that leaves `email_verified` out
 * is refused: OpenID Connect makes no promise about such an address, and trusting it would let anyone who can set
 * their email at the provider to a staff member's address sign in as them.
 */
const verified = (v: unknown) => v === true || v === 'true';

/**
 * OpenID Connect sign-in for staff: the authorization-code flow with PKCE (S256), `state` and `nonce`, the three kept
 * in a sealed cookie; the ID token validated by openid-client; the provider's verified email mapped (any case) to
 * `staff[].email`. Discovery happens on first use and again after a failure, so a provider that is down at start-up
 * does not stop the desk.
 */
export function createOidcSignIn(deps: OidcSignInDeps) {
  const { log } = deps;
  const redirectUri = `${deps.publicUrl.replace(/\/+$/, '')}/login/oidc/callback`;
  const key = oidcStateKey(deps.clientSecret);
  const issuerUrl = new URL(deps.issuer);
  // openid-client refuses plain HTTP; a provider on this machine (a test provider) is the one exception.
  const insecure = issuerUrl.protocol === 'http:' && LOOPBACK.has(issuerUrl.hostname);

  const discover = async (): Promise<oidc.Configuration> => {
    const found = await oidc.discovery(issuerUrl, deps.clientId, deps.clientSecret, undefined, {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: IDP_TIMEOUT_S,
    });
    const metadata = found.serverMetadata();
    // Client authentication as the provider says: client_secret_basic is OpenID Connect's default when unlisted.
    const methods = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    const basic = methods.includes('client_secret_basic') || !methods.includes('client_secret_post');
    if (!methods.includes(basic ? 'client_secret_basic' : 'client_secret_post'))
      log.warn({ methods }, 'the identity provider lists neither client_secret_basic nor client_secret_post');
    let config = found;
    if (basic) {
      config = new oidc.Configuration(
        { ...metadata },
        deps.clientId,
        deps.clientSecret,
        oidc.ClientSecretBasic(deps.clientSecret),
      );
      config.timeout = IDP_TIMEOUT_S;
      if (insecure) oidc.allowInsecureRequests(config);
    }
    // The ID token's signature is checked against the provider's keys (JWKS) too, not only its claims: openid-client
    // would otherwise trust the TLS connection to the token endpoint for it, as OpenID Connect allows.
    oidc.enableNonRepudiationChecks(config);
    return config;
  };
  let pending: Promise<oidc.Configuration> | null = null;
  const configuration = (): Promise<oidc.Configuration> => {
    if (!pending) {
      const attempt = discover();
      pending = attempt;
      attempt.then(
        () => log.info({ issuer: deps.issuer }, 'OpenID Connect provider discovered'),
        (err: unknown) => {
          if (pending === attempt) pending = null;
          log.warn(
            { issuer: deps.issuer, err: String(err) },
            'OpenID Connect discovery failed (tried again on the next sign-in)',
          );
        },
      );
    }
    return pending;
  };

  return {
    label: deps.label,
    redirectUri,
    /** PUBLIC_URL is https: cookies are Secure. */
    https: redirectUri.startsWith('https:'),

    /** A new flow: where to send the browser, and the sealed state for its cookie. */
    async start(): Promise<OidcStartResult> {
      let config: oidc.Configuration;
      try {
        config = await configuration();
      } catch {
        return { kind: 'unavailable' };
      }
      const flow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        expiresAt: deps.now() + OIDC_STATE_TTL_MS,
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      return { kind: 'redirect', location: url.href, sealed: sealOidcState(flow, key) };
    },

    /**
     * The provider sent the browser back: check the flow, exchange the code, validate the ID token, find the staff
     * member by verified email, and audit the sign-in. The caller starts the session.
     */
    async callback(
      params: URLSearchParams,
      sealed: string | null,
      from: { ip: string | null },
    ): Promise<OidcCallbackResult> {
      const refuse = (reason: OidcRefusal, more: { email?: string; error?: string; err?: unknown } = {}) => {
        const { err, ...shown } = more;
        log.warn(
          { ip: from.ip, reason, ...shown, ...(err === undefined ? {} : { err: String(err) }) },
          'OpenID Connect sign-in refused',
        );
        return { kind: 'refused' as const, reason, ...shown };
      };
      if (sealed === null) return refuse('no-flow');
      const opened = openOidcState(sealed, key, deps.now());
      if (opened.kind !== 'ok') return refuse(opened.kind);
      const { flow } = opened;
      if (!same(params.get('state') ?? '', flow.state)) return refuse('state-mismatch');
      const error = params.get('error');
      if (error !== null) return refuse('idp-error', { error: error.slice(0, 100) });
      let config: oidc.Configuration;
      try {
        config = await configuration();
      } catch {
        return refuse('unavailable');
      }
      // The redirect URI sent to the token endpoint is this URL without its query: PUBLIC_URL's, never the Host's.
      const current = new URL(redirectUri);
      current.search = params.toString();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        return refuse('exchange-failed', { err });
      }
      const claims = tokens.claims();
      if (!claims) return refuse('exchange-failed');
      let email: unknown = claims.email;
      let emailVerified: unknown = claims.email_verified;
      // Some providers put the address in the userinfo answer only.
      if (typeof email !== 'string' && tokens.access_token && config.serverMetadata().userinfo_endpoint) {
        try {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          email = info.email;
          emailVerified = info.email_verified;
        } catch (err) {
          return refuse('exchange-failed', { err });
        }
      }
      if (typeof email !== 'string' || email.trim() === '') return refuse('no-email');
      const address = email.trim().slice(0, 320);
      if (!verified(emailVerified)) return refuse('email-unverified', { email: address });
      const wanted = address.toLowerCase();
      const staff = deps.staff().find((s) => s.email !== undefined && s.email.toLowerCase() === wanted);
      if (!staff) return refuse('not-staff', { email: address });
      const now = deps.now();
      await deps.store.commit({
        at: now,
        audits: [
          {
            ticketId: null,
            actor: staff.id,
            action: 'staff.signed-in',
            detail: { method: 'oidc', ip: from.ip, issuer: deps.issuer, subject: claims.sub, email: address },
            at: now,
          },
        ],
      });
      log.info({ staff: staff.id, ip: from.ip }, 'staff signed in with OpenID Connect');
      return { kind: 'ok', staff, email: address };
    },
  };
}

export type OidcSignIn = ReturnType<typeof createOidcSignIn>;
