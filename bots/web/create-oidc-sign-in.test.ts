import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/index.js';
import type { StaffConfig, SupportStore } from '../../core/index.js';
import { createOidcEmulator } from '../../test/emulators/oidc/create-oidc-emulator.js';
import type { OidcEmulator, OidcEmulatorOptions } from '../../test/emulators/oidc/create-oidc-emulator.js';
import { createOidcSignIn } from './create-oidc-sign-in.js';
import { OIDC_STATE_TTL_MS } from './oidc-state-cookie.js';

const PUBLIC_URL = 'https://desk.example.test';
const REDIRECT = `${PUBLIC_URL}/login/oidc/callback`;
const staff: StaffConfig[] = [
  { id: 'alice', name: 'Alice', email: 'Alice@Desk.Test', roles: ['agent'], timezone: 'UTC' },
  { id: 'bob', name: 'Bob', roles: ['agent'], timezone: 'UTC' },
];

let emulator: OidcEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setup(options: Partial<OidcEmulatorOptions> = {}) {
  emulator = await createOidcEmulator({
    clientId: 'desk',
    clientSecret: 'a secret: with+odd/chars',
    redirectUris: [REDIRECT],
    ...options,
  });
  let now = Date.now();
  const commits: Parameters<SupportStore['commit']>[0][] = [];
  const signIn = createOidcSignIn({
    issuer: emulator.issuer,
    clientId: 'desk',
    clientSecret: 'a secret: with+odd/chars',
    label: 'Sign in with Emu',
    publicUrl: `${PUBLIC_URL}/`,
    store: {
      commit: async (c) => {
        commits.push(c);
        return {} as Awaited<ReturnType<SupportStore['commit']>>;
      },
    },
    staff: () => staff,
    now: () => now,
    log: silentLogger,
  });
  /** Start a flow and follow the provider's redirect: the callback's parameters and the sealed cookie. */
  const authorize = async () => {
    const started = await signIn.start();
    if (started.kind !== 'redirect') throw new Error(`not started: ${started.kind}`);
    const res = await fetch(started.location, { redirect: 'manual' });
    await res.arrayBuffer();
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    return { params: back.searchParams, sealed: started.sealed, location: new URL(started.location) };
  };
  return {
    emulator,
    signIn,
    commits,
    authorize,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
const from = { ip: '203.0.113.7' };

describe('OpenID Connect sign-in', () => {
  it('runs the code flow with PKCE, state and nonce, and signs in the staff member of that verified email', async () => {
    const t = await setup({ user: { sub: 'u-1', email: 'alice@desk.test', email_verified: true } });
    const { params, sealed, location } = await t.authorize();
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: 'desk',
      response_type: 'code',
      redirect_uri: REDIRECT,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await t.signIn.callback(params, sealed, from)).toMatchObject({
      kind: 'ok',
      staff: { id: 'alice' },
      email: 'alice@desk.test',
    });
    // client_secret_basic, as discovery advertised; the verifier matched the challenge (the emulator checks).
    expect(t.emulator.callsTo('/token')).toMatchObject([{ status: 200, clientAuth: 'basic' }]);
    expect(t.commits[0]?.audits).toEqual([
      {
        ticketId: null,
        actor: 'alice',
        action: 'staff.signed-in',
        detail: { method: 'oidc', ip: from.ip, issuer: t.emulator.issuer, subject: 'u-1', email: 'alice@desk.test' },
        at: expect.any(Number),
      },
    ]);
  });

  it('authenticates with client_secret_post when that is what the provider lists', async () => {
    const t = await setup({
      authMethod: 'client_secret_post',
      user: { sub: 'u-1', email: 'ALICE@desk.test', email_verified: true },
    });
    const { params, sealed } = await t.authorize();
    expect(await t.signIn.callback(params, sealed, from)).toMatchObject({ kind: 'ok', staff: { id: 'alice' } });
    expect(t.emulator.callsTo('/token')).toMatchObject([{ status: 200, clientAuth: 'post' }]);
  });

  it('reads the email from userinfo when the ID token has none', async () => {
    const t = await setup({
      emailIn: 'userinfo',
      user: { sub: 'u-1', email: 'alice@desk.test', email_verified: true },
    });
    const { params, sealed } = await t.authorize();
    expect(await t.signIn.callback(params, sealed, from)).toMatchObject({ kind: 'ok', staff: { id: 'alice' } });
    expect(t.emulator.callsTo('/userinfo')).toMatchObject([{ status: 200 }]);
  });

  it('refuses an address that is unverified, unsaid, or no staff member’s, and audits nothing', async () => {
    const t = await setup();
    const cases = [
      [{ sub: 'u', email: 'alice@desk.test', email_verified: false }, 'email-unverified'],
      [{ sub: 'u', email: 'alice@desk.test' }, 'email-unverified'],
      [{ sub: 'u', email_verified: true }, 'no-email'],
      [{ sub: 'u', email: 'mallory@evil.test', email_verified: true }, 'not-staff'],
    ] as const;
    for (const [user, reason] of cases) {
      t.emulator.setUser(user);
      const { params, sealed } = await t.authorize();
      expect(await t.signIn.callback(params, sealed, from)).toMatchObject({ kind: 'refused', reason });
    }
    expect(t.commits).toEqual([]);
  });

  it('refuses a missing, forged or expired flow, a stranger’s state, a code used twice and a provider error', async () => {
    const t = await setup({ user: { sub: 'u', email: 'alice@desk.test', email_verified: true } });
    const a = await t.authorize();
    expect(await t.signIn.callback(a.params, null, from)).toMatchObject({ reason: 'no-flow' });
    expect(await t.signIn.callback(a.params, `${a.sealed.slice(0, -2)}AA`, from)).toMatchObject({ reason: 'forged' });
    const b = await t.authorize();
    // b's provider answer with a's cookie: another flow's state.
    expect(await t.signIn.callback(b.params, a.sealed, from)).toMatchObject({ reason: 'state-mismatch' });
    expect(await t.signIn.callback(b.params, b.sealed, from)).toMatchObject({ kind: 'ok' });
    expect(await t.signIn.callback(b.params, b.sealed, from)).toMatchObject({ reason: 'exchange-failed' });
    expect(t.emulator.callsTo('/token').at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
    t.advance(OIDC_STATE_TTL_MS + 1);
    expect(await t.signIn.callback(a.params, a.sealed, from)).toMatchObject({ reason: 'expired' });
    t.emulator.setUser('deny');
    const c = await t.authorize();
    expect(await t.signIn.callback(c.params, c.sealed, from)).toMatchObject({
      reason: 'idp-error',
      error: 'access_denied',
    });
  });

  it('refuses an ID token for another audience, with another nonce, or signed by a key the provider does not hold', async () => {
    const t = await setup({ user: { sub: 'u', email: 'alice@desk.test', email_verified: true } });
    for (const forgery of [
      { claims: { aud: 'someone-else' } },
      { claims: { nonce: 'replayed' } },
      { foreignKey: true },
    ]) {
      t.emulator.setForgery(forgery);
      const { params, sealed } = await t.authorize();
      expect(await t.signIn.callback(params, sealed, from)).toMatchObject({ reason: 'exchange-failed' });
    }
    expect(t.commits).toEqual([]);
  });

  it('discovers lazily, and tries again on the next request after the provider was down', async () => {
    const t = await setup();
    expect(t.emulator.calls).toEqual([]);
    t.emulator.setDown(true);
    expect(await t.signIn.start()).toEqual({ kind: 'unavailable' });
    t.emulator.setDown(false);
    expect(await t.signIn.start()).toMatchObject({ kind: 'redirect' });
    expect(await t.signIn.start()).toMatchObject({ kind: 'redirect' });
    expect(t.emulator.callsTo('/.well-known/openid-configuration').map((c) => c.status)).toEqual([503, 200]);
  });
});
