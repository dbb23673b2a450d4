import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface ServiceAccountJwtClaims {
  iss: string;
  scope: string;
  aud: string;
  iat: number;
  exp: number;
  sub?: string;
}

export type ServiceAccountJwtCheck =
  | { ok: true; claims: ServiceAccountJwtClaims }
  | { ok: false; error: 'invalid_grant' | 'invalid_scope'; description: string };

export interface ServiceAccountJwtExpectation {
  clientEmail: string;
  publicKey: string | KeyObject;
  /** The token endpoint's own URL: the JWT's `aud` must be it. */
  audience: string;
  /** Scopes that grant what the caller needs; the JWT must ask for at least one. */
  acceptedScopes: readonly string[];
  nowSeconds: number;
}

const b64 = (s: string) => Buffer.from(s, 'base64url');

/**
 * Checks a service account's JWT as Google's token endpoint does: RS256 over `header.claims` with the account's public
 * key, `iss` the account's email, `aud` the token endpoint, a `scope`, and `iat`/`exp` a short-lived window (at most an
 * hour, `iat` not more than a minute in the future, `exp` not passed). The error codes and texts are Google's.
 */
export function verifyServiceAccountJwt(
  assertion: string | null,
  expected: ServiceAccountJwtExpectation,
): ServiceAccountJwtCheck {
  const invalid = (description: string) => ({ ok: false as const, error: 'invalid_grant' as const, description });
  const match = /^([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(assertion ?? '');
  if (!match) return invalid('Invalid JWT: malformed assertion.');
  const [, h = '', p = '', s = ''] = match;
  let header: { alg?: unknown };
  let claims: Partial<Record<keyof ServiceAccountJwtClaims, unknown>>;
  try {
    header = JSON.parse(b64(h).toString('utf8')) as typeof header;
    claims = JSON.parse(b64(p).toString('utf8')) as typeof claims;
  } catch {
    return invalid('Invalid JWT: not JSON.');
  }
  if (header.alg !== 'RS256') return invalid(`Invalid JWT: alg ${String(header.alg)} is not RS256.`);
  const key = typeof expected.publicKey === 'string' ? createPublicKey(expected.publicKey) : expected.publicKey;
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, b64(s))) return invalid('Invalid JWT Signature.');
  if (claims.iss !== expected.clientEmail) return invalid('Invalid grant: account not found');
  if (claims.aud !== expected.audience)
    return invalid(`Invalid JWT: Failed audience check. The right audience is ${expected.audience}`);
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  const now = expected.nowSeconds;
  if (!Number.isFinite(iat) || !Number.isFinite(exp) || iat > now + 60 || exp <= now || exp - iat > 3600)
    return invalid(
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  if (!scopes.some((scope) => expected.acceptedScopes.includes(scope)))
    return { ok: false, error: 'invalid_scope', description: 'Invalid OAuth scope or ID token audience provided.' };
  return {
    ok: true,
    claims: {
      iss: claims.iss,
      scope: scopes.join(' '),
      aud: claims.aud,
      iat,
      exp,
      ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}),
    },
  };
}
