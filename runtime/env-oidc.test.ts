import { describe, expect, it } from 'vitest';
import { oidcSettings, readEnv } from './env.js';

const ALL = {
  OIDC_ISSUER: 'https://login.example.com/realms/desk',
  OIDC_CLIENT_ID: 'support-desk',
  OIDC_CLIENT_SECRET: 's3cret',
};

describe('OpenID Connect settings', () => {
  it('are off with none of the variables, on with all three (with a default button text)', () => {
    expect(oidcSettings(readEnv({}))).toBeNull();
    expect(oidcSettings(readEnv({ OIDC_ISSUER: '  ', OIDC_CLIENT_ID: '' }))).toBeNull();
    expect(oidcSettings(readEnv(ALL))).toEqual({
      issuer: ALL.OIDC_ISSUER,
      clientId: 'support-desk',
      clientSecret: 's3cret',
      label: 'Sign in with your identity provider',
    });
    expect(oidcSettings(readEnv({ ...ALL, OIDC_LABEL: 'Sign in with Okta' }))?.label).toBe('Sign in with Okta');
  });

  it('stop start-up with some but not all of the three, naming what is missing', () => {
    expect(() => oidcSettings(readEnv({ OIDC_ISSUER: ALL.OIDC_ISSUER }))).toThrow(
      /Incomplete OpenID Connect settings: OIDC_ISSUER is set but OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are missing/,
    );
    expect(() => oidcSettings(readEnv({ ...ALL, OIDC_CLIENT_SECRET: '' }))).toThrow(
      /OIDC_ISSUER, OIDC_CLIENT_ID are set but OIDC_CLIENT_SECRET is missing/,
    );
  });

  it('want an https issuer (plain http only on this machine, for a test provider)', () => {
    expect(() => readEnv({ ...ALL, OIDC_ISSUER: 'http://login.example.com' })).toThrow(/OIDC_ISSUER/);
    expect(() => readEnv({ ...ALL, OIDC_ISSUER: 'login.example.com' })).toThrow(/OIDC_ISSUER/);
    expect(readEnv({ ...ALL, OIDC_ISSUER: 'http://127.0.0.1:8080' }).OIDC_ISSUER).toBe('http://127.0.0.1:8080');
    expect(readEnv({ ...ALL, OIDC_ISSUER: 'http://localhost:8080/realms/x' }).OIDC_ISSUER).toBeDefined();
    expect(() => readEnv({ ...ALL, OIDC_ISSUER: 'http://localhost.evil.test' })).toThrow(/OIDC_ISSUER/);
  });
});
