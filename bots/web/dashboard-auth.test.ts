import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createInMemoryDashboardSessionStore } from '../../test/fakes/in-memory-dashboard-session-store.js';
import { fixedClock, silentLogger } from '../../core/index.js';
import type { Logger } from '../../core/index.js';
import { SESSION_TTL_MS, createDashboardAuth } from './dashboard-auth.js';
import type { DashboardAuthDeps } from './dashboard-auth.js';
import { esc } from './html.js';
import { lineChart } from './svg-charts.js';

const T0 = Date.UTC(2026, 0, 5, 9);
const req = (headers: Record<string, string> = {}, remoteAddress = '192.0.2.10') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
const setup = (over: Partial<DashboardAuthDeps> = {}) => {
  const clock = fixedClock(T0);
  const sessions = createInMemoryDashboardSessionStore();
  const auth = createDashboardAuth({ token: 's3cret', sessions, now: clock.now, log: silentLogger, ...over });
  return { clock, sessions, auth };
};
/** Sign in and return the `name=value` cookie pair. */
const signIn = async (auth: ReturnType<typeof setup>['auth'], headers: Record<string, string> = {}) => {
  const r = await auth.login(req(headers), 's3cret');
  if (r.kind !== 'ok') throw new Error(`login ${r.kind}`);
  return { pair: r.setCookie.split(';')[0] as string, setCookie: r.setCookie };
};

describe('dashboard auth', () => {
  it('accepts the bearer token or a session cookie from the login form, nothing else', async () => {
    const { auth } = setup();
    expect(await auth.check(req({ authorization: 'Bearer s3cret' }))).toEqual({ kind: 'ok', via: 'bearer' });
    expect(await auth.check(req({ authorization: 'Bearer s3cre' }))).toEqual({
      kind: 'unauthorized',
      wrongToken: true,
    });
    expect(await auth.check(req({}))).toEqual({ kind: 'unauthorized', wrongToken: false });
    expect(await auth.login(req(), 'nope')).toEqual({ kind: 'refused', failures: 2 });
    const { pair, setCookie } = await signIn(auth, { 'x-forwarded-proto': 'https' });
    expect(setCookie).toMatch(
      /^desk_dashboard=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200; Secure$/,
    );
    expect(setCookie).not.toContain('s3cret');
    expect(await auth.check(req({ cookie: `other=1; ${pair}` }))).toMatchObject({ kind: 'ok', via: 'session' });
    expect(await auth.check(req({ cookie: 'desk_dashboard=forged' }))).toEqual({
      kind: 'unauthorized',
      wrongToken: false,
    });
    expect(await auth.check(req({ cookie: `desk_dashboard=${'A'.repeat(43)}` }))).toEqual({
      kind: 'unauthorized',
      wrongToken: false,
    });
  });

  it('mints a new random session per login and stores only its hash, with the audit fields', async () => {
    const { auth, sessions } = setup();
    const a = await signIn(auth, { 'user-agent': 'Firefox' });
    const b = await signIn(auth);
    expect(a.pair).not.toBe(b.pair);
    expect(a.setCookie).not.toMatch(/Secure/);
    const id = a.pair.split('=')[1] as string;
    expect(await sessions.find(id, T0)).toBeNull();
    const stored = await sessions.find(createHash('sha256').update(id).digest('hex'), T0);
    expect(stored).toMatchObject({
      method: 'token',
      staffId: null,
      createdAt: T0,
      expiresAt: T0 + SESSION_TTL_MS,
      ip: '192.0.2.10',
      userAgent: 'Firefox',
    });
  });

  it('signs out for good: the revoked cookie is refused when replayed, other sessions stay', async () => {
    const { auth } = setup();
    const a = await signIn(auth);
    const b = await signIn(auth);
    expect(await auth.logout(req({ cookie: a.pair }))).toBe(
      'desk_dashboard=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0',
    );
    expect(await auth.check(req({ cookie: a.pair }))).toEqual({ kind: 'unauthorized', wrongToken: false });
    expect(await auth.check(req({ cookie: b.pair }))).toMatchObject({ kind: 'ok' });
    // Signing in again while holding a session replaces it.
    const c = await signIn(auth, { cookie: b.pair });
    expect(await auth.check(req({ cookie: b.pair }))).toMatchObject({ kind: 'unauthorized' });
    expect(await auth.check(req({ cookie: c.pair }))).toMatchObject({ kind: 'ok' });
  });

  it('refuses a session from its expiry on, and notes activity at most once a minute', async () => {
    const { auth, clock, sessions } = setup();
    const a = await signIn(auth);
    clock.advance(30_000);
    const seen = await auth.check(req({ cookie: a.pair }));
    expect(seen.kind === 'ok' && seen.via === 'session' && seen.session.lastSeenAt).toBe(T0);
    clock.advance(60_000);
    await auth.check(req({ cookie: a.pair }));
    const hash = createHash('sha256')
      .update(a.pair.split('=')[1] as string)
      .digest('hex');
    expect((await sessions.find(hash, clock.now()))?.lastSeenAt).toBe(T0 + 90_000);
    clock.set(T0 + SESSION_TTL_MS - 1);
    expect(await auth.check(req({ cookie: a.pair }))).toMatchObject({ kind: 'ok' });
    clock.set(T0 + SESSION_TTL_MS);
    expect(await auth.check(req({ cookie: a.pair }))).toEqual({ kind: 'unauthorized', wrongToken: false });
  });

  it('voids sessions granted under another token, and revokes them at start-up', async () => {
    const { auth, sessions, clock } = setup();
    const a = await signIn(auth);
    const changed = createDashboardAuth({ token: 'n3w', sessions, now: clock.now, log: silentLogger });
    expect(await changed.check(req({ cookie: a.pair }))).toMatchObject({ kind: 'unauthorized' });
    expect(await changed.revokeStaleSessions()).toBe(1);
    // Back to the old token: the session was revoked, not merely hidden.
    expect(await auth.check(req({ cookie: a.pair }))).toMatchObject({ kind: 'unauthorized' });
    expect(await auth.revokeStaleSessions()).toBe(0);
  });

  it('throttles wrong tokens from the form and bearer alike, then refuses even the right one; cookies still work', async () => {
    const warned: string[] = [];
    const log: Logger = { ...silentLogger, warn: (_o, msg) => void warned.push(msg ?? ''), child: () => log };
    const { auth, clock } = setup({ log });
    const session = await signIn(auth);
    for (let i = 0; i < 3; i++) expect((await auth.login(req(), `guess${i}`)).kind).toBe('refused');
    expect(await auth.check(req({ authorization: 'Bearer guess3' }))).toMatchObject({
      kind: 'unauthorized',
      wrongToken: true,
    });
    expect(await auth.login(req(), 'guess4')).toEqual({ kind: 'refused', failures: 5 });
    expect(await auth.login(req(), 's3cret')).toEqual({
      kind: 'throttled',
      scope: 'address',
      retryAfterMs: 15 * 60_000,
    });
    expect(await auth.check(req({ authorization: 'Bearer s3cret' }))).toMatchObject({
      kind: 'throttled',
      scope: 'address',
    });
    expect(await auth.check(req({ cookie: session.pair }))).toMatchObject({ kind: 'ok', via: 'session' });
    expect((await auth.login(req({}, '192.0.2.11'), 's3cret')).kind).toBe('ok');
    expect(warned.filter((m) => /refused/.test(m))).toHaveLength(5);
    expect(warned.filter((m) => /throttled/.test(m))).toHaveLength(1);
    expect(warned.join(' ')).not.toContain('guess');
    clock.advance(15 * 60_000);
    expect((await auth.login(req(), 's3cret')).kind).toBe('ok');
  });

  it('refuses everything when no token is configured', async () => {
    const { auth } = setup({ token: undefined });
    expect(await auth.check(req({ authorization: 'Bearer ' }))).toEqual({ kind: 'not-configured' });
    expect(await auth.login(req(), '')).toEqual({ kind: 'not-configured' });
  });

  it('escapes text in HTML and SVG', () => {
    expect(esc('<script>"x"&\'')).toBe('&lt;script&gt;&quot;x&quot;&amp;&#39;');
    expect(lineChart('<b>', ['a'], [{ name: '<i>', color: '#000', values: [1] }])).not.toMatch(/<b>|<i>/);
  });

  it('keeps a staff member signed in as themselves while on the staff list, whatever the token does', async () => {
    let staff = new Set(['alice']);
    const { auth, sessions } = setup({ staffSignIn: true, isStaff: (id) => staff.has(id) });
    const { setCookie, session } = await auth.startStaffSession(req(), 'alice');
    const pair = setCookie.split(';')[0] as string;
    expect(session).toMatchObject({ method: 'link', staffId: 'alice' });
    expect(await auth.check(req({ cookie: pair }))).toMatchObject({
      kind: 'ok',
      via: 'session',
      session: { staffId: 'alice' },
    });
    // A new DASHBOARD_TOKEN revokes token sessions only.
    const changed = createDashboardAuth({
      token: 'new-token',
      sessions,
      now: () => T0,
      log: silentLogger,
      staffSignIn: true,
      isStaff: (id) => staff.has(id),
    });
    expect(await changed.revokeStaleSessions()).toBe(0);
    expect(await changed.check(req({ cookie: pair }))).toMatchObject({ kind: 'ok', via: 'session' });
    // Taken off the staff list: refused at once.
    staff = new Set();
    expect(await changed.check(req({ cookie: pair }))).toEqual({ kind: 'unauthorized', wrongToken: false });
  });

  it('opens with staff sign-in alone: no token form, no bearer, but staff sessions', async () => {
    const { auth } = setup({ token: undefined, staffSignIn: true, isStaff: () => true });
    expect(auth.configured).toBe(true);
    expect(auth.tokenConfigured).toBe(false);
    expect(await auth.login(req(), '')).toEqual({ kind: 'not-configured' });
    expect(await auth.check(req({ authorization: 'Bearer anything' }))).toEqual({
      kind: 'unauthorized',
      wrongToken: false,
    });
    const { setCookie } = await auth.startStaffSession(req(), 'bob');
    expect(await auth.check(req({ cookie: setCookie.split(';')[0] as string }))).toMatchObject({ kind: 'ok' });
  });
});
