import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcEmulator } from '../../emulators/oidc/create-oidc-emulator.js';
import type { OidcEmulator } from '../../emulators/oidc/create-oidc-emulator.js';
import { queryDesk } from '../../support/query-desk.js';
import { startTestServer, TEST_CONFIG } from '../../support/start-test-server.js';
import type { TestServer } from '../../support/start-test-server.js';

/**
 * Issue 24: staff sign in with OpenID Connect, through the real server and a loopback provider, with fetch (manual
 * redirects, a small cookie jar) playing the browser. No DASHBOARD_TOKEN and no live platform: OIDC alone opens the desk.
 */
const CLIENT_ID = 'support-desk';
const CLIENT_SECRET = 'oidc-client-secret-for-the-e2e-test';
const LABEL = 'Sign in with Emu SSO';

/** A port nobody holds now, so PUBLIC_URL (the redirect URI) is known before the desk starts. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** A browser's cookies, enough for this flow: name, value and path; Max-Age=0 deletes. */
function cookieJar() {
  const cookies = new Map<string, { value: string; path: string }>();
  return {
    take(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair = '', ...attrs] = line.split(';').map((p) => p.trim());
        const eq = pair.indexOf('=');
        const name = pair.slice(0, eq);
        const path = attrs.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
        if (attrs.some((a) => /^max-age=0$/i.test(a))) cookies.delete(name);
        else cookies.set(name, { value: pair.slice(eq + 1), path });
      }
    },
    header(url: string) {
      const { pathname } = new URL(url);
      return [...cookies.entries()]
        .filter(([, c]) => pathname.startsWith(c.path))
        .map(([n, c]) => `${n}=${c.value}`)
        .join('; ');
    },
    get: (name: string) => cookies.get(name)?.value,
    set: (name: string, value: string, path = '/') => cookies.set(name, { value, path }),
  };
}
type Jar = ReturnType<typeof cookieJar>;

const get = async (url: string, jar?: Jar) => {
  const res = await fetch(url, { redirect: 'manual', headers: jar ? { cookie: jar.header(url) } : {} });
  jar?.take(res);
  return { status: res.status, location: res.headers.get('location'), body: await res.text(), res };
};

describe('OpenID Connect sign-in on the web desk', () => {
  let idp: OidcEmulator;
  let server: TestServer;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    idp = await createOidcEmulator({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${publicUrl}/login/oidc/callback`],
    });
    server = await startTestServer({
      env: {
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_LABEL: LABEL,
      },
      config: {
        ...TEST_CONFIG,
        staff: (TEST_CONFIG.staff ?? []).map((s) =>
          s.id === 'alice'
            ? { ...s, email: 'Alice.Agent@Desk.Test' }
            : s.id === 'maria'
              ? { ...s, email: 'maria@desk.test' }
              : s,
        ),
      },
    });
    expect(server.url).toBe(publicUrl);
  }, 60_000);

  afterAll(async () => {
    await server?.dispose();
    await idp?.close();
  });

  /** The browser's part: the desk's start, the provider's redirect back, and the desk's callback. */
  const signIn = async (jar: Jar) => {
    const start = await get(`${server.url}/login/oidc`, jar);
    expect(start.status).toBe(302);
    expect(jar.get('desk_oidc')).toBeDefined();
    const atIdp = await get(start.location ?? '');
    expect(atIdp.status).toBe(302);
    const callbackUrl = atIdp.location ?? '';
    expect(callbackUrl.startsWith(`${server.url}/login/oidc/callback?`)).toBe(true);
    const stateCookie = jar.get('desk_oidc') ?? '';
    const callback = await get(callbackUrl, jar);
    return { callback, callbackUrl, stateCookie };
  };
  const deskPage = (jar: Jar) => get(`${server.url}/desk`, jar);
  const sessions = () =>
    queryDesk<{ method: string; staff_id: string }>(
      server.desk.stores,
      'SELECT method, staff_id FROM dashboard_sessions ORDER BY created_at',
    );

  it('offers the button on the sign-in page, with OIDC as the only way in', async () => {
    const login = await get(`${server.url}/login`);
    expect(login.status).toBe(200);
    expect(login.body).toContain(
      `<form method="get" action="/login/oidc" id="oidc-form"><button type="submit">${LABEL}`,
    );
    expect(login.body).not.toContain('id="token-form"');
    expect(login.body).not.toContain('id="link-form"');
    expect((await deskPage(cookieJar())).status).toBe(303);
    // Discovery waits for the first sign-in.
    expect(idp.calls).toEqual([]);
  });

  it('signs a staff member in by their verified email (any case) and shows the desk as them', async () => {
    idp.setUser({ sub: 'idp-alice', email: 'alice.agent@desk.test', email_verified: true });
    const jar = cookieJar();
    const { callback } = await signIn(jar);
    expect(callback.status).toBe(200);
    expect(callback.body).toContain('<meta http-equiv="refresh" content="0;url=/desk">');
    expect(callback.res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(jar.get('desk_oidc')).toBeUndefined();
    expect(callback.res.headers.getSetCookie().find((c) => c.startsWith('desk_dashboard='))).toMatch(
      /HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/,
    );

    const desk = await deskPage(jar);
    expect(desk.status).toBe(200);
    expect(desk.body).toContain('<span class="muted" id="signed-in-as">Alice Agent</span>');

    const [authorize] = idp.callsTo('/authorize');
    expect(authorize?.params).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: `${server.url}/login/oidc/callback`,
      code_challenge_method: 'S256',
    });
    expect(authorize?.params.state).toBeTruthy();
    expect(authorize?.params.nonce).toBeTruthy();
    expect(idp.callsTo('/token')).toMatchObject([{ status: 200, clientAuth: 'basic' }]);
    expect(await sessions()).toEqual([{ method: 'oidc', staff_id: 'alice' }]);
    const audit = await queryDesk<{ actor: string; action: string; detail: unknown }>(
      server.desk.stores,
      "SELECT actor, action, detail FROM audit_log WHERE ticket_id IS NULL AND action = 'staff.signed-in'",
    );
    expect(
      audit.map((a) => ({ ...a, detail: typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail })),
    ).toEqual([
      {
        actor: 'alice',
        action: 'staff.signed-in',
        detail: {
          method: 'oidc',
          ip: '127.0.0.1',
          issuer: idp.issuer,
          subject: 'idp-alice',
          email: 'alice.agent@desk.test',
        },
      },
    ]);
  });

  it('refuses an email that is no staff member’s, with no session', async () => {
    idp.setUser({ sub: 'idp-mallory', email: 'mallory@evil.test', email_verified: true });
    const before = (await sessions()).length;
    const jar = cookieJar();
    const { callback } = await signIn(jar);
    expect(callback.status).toBe(403);
    expect(callback.body).toContain('mallory@evil.test is not the email address of a staff member of this desk');
    expect(jar.get('desk_dashboard')).toBeUndefined();
    expect((await deskPage(jar)).status).toBe(303);
    expect((await sessions()).length).toBe(before);
  });

  it('refuses an email the provider has not verified, with no session', async () => {
    idp.setUser({ sub: 'idp-maria', email: 'maria@desk.test', email_verified: false });
    const before = (await sessions()).length;
    const jar = cookieJar();
    const { callback } = await signIn(jar);
    expect(callback.status).toBe(403);
    expect(callback.body).toContain('has not verified your address maria@desk.test');
    expect(jar.get('desk_dashboard')).toBeUndefined();
    expect((await sessions()).length).toBe(before);
  });

  it('refuses a tampered state and a tampered state cookie before asking the provider for tokens', async () => {
    idp.setUser({ sub: 'idp-maria', email: 'maria@desk.test', email_verified: true });
    const tokenCalls = idp.callsTo('/token').length;
    const jar = cookieJar();
    const start = await get(`${server.url}/login/oidc`, jar);
    const back = new URL((await get(start.location ?? '')).location ?? '');
    const stateCookie = jar.get('desk_oidc') ?? '';

    const tampered = new URL(back);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const refused = await get(tampered.href, jar);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('does not belong to this sign-in');
    expect(jar.get('desk_dashboard')).toBeUndefined();

    // The cookie was spent by that try; a hand-made one is refused too.
    const forged = Buffer.from(stateCookie, 'base64url');
    forged[20] = (forged[20] as number) ^ 1;
    jar.set('desk_oidc', forged.toString('base64url'), '/login/oidc');
    const alsoRefused = await get(back.href, jar);
    expect(alsoRefused.status).toBe(400);
    expect(alsoRefused.body).toContain('altered on the way');
    expect(jar.get('desk_dashboard')).toBeUndefined();
    expect(idp.callsTo('/token').length).toBe(tokenCalls);
  });

  it('refuses a replayed callback: the code works once, and the state cookie is spent', async () => {
    idp.setUser({ sub: 'idp-maria', email: 'maria@desk.test', email_verified: true });
    const jar = cookieJar();
    const { callback, callbackUrl, stateCookie } = await signIn(jar);
    expect(callback.status).toBe(200);
    expect((await deskPage(jar)).body).toContain('id="signed-in-as">Maria Manager<');
    const signedIn = (await sessions()).length;

    // The same browser: its state cookie is gone.
    const again = await get(callbackUrl, jar);
    expect(again.status).toBe(400);
    expect(again.body).toContain('not started in this browser');

    // Someone who kept the callback address and the state cookie: the provider refuses the spent code.
    const thief = cookieJar();
    thief.set('desk_oidc', stateCookie, '/login/oidc');
    const replay = await get(callbackUrl, thief);
    expect(replay.status).toBe(502);
    expect(thief.get('desk_dashboard')).toBeUndefined();
    expect(idp.callsTo('/token').at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
    expect((await sessions()).length).toBe(signedIn);
  });
});
