import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DashboardSession, DashboardSessionStore, Logger } from '../../core/index.js';
import { addressKey, clientAddress } from './client-address.js';
import { createLoginThrottle } from './login-throttle.js';
import type { LoginThrottle } from './login-throttle.js';

export const SESSION_COOKIE = 'desk_dashboard';
/** A session ends 12 hours after sign-in, whatever its activity. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** lastSeenAt is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;
/** 32 random bytes, base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export type Throttled = { kind: 'throttled'; scope: 'address' | 'global'; retryAfterMs: number };
export type AuthResult =
  | { kind: 'ok'; via: 'bearer' }
  | { kind: 'ok'; via: 'session'; session: DashboardSession }
  | { kind: 'not-configured' }
  /** wrongToken: a bearer token was sent and was wrong (it counted against the address). */
  | { kind: 'unauthorized'; wrongToken: boolean }
  | Throttled;
export type LoginResult =
  | { kind: 'ok'; setCookie: string; session: DashboardSession }
  | { kind: 'not-configured' }
  | { kind: 'refused'; failures: number }
  | Throttled;

export interface DashboardAuthDeps {
  /** DASHBOARD_TOKEN; undefined or empty = nothing is readable. */
  token: string | undefined;
  sessions: DashboardSessionStore;
  now: () => number;
  log: Logger;
  throttle?: LoginThrottle;
  /** Reverse proxies in front of the desk whose X-Forwarded-For is believed (TRUST_PROXY_HOPS); 0 = none. */
  trustedProxies?: number;
  sessionTtlMs?: number;
  /** Staff sign in as themselves (a one-time link): then the pages are reachable without DASHBOARD_TOKEN. */
  staffSignIn?: boolean;
  /** Whether this id is on the staff list now: a person removed from the configuration is signed out at once. */
  isStaff?: (staffId: string) => boolean;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
/** Constant time, whatever the lengths (both sides are hashed to 32 bytes first). */
const same = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));
const hashId = (id: string) => sha256(id).toString('hex');

/**
 * A slow hash of the token, stored with each session so a changed token voids older sessions. scrypt, so a copy of
 * the database is no fast oracle for guessing the token.
 */
export function tokenFingerprint(token: string): string {
  return scryptSync(token, 'support-desk dashboard token fingerprint v1', 32).toString('base64url');
}

export function readCookie(req: Pick<IncomingMessage, 'headers'>, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** HTTPS as the client sees it: a TLS socket, or the first proxy's X-Forwarded-Proto. */
export function isHttps(req: Pick<IncomingMessage, 'headers' | 'socket'>): boolean {
  const proto = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim()
    .toLowerCase();
  return proto === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
}

const cookie = (value: string, maxAgeS: number, secure: boolean) =>
  `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;

/**
 * Access to the dashboard and API: `Authorization: Bearer <DASHBOARD_TOKEN>`, or the HttpOnly cookie the login form
 * sets. The cookie is a random session id; the server keeps only its SHA-256, with an absolute expiry, and signing
 * out revokes it. Wrong tokens (form or bearer) are throttled per client address and in all; a throttled attempt is
 * answered without comparing the token.
 */
export function createDashboardAuth(deps: DashboardAuthDeps) {
  const token = deps.token ?? '';
  const tokenConfigured = token.length > 0;
  const configured = tokenConfigured || deps.staffSignIn === true;
  const fingerprint = tokenConfigured ? tokenFingerprint(token) : '';
  const throttle = deps.throttle ?? createLoginThrottle();
  const ttlMs = deps.sessionTtlMs ?? SESSION_TTL_MS;
  const { sessions, log } = deps;
  const addressOf = (req: IncomingMessage) => clientAddress(req, deps.trustedProxies ?? 0);

  /** Throttle, compare, count: synchronous, so concurrent attempts cannot slip past the count. */
  const verify = (
    req: IncomingMessage,
    candidate: string,
    via: 'login' | 'bearer',
  ): { kind: 'ok' } | { kind: 'refused'; failures: number } | Throttled => {
    const ip = addressOf(req);
    const key = addressKey(ip);
    const now = deps.now();
    const verdict = throttle.check(key, now);
    if (verdict.kind === 'throttled') {
      log.debug(
        { ip, via, scope: verdict.scope, retryAfterS: Math.ceil(verdict.retryAfterMs / 1000) },
        'dashboard sign-in throttled',
      );
      return verdict;
    }
    if (same(candidate, token)) {
      if (via === 'login') throttle.succeed(key);
      return { kind: 'ok' };
    }
    const { failures, next } = throttle.fail(key, now);
    log.warn({ ip, via, failures }, 'dashboard sign-in refused: wrong token');
    if (next.kind === 'throttled')
      log.warn(
        { ip, scope: next.scope, retryAfterS: Math.ceil(next.retryAfterMs / 1000) },
        `dashboard sign-ins throttled (${next.scope === 'address' ? 'too many wrong tokens from this address' : 'too many wrong tokens in all'})`,
      );
    return { kind: 'refused', failures };
  };

  /** A token session granted under the current token, or a staff member's session while they are on the staff list. */
  const valid = (session: DashboardSession) =>
    session.method === 'token'
      ? tokenConfigured && session.credentialFingerprint === fingerprint
      : session.staffId !== null && deps.staffSignIn === true && (deps.isStaff?.(session.staffId) ?? false);

  /** The live session the request's cookie names, if it is still valid. */
  const sessionOf = async (req: IncomingMessage, now: number): Promise<DashboardSession | null> => {
    const id = readCookie(req, SESSION_COOKIE);
    if (id === null || !SESSION_ID.test(id)) return null;
    const session = await sessions.find(hashId(id), now);
    return session && valid(session) ? session : null;
  };

  /** A new session (replacing the request's current one) and the Set-Cookie that carries it. */
  const startSession = async (
    req: IncomingMessage,
    how: { method: DashboardSession['method']; staffId: string | null; fingerprint: string },
  ) => {
    const now = deps.now();
    const previous = await sessionOf(req, now);
    if (previous) await sessions.revoke(previous.idHash, now);
    const id = randomBytes(32).toString('base64url');
    const ua = req.headers['user-agent'];
    const fresh = {
      idHash: hashId(id),
      method: how.method,
      staffId: how.staffId,
      credentialFingerprint: how.fingerprint,
      createdAt: now,
      expiresAt: now + ttlMs,
      ip: addressOf(req),
      userAgent: ua ? ua.slice(0, 256) : null,
    };
    await sessions.create(fresh);
    log.info(
      { ip: fresh.ip, session: fresh.idHash.slice(0, 12), method: how.method, staff: how.staffId },
      'dashboard signed in',
    );
    return {
      setCookie: cookie(id, Math.floor(ttlMs / 1000), isHttps(req)),
      session: { ...fresh, lastSeenAt: now, revokedAt: null },
    };
  };

  return {
    configured,
    async check(req: IncomingMessage): Promise<AuthResult> {
      if (!configured) return { kind: 'not-configured' };
      const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
      if (bearer !== undefined) {
        if (!tokenConfigured) return { kind: 'unauthorized', wrongToken: false };
        const v = verify(req, bearer, 'bearer');
        if (v.kind === 'ok') return { kind: 'ok', via: 'bearer' };
        return v.kind === 'refused' ? { kind: 'unauthorized', wrongToken: true } : v;
      }
      const now = deps.now();
      const session = await sessionOf(req, now);
      if (!session) return { kind: 'unauthorized', wrongToken: false };
      if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await sessions.touch(session.idHash, now);
      return { kind: 'ok', via: 'session', session };
    },
    /** The login form: a new session and its Set-Cookie value for the right token. */
    async login(req: IncomingMessage, candidate: string): Promise<LoginResult> {
      if (!tokenConfigured) return { kind: 'not-configured' };
      const v = verify(req, candidate, 'login');
      if (v.kind !== 'ok') return v;
      const started = await startSession(req, { method: 'token', staffId: null, fingerprint });
      return { kind: 'ok', ...started };
    },
    /** A staff member proved who they are (a one-time link): their own session, audited under their id. */
    startStaffSession: (req: IncomingMessage, staffId: string, method: 'link' | 'oidc' = 'link') =>
      startSession(req, { method, staffId, fingerprint: `staff:${staffId}` }),
    /** Whether the shared DASHBOARD_TOKEN is set (the token form, bearer access). */
    tokenConfigured,
    /** Sign out: revoke the request's session (a replayed cookie no longer works); returns the Set-Cookie that clears it. */
    async logout(req: IncomingMessage): Promise<string> {
      const now = deps.now();
      const session = configured ? await sessionOf(req, now) : null;
      if (session && (await sessions.revoke(session.idHash, now)))
        log.info({ ip: addressOf(req), session: session.idHash.slice(0, 12) }, 'dashboard signed out');
      return cookie('', 0, isHttps(req));
    },
    /**
     * At start-up: revoke token sessions granted under another token (or all of them when none is configured). Staff
     * sessions (signed in by link or OIDC) do not depend on DASHBOARD_TOKEN and are left alone.
     */
    async revokeStaleSessions(): Promise<number> {
      return sessions.revokeAll(
        deps.now(),
        tokenConfigured ? { method: 'token', exceptFingerprint: fingerprint } : { method: 'token' },
      );
    },
  };
}

export type DashboardAuth = ReturnType<typeof createDashboardAuth>;
