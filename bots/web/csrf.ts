import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The CSRF token of a session: an HMAC of the session's cookie value. A page embeds it in every form; a POST whose
 * token is not the one derived from the cookie it came with is refused. Another site can make a browser send the
 * cookie (were SameSite to fail) but cannot read the cookie or a page, so it cannot compute or copy the token; and
 * nothing needs storing, so every instance behind a load balancer checks it alike.
 */
export function csrfToken(sessionCookie: string): string {
  return createHmac('sha256', sessionCookie).update('support-desk csrf v1').digest('base64url');
}

export function validCsrf(sessionCookie: string, candidate: string | null | undefined): boolean {
  if (!candidate) return false;
  const expected = Buffer.from(csrfToken(sessionCookie));
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
