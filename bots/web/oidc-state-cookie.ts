import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The cookie that carries one OpenID Connect sign-in from GET /login/oidc to the callback. */
export const OIDC_STATE_COOKIE = 'desk_oidc';
/** A sign-in started more than 10 minutes ago is refused (cookie Max-Age and the sealed expiry alike). */
export const OIDC_STATE_TTL_MS = 10 * 60_000;
/** Where the browser sends the cookie: the callback only. */
const COOKIE_PATH = '/login/oidc';
/** Bound into every seal, so a value made for another purpose with the same key does not open here. */
const AAD = Buffer.from('support-desk oidc state v1');
/** 12-byte IV, 16-byte GCM tag. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** What the callback must check against: never leaves the browser except sealed. */
export interface OidcFlowState {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Epoch ms after which the callback refuses the cookie. */
  expiresAt: number;
}

export type OpenedOidcState = { kind: 'ok'; flow: OidcFlowState } | { kind: 'forged' } | { kind: 'expired' };

/**
 * The key that seals the cookie, derived from OIDC_CLIENT_SECRET (HKDF-SHA256): every instance behind a load
 * balancer derives the same key, so the callback may land on any of them, and rotating the secret voids flows in
 * progress (10 minutes' worth).
 */
export function oidcStateKey(clientSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', clientSecret, 'support-desk', 'oidc state cookie v1', 32));
}

/**
 * AES-256-GCM: the cookie is both unreadable (the PKCE verifier and nonce stay secret) and unforgeable (a changed
 * byte fails the tag). base64url of IV | ciphertext | tag.
 */
export function sealOidcState(flow: OidcFlowState, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

const isFlow = (v: unknown): v is OidcFlowState => {
  const f = v as Partial<OidcFlowState> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.state === 'string' &&
    typeof f.nonce === 'string' &&
    typeof f.codeVerifier === 'string' &&
    typeof f.expiresAt === 'number'
  );
};

/** Open a sealed cookie: forged (any change, another key, garbage) or expired are refused. */
export function openOidcState(value: string, key: Buffer, now: number): OpenedOidcState {
  if (!/^[A-Za-z0-9_-]{40,4096}$/.test(value)) return { kind: 'forged' };
  const raw = Buffer.from(value, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return { kind: 'forged' };
  let flow: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    flow = JSON.parse(text.toString('utf8'));
  } catch {
    return { kind: 'forged' };
  }
  if (!isFlow(flow)) return { kind: 'forged' };
  if (now > flow.expiresAt) return { kind: 'expired' };
  return { kind: 'ok', flow };
}

/**
 * The Set-Cookie for a flow in progress. SameSite=Lax, not Strict: the identity provider sends the browser back with
 * a cross-site top-level GET, which carries Lax cookies and not Strict ones. HttpOnly; Secure over HTTPS.
 */
export const oidcStateCookie = (sealed: string, secure: boolean) =>
  `${OIDC_STATE_COOKIE}=${sealed}; HttpOnly; SameSite=Lax; Path=${COOKIE_PATH}; Max-Age=${OIDC_STATE_TTL_MS / 1000}${secure ? '; Secure' : ''}`;

/** The Set-Cookie that forgets the flow (the callback spends it, whatever the outcome). */
export const clearOidcStateCookie = (secure: boolean) =>
  `${OIDC_STATE_COOKIE}=; HttpOnly; SameSite=Lax; Path=${COOKIE_PATH}; Max-Age=0${secure ? '; Secure' : ''}`;
