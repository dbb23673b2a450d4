import { createPrivateKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface ServiceAccountJwtInput {
  /** The service account's `client_email`: the JWT's issuer. */
  clientEmail: string;
  /** The key file's `private_key` (PKCS#8 PEM) or a key object. */
  privateKey: string | KeyObject;
  /** The key file's `private_key_id`, sent as `kid` so Google picks the right public key at once. */
  keyId?: string | undefined;
  /** Space-separated OAuth scopes. */
  scope: string;
  /** The token endpoint the JWT is for (`https://oauth2.googleapis.com/token`). */
  audience: string;
  /** A Workspace user to act for (domain-wide delegation). */
  subject?: string | undefined;
  nowSeconds: number;
  /** Google accepts at most an hour. */
  lifetimeSeconds?: number | undefined;
}

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The signed JWT a Google service account trades for an access token (RFC 7523, the `jwt-bearer` grant): RS256 over
 * `header.claims` with the account's private key, claims `iss`, `scope`, `aud`, `iat`, `exp` and an optional `sub`.
 * Signed with node:crypto: the googleapis and google-auth-library packages would bring megabytes for this one
 * signature.
 */
export function signServiceAccountJwt(input: ServiceAccountJwtInput): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(input.keyId ? { kid: input.keyId } : {}) };
  const claims = {
    iss: input.clientEmail,
    scope: input.scope,
    aud: input.audience,
    iat: input.nowSeconds,
    exp: input.nowSeconds + (input.lifetimeSeconds ?? 3600),
    ...(input.subject ? { sub: input.subject } : {}),
  };
  const signingInput = `${part(header)}.${part(claims)}`;
  const key = typeof input.privateKey === 'string' ? createPrivateKey(input.privateKey) : input.privateKey;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
}
