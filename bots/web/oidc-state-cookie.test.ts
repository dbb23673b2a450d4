import { describe, expect, it } from 'vitest';
import {
  clearOidcStateCookie,
  OIDC_STATE_TTL_MS,
  oidcStateCookie,
  oidcStateKey,
  openOidcState,
  sealOidcState,
} from './oidc-state-cookie.js';

const NOW = Date.UTC(2026, 11, 5, 9);
const key = oidcStateKey('client-secret-of-the-desk');
const flow = {
  state: 'state-123',
  nonce: 'nonce-456',
  codeVerifier: 'verifier-789-verifier-789-verifier-789-verifier',
  expiresAt: NOW + OIDC_STATE_TTL_MS,
};

/** Flip one bit of the sealed bytes at `index`. */
const flip = (sealed: string, index: number) => {
  const raw = Buffer.from(sealed, 'base64url');
  raw[index] = (raw[index] as number) ^ 1;
  return raw.toString('base64url');
};

describe('the OpenID Connect state cookie', () => {
  it('opens what it sealed, until the expiry, and hides what it carries', () => {
    const sealed = sealOidcState(flow, key);
    expect(openOidcState(sealed, key, NOW)).toEqual({ kind: 'ok', flow });
    expect(openOidcState(sealed, key, flow.expiresAt)).toEqual({ kind: 'ok', flow });
    const readable = Buffer.from(sealed, 'base64url').toString('latin1');
    for (const secret of [flow.state, flow.nonce, flow.codeVerifier]) expect(readable).not.toContain(secret);
    // A new IV each time: two seals of the same flow differ.
    expect(sealOidcState(flow, key)).not.toBe(sealed);
  });

  it('refuses an expired flow', () => {
    const sealed = sealOidcState(flow, key);
    expect(openOidcState(sealed, key, flow.expiresAt + 1)).toEqual({ kind: 'expired' });
    expect(openOidcState(sealed, key, NOW + 11 * 60_000)).toEqual({ kind: 'expired' });
  });

  it('refuses a forged or altered cookie', () => {
    const sealed = sealOidcState(flow, key);
    const bytes = Buffer.from(sealed, 'base64url').length;
    // Any changed byte: in the IV, the ciphertext, the tag.
    for (const i of [0, 11, 12, 20, bytes - 17, bytes - 1])
      expect(openOidcState(flip(sealed, i), key, NOW)).toEqual({ kind: 'forged' });
    // Sealed with another secret (another desk, or before a rotation).
    expect(openOidcState(sealOidcState(flow, oidcStateKey('another-secret')), key, NOW)).toEqual({ kind: 'forged' });
    // An expiry pushed out by hand cannot be sealed without the key: plain JSON is refused.
    const plain = Buffer.from(JSON.stringify({ ...flow, expiresAt: NOW + 86_400_000 })).toString('base64url');
    expect(openOidcState(plain, key, NOW)).toEqual({ kind: 'forged' });
    // Truncated, empty, not base64url, absurdly long.
    expect(openOidcState(sealed.slice(0, 30), key, NOW)).toEqual({ kind: 'forged' });
    expect(openOidcState(sealed.slice(0, -4), key, NOW)).toEqual({ kind: 'forged' });
    expect(openOidcState('', key, NOW)).toEqual({ kind: 'forged' });
    expect(openOidcState(`${sealed}!`, key, NOW)).toEqual({ kind: 'forged' });
    expect(openOidcState('A'.repeat(5000), key, NOW)).toEqual({ kind: 'forged' });
  });

  it('refuses a well-sealed value that is not a flow', async () => {
    const { createCipheriv, randomBytes } = await import('node:crypto');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from('support-desk oidc state v1'));
    const body = Buffer.concat([cipher.update('{"state":1}'), cipher.final()]);
    const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    expect(openOidcState(sealed, key, NOW)).toEqual({ kind: 'forged' });
  });

  it('is HttpOnly, SameSite=Lax (the provider redirects back cross-site), for the callback path, 10 minutes', () => {
    expect(oidcStateCookie('abc', false)).toBe('desk_oidc=abc; HttpOnly; SameSite=Lax; Path=/login/oidc; Max-Age=600');
    expect(oidcStateCookie('abc', true)).toMatch(/; Secure$/);
    expect(clearOidcStateCookie(false)).toBe('desk_oidc=; HttpOnly; SameSite=Lax; Path=/login/oidc; Max-Age=0');
  });
});
