import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingRequest, SupportError } from '../../core/index.js';
import { createZoomEmulator } from '../../test/emulators/zoom/create-zoom-emulator.js';
import type { ZoomEmulator } from '../../test/emulators/zoom/create-zoom-emulator.js';
import { createZoomProvider } from './create-zoom-provider.js';
import type { ZoomProviderOptions } from './create-zoom-provider.js';

const app = { accountId: 'acct-123', clientId: 'client-abc', clientSecret: 's3cr3t-zoom-client-secret' };
const request: MeetingRequest = {
  bookingId: 42,
  title: 'Acme Support: SSO setup',
  startsAt: Date.UTC(2026, 11, 3, 14, 0),
  endsAt: Date.UTC(2026, 11, 3, 14, 45),
  timezone: 'Europe/Berlin',
  hostEmail: 'alice@desk.example',
};

let zoom: ZoomEmulator;
let now: number;
const clock = { now: () => now };
const provider = (extra: Partial<ZoomProviderOptions> = {}) =>
  createZoomProvider({ ...app, apiUrl: zoom.apiUrl, oauthUrl: zoom.oauthUrl, clock, ...extra });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('should have failed'),
    (err: SupportError) => err,
  );

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeEach(async () => {
  now = Date.UTC(2026, 11, 1, 9);
  zoom = await createZoomEmulator({ ...app, users: ['alice@desk.example'] });
});
afterEach(async () => {
  await zoom.close();
});

describe('createZoomProvider', () => {
  it('creates a scheduled meeting on the host’s account with a Server-to-Server token', async () => {
    const meeting = await provider().create(request);
    const [tokenCall, createCall] = zoom.calls;
    expect(tokenCall).toMatchObject({
      method: 'POST',
      path: '/oauth/token',
      query: { grant_type: 'account_credentials', account_id: 'acct-123' },
      authorization: `Basic ${Buffer.from('client-abc:s3cr3t-zoom-client-secret').toString('base64')}`,
      status: 200,
    });
    expect(createCall).toMatchObject({
      method: 'POST',
      path: '/v2/users/alice%40desk.example/meetings',
      authorization: expect.stringMatching(/^Bearer zoom-/),
      body: {
        topic: 'Acme Support: SSO setup',
        type: 2,
        start_time: '2026-12-03T14:00:00Z',
        duration: 45,
        timezone: 'Europe/Berlin',
      },
      status: 201,
    });
    const stored = zoom.meetings.get(Number(meeting.meetingId))!;
    expect(stored.host).toBe('alice@desk.example');
    expect(meeting).toEqual({ url: stored.join_url, meetingId: String(stored.id) });
  });

  it('hosts on `me` (or the configured default) when the booking has no staff email', async () => {
    await provider().create({ ...request, hostEmail: null });
    await provider({ defaultHost: 'alice@desk.example' }).create({ ...request, hostEmail: null });
    expect(zoom.apiCalls().map((c) => c.path)).toEqual([
      '/v2/users/me/meetings',
      '/v2/users/alice%40desk.example/meetings',
    ]);
  });

  it('moves a meeting with PATCH and removes it with DELETE; a meeting already gone is fine', async () => {
    const zoomProvider = provider();
    const { meetingId } = await zoomProvider.create(request);
    await zoomProvider.move(meetingId!, {
      ...request,
      startsAt: Date.UTC(2026, 11, 4, 8, 30),
      endsAt: Date.UTC(2026, 11, 4, 9),
    });
    expect(zoom.apiCalls()[1]).toMatchObject({
      method: 'PATCH',
      path: `/v2/meetings/${meetingId}`,
      body: { start_time: '2026-12-04T08:30:00Z', duration: 30, timezone: 'Europe/Berlin' },
      status: 204,
    });
    expect(zoom.meetings.get(Number(meetingId))).toMatchObject({ start_time: '2026-12-04T08:30:00Z', duration: 30 });
    await zoomProvider.remove(meetingId!);
    expect(zoom.meetings.size).toBe(0);
    await zoomProvider.remove(meetingId!);
    expect(
      zoom
        .apiCalls()
        .slice(2)
        .map((c) => [c.method, c.status]),
    ).toEqual([
      ['DELETE', 204],
      ['DELETE', 404],
    ]);
  });

  it('keeps the token until a minute before it expires, and asks once for callers at the same time', async () => {
    const zoomProvider = provider();
    await Promise.all([zoomProvider.create(request), zoomProvider.create(request), zoomProvider.create(request)]);
    now += 3599_000 - 61_000;
    await zoomProvider.create(request);
    expect(zoom.tokenCalls()).toHaveLength(1);
    now += 2_000;
    await zoomProvider.create(request);
    expect(zoom.tokenCalls()).toHaveLength(2);
    const bearers = new Set(zoom.apiCalls().map((c) => c.authorization));
    expect(bearers.size).toBe(2);
  });

  it('gets a new token and retries once when the API answers 401 to a revoked one', async () => {
    const zoomProvider = provider();
    await zoomProvider.create(request);
    zoom.revokeTokens();
    const meeting = await zoomProvider.create(request);
    expect(meeting.url).toMatch(/^https:\/\/zoom\.us\/j\//);
    expect(zoom.tokenCalls()).toHaveLength(2);
    expect(zoom.apiCalls().map((c) => c.status)).toEqual([201, 401, 201]);
  });

  it('a server error is meeting.unavailable with Zoom’s message', async () => {
    zoom.failNext({ status: 500, message: 'Internal Error: please retry.' });
    const err = await failure(provider().create(request));
    expect(err).toMatchObject({ name: 'SupportError', code: 'meeting.unavailable' });
    expect(err.message).toBe('zoom: could not create a meeting: HTTP 500 Internal Error: please retry. (code 500)');
    zoom.failNext({ status: 429, code: 429, message: 'You have reached the maximum per-second rate limit.' });
    expect(await failure(provider().create(request))).toMatchObject({ code: 'meeting.unavailable' });
  });

  it('wrong credentials are meeting.refused, and the text never holds the secret', async () => {
    const err = await failure(provider({ clientSecret: 'wrong-secret-value' }).create(request));
    expect(err).toMatchObject({ code: 'meeting.refused' });
    expect(err.message).toBe(
      'zoom: could not get an access token: HTTP 401 invalid_client Invalid client_id or client_secret',
    );
    expect(err.message).not.toContain('wrong-secret-value');
    const account = await failure(provider({ accountId: 'someone-else' }).create(request));
    expect(account).toMatchObject({ code: 'meeting.refused', message: expect.stringContaining('Invalid account_id') });
    expect(zoom.apiCalls()).toHaveLength(0);
  });

  it('a bad request or an unknown host is meeting.refused', async () => {
    zoom.failNext({ status: 400, code: 300, message: 'Invalid field: start_time.' });
    expect(await failure(provider().create(request))).toMatchObject({
      code: 'meeting.refused',
      message: 'zoom: could not create a meeting: HTTP 400 Invalid field: start_time. (code 300)',
    });
    expect(await failure(provider().create({ ...request, hostEmail: 'bob@desk.example' }))).toMatchObject({
      code: 'meeting.refused',
      message: expect.stringContaining('User does not exist: bob@desk.example.'),
    });
    expect(await failure(provider().move('12345678901', request))).toMatchObject({
      code: 'meeting.refused',
      message: expect.stringContaining('Meeting does not exist'),
    });
  });

  it('a hung or unreachable server is meeting.unavailable', async () => {
    const zoomProvider = provider({ timeoutMs: 200 });
    await zoomProvider.create(request);
    zoom.stallNext();
    expect(await failure(zoomProvider.create(request))).toMatchObject({
      code: 'meeting.unavailable',
      message: 'zoom: could not create a meeting: timed out',
    });
    const port = await closedPort();
    const gone = createZoomProvider({
      ...app,
      apiUrl: `http://127.0.0.1:${port}/v2`,
      oauthUrl: `http://127.0.0.1:${port}/oauth/token`,
      clock,
    });
    expect(await failure(gone.create(request))).toMatchObject({
      code: 'meeting.unavailable',
      message: `zoom: could not get an access token: connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });

  it('a failed token request is not cached: the next call asks again', async () => {
    zoom.failNext({ status: 503, on: 'token' });
    const zoomProvider = provider();
    expect(await failure(zoomProvider.create(request))).toMatchObject({ code: 'meeting.unavailable' });
    await zoomProvider.create(request);
    expect(zoom.tokenCalls().map((c) => c.status)).toEqual([503, 200]);
  });
});
