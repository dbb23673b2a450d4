import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signServiceAccountJwt } from './sign-service-account-jwt.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('signServiceAccountJwt', () => {
  it('signs header and claims with RS256, verifiable with the public key', () => {
    const jwt = signServiceAccountJwt({
      clientEmail: 'desk@acme.iam.gserviceaccount.com',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      keyId: 'k1',
      scope: 'https://www.googleapis.com/auth/calendar.events',
      audience: 'https://oauth2.googleapis.com/token',
      subject: 'calls@acme.example',
      nowSeconds: 1_800_000_000,
    });
    const [h = '', p = '', s = ''] = jwt.split('.');
    expect(json(h)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
    expect(json(p)).toEqual({
      iss: 'desk@acme.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/calendar.events',
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_800_000_000,
      exp: 1_800_003_600,
      sub: 'calls@acme.example',
    });
    expect(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))).toBe(true);
  });

  it('leaves out kid and sub when not given', () => {
    const jwt = signServiceAccountJwt({
      clientEmail: 'a@b',
      privateKey,
      scope: 's',
      audience: 'https://t',
      nowSeconds: 10,
      lifetimeSeconds: 60,
    });
    const [h = '', p = ''] = jwt.split('.');
    expect(json(h)).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(json(p)).toEqual({ iss: 'a@b', scope: 's', aud: 'https://t', iat: 10, exp: 70 });
  });
});
