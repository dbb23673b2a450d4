import { createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export type JwtCheck = { ok: true; appId: string } | { ok: false; reason: string };

const b64 = (s: string) => Buffer.from(s, 'base64url');

/**
 * Checks a GitHub App JWT as GitHub does: RS256 over `header.payload`, signed by the App's private key, with `iss`
 * the App id, `iat` not in the future (60 s leeway) and an `exp` at most 10 minutes after `iat`, not yet passed.
 */
export function verifyAppJwt(
  authorization: string | undefined,
  publicKeyPem: string | KeyObject,
  appId: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): JwtCheck {
  const match = /^bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization ?? '');
  if (!match) return { ok: false, reason: 'no bearer JWT' };
  const [, h = '', p = '', s = ''] = match;
  let header: { alg?: string };
  let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
  try {
    header = JSON.parse(b64(h).toString('utf8')) as typeof header;
    claims = JSON.parse(b64(p).toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'JWT is not JSON' };
  }
  if (header.alg !== 'RS256') return { ok: false, reason: `alg ${String(header.alg)} is not RS256` };
  const key = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, b64(s)))
    return { ok: false, reason: 'signature does not verify' };
  if (String(claims.iss) !== appId) return { ok: false, reason: `iss ${String(claims.iss)} is not the app id` };
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!Number.isFinite(iat) || iat > nowSeconds + 60) return { ok: false, reason: 'iat in the future' };
  if (!Number.isFinite(exp) || exp <= nowSeconds || exp - iat > 600)
    return { ok: false, reason: 'exp passed or too far' };
  return { ok: true, appId };
}
