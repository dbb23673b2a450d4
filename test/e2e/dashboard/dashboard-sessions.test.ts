import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/ports/clock.js';
import { startTestServer } from '../../support/start-test-server.js';
import type { TestServer } from '../../support/start-test-server.js';
import { queryDesk } from '../../support/query-desk.js';

/** Issue 19, defect 9: dashboard sessions with a server-side record, expiry and revocation; throttled sign-ins. */
const TOKEN = 'dash-token-for-session-tests';
const NOW = Date.UTC(2025, 5, 30, 12);
const MIN = 60_000;
const H = 60 * MIN;

const login = async (server: TestServer, token: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
  const setCookie = res.headers.get('set-cookie') ?? '';
  await res.arrayBuffer();
  return {
    status: res.status,
    setCookie,
    cookie: setCookie.split(';')[0] ?? '',
    retryAfter: res.headers.get('retry-after'),
  };
};
/** The dashboard page with this cookie: 200, or 303 to the login form. */
const page = async (server: TestServer, cookie: string) => {
  const res = await fetch(`${server.url}/`, { redirect: 'manual', headers: { cookie } });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
};
/** support_dashboard_token_checks_total for the login form, by outcome, from /metrics. */
const loginChecks = async (server: TestServer) => {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const value = (outcome: string) =>
    Number(
      new RegExp(`support_dashboard_token_checks_total\\{via="login",outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ??
        0,
    );
  return { wrong: value('wrong'), throttled: value('throttled') };
};
const apiStatus = async (server: TestServer, headers: Record<string, string>) => {
  const res = await fetch(`${server.url}/api/tickets`, { headers });
  await res.arrayBuffer();
  return res.status;
};

describe('dashboard sessions through the real server', () => {
  const clock = fixedClock(NOW);
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { DASHBOARD_TOKEN: TOKEN }, clock });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('gives each login its own random cookie, and keeps only its hash in the database', async () => {
    const a = await login(server, TOKEN);
    const b = await login(server, TOKEN);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.setCookie).toMatch(
      /^desk_dashboard=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/,
    );
    expect(a.cookie).not.toBe(b.cookie);
    expect(await page(server, a.cookie)).toEqual({ status: 200, location: null });
    expect(await page(server, b.cookie)).toEqual({ status: 200, location: null });
    expect(await apiStatus(server, { cookie: a.cookie })).toBe(200);

    const hashes = (
      await queryDesk<{ id_hash: string }>(server.desk.stores, 'SELECT id_hash FROM dashboard_sessions')
    ).map((r) => r.id_hash);
    const id = a.cookie.split('=')[1] as string;
    expect(hashes).toContain(createHash('sha256').update(id).digest('hex'));
    expect(hashes).not.toContain(id);
    expect((await login(server, TOKEN, { 'x-forwarded-proto': 'https' })).setCookie).toMatch(/; Secure$/);
  });

  it('revokes the session on logout: the old cookie replayed is refused', async () => {
    const a = await login(server, TOKEN);
    const b = await login(server, TOKEN);
    const out = await fetch(`${server.url}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: a.cookie },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^desk_dashboard=; .*Max-Age=0/);
    expect(await page(server, a.cookie)).toEqual({ status: 303, location: '/login' });
    expect(await apiStatus(server, { cookie: a.cookie })).toBe(401);
    expect(await page(server, b.cookie)).toMatchObject({ status: 200 });
    // Logout is a POST: a link or an image cannot sign anyone out, and another site's form is refused.
    expect((await fetch(`${server.url}/logout`, { redirect: 'manual', headers: { cookie: b.cookie } })).status).toBe(
      405,
    );
    expect(
      (
        await fetch(`${server.url}/logout`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: b.cookie, 'sec-fetch-site': 'cross-site' },
        })
      ).status,
    ).toBe(403);
    expect(await page(server, b.cookie)).toMatchObject({ status: 200 });
  });

  it('refuses a session once its 12 hours are up, on the desk clock', async () => {
    clock.set(NOW);
    const a = await login(server, TOKEN);
    clock.set(NOW + 12 * H - MIN);
    expect(await page(server, a.cookie)).toMatchObject({ status: 200 });
    clock.set(NOW + 12 * H);
    expect(await page(server, a.cookie)).toEqual({ status: 303, location: '/login' });
    expect(await apiStatus(server, { cookie: a.cookie })).toBe(401);
    clock.set(NOW);
    expect(await page(server, a.cookie)).toMatchObject({ status: 200 }); // the record, not the cookie, decides
  });
});

describe('dashboard sessions across restarts', () => {
  it('survive a restart with the same token; a new DASHBOARD_TOKEN signs everyone out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-sessions-'));
    const clock = fixedClock(NOW);
    try {
      let server = await startTestServer({ env: { DASHBOARD_TOKEN: TOKEN }, clock, dir });
      const a = await login(server, TOKEN);
      await server.dispose();
      server = await startTestServer({ env: { DASHBOARD_TOKEN: TOKEN }, clock, dir });
      expect(await page(server, a.cookie)).toMatchObject({ status: 200 });
      await server.dispose();
      server = await startTestServer({ env: { DASHBOARD_TOKEN: `${TOKEN}-rotated` }, clock, dir });
      expect(await page(server, a.cookie)).toEqual({ status: 303, location: '/login' });
      expect(
        (
          await queryDesk<{ n: number }>(
            server.desk.stores,
            'SELECT COUNT(*) AS n FROM dashboard_sessions WHERE revoked_at IS NOT NULL',
          )
        )[0]?.n,
      ).toBe(1);
      expect((await login(server, `${TOKEN}-rotated`)).status).toBe(303);
      await server.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sign-in throttling through the real server', () => {
  const clock = fixedClock(NOW);
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { DASHBOARD_TOKEN: TOKEN }, clock });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('answers the 6th wrong token from one address with 429, even with the right token, until the window has passed', async () => {
    const session = await login(server, TOKEN);
    for (let i = 0; i < 4; i++) expect((await login(server, `guess-${i}`)).status).toBe(401);
    // A wrong bearer token counts too: the API is no way around the throttle.
    expect(await apiStatus(server, { authorization: 'Bearer guess-4' })).toBe(401);
    const right = await login(server, TOKEN);
    expect(right).toMatchObject({ status: 429, retryAfter: '900', setCookie: '' });
    expect(await apiStatus(server, { authorization: `Bearer ${TOKEN}` })).toBe(429);
    // X-Forwarded-For is not believed without TRUST_PROXY_HOPS.
    expect((await login(server, TOKEN, { 'x-forwarded-for': '198.51.100.77' })).status).toBe(429);
    // A session already signed in is not a guess and keeps working.
    expect(await page(server, session.cookie)).toMatchObject({ status: 200 });

    clock.advance(15 * MIN - 1000);
    expect(await login(server, TOKEN)).toMatchObject({ status: 429, retryAfter: '1' });
    clock.advance(1000);
    const again = await login(server, TOKEN);
    expect(again.status).toBe(303);
    expect(await page(server, again.cookie)).toMatchObject({ status: 200 });
  });

  it('answers all but the first 5 of 300 wrong logins sent at once with 429', async () => {
    clock.advance(H);
    const before = await loginChecks(server);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => login(server, `wrong-${i}`)));
    const count = (status: number) => results.filter((r) => r.status === status).length;
    expect({ 401: count(401), 429: count(429) }).toEqual({ 401: 5, 429: 295 });
    expect(results.every((r) => r.setCookie === '')).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
    // The scraper on the same address waits too; once the window has passed it sees the attack counted.
    const early = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(early.status).toBe(429);
    expect(await early.json()).toEqual({
      error: 'auth.throttled',
      message: 'Too many wrong tokens: try again in 15 minutes.',
    });
    clock.advance(15 * MIN);
    const after = await loginChecks(server);
    expect({ wrong: after.wrong - before.wrong, throttled: after.throttled - before.throttled }).toEqual({
      wrong: 5,
      throttled: 295,
    });
  });
});

describe('sign-in throttling behind a trusted proxy', () => {
  const clock = fixedClock(NOW);
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { DASHBOARD_TOKEN: TOKEN, TRUST_PROXY_HOPS: '1' }, clock });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('counts by the address the proxy saw, and caps wrong tokens from all addresses at 100 a minute', async () => {
    const via = (ip: string, forged = '203.0.113.200') => ({ 'x-forwarded-for': `${forged}, ${ip}` });
    for (let i = 0; i < 5; i++)
      expect((await login(server, 'wrong', via('198.51.100.1', `203.0.113.${i}`))).status).toBe(401);
    expect((await login(server, TOKEN, via('198.51.100.1', '203.0.113.99'))).status).toBe(429);
    expect((await login(server, TOKEN, via('198.51.100.2'))).status).toBe(303);

    // A guess spread over many addresses: 95 more wrong tokens from 95 addresses make 100 within the minute.
    for (let i = 0; i < 95; i++) expect((await login(server, 'wrong', via(`192.0.2.${i + 1}`))).status).toBe(401);
    const capped = await login(server, TOKEN, via('198.51.100.3'));
    expect(capped).toMatchObject({ status: 429, retryAfter: '60' });
    clock.advance(MIN);
    expect((await login(server, TOKEN, via('198.51.100.3'))).status).toBe(303);
  });
});
