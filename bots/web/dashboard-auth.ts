import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'desk_dashboard';

export type AuthResult = { kind: 'ok' } | { kind: 'not-configured' } | { kind: 'unauthorized' };

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function readCookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/**
 * Read access to the dashboard and API: `Authorization: Bearer <DASHBOARD_TOKEN>`, or the HttpOnly session cookie
 * the login form sets (an HMAC of the token, so the cookie never holds the token itself and changing the token
 * logs everyone out). Without a configured token nothing is readable.
 */
export function createDashboardAuth(token: string | undefined) {
  const configured = token !== undefined && token.length > 0;
  const session = configured ? createHmac('sha256', token).update('support-desk dashboard session v1').digest('base64url') : '';
  return {
    configured,
    check(req: IncomingMessage): AuthResult {
      if (!configured) return { kind: 'not-configured' };
      const header = req.headers.authorization ?? '';
      const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      if (bearer !== undefined && same(bearer, token)) return { kind: 'ok' };
      const cookie = readCookie(req, SESSION_COOKIE);
      if (cookie !== null && same(cookie, session)) return { kind: 'ok' };
      return { kind: 'unauthorized' };
    },
    /** The Set-Cookie value after a correct login, or null for a wrong token. */
    login(candidate: string, secure: boolean): string | null {
      if (!configured || !same(candidate, token)) return null;
      return `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${12 * 3600}${secure ? '; Secure' : ''}`;
    },
    logoutCookie: `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
  };
}

export type DashboardAuth = ReturnType<typeof createDashboardAuth>;
