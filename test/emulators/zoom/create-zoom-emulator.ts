import { randomBytes, randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ZoomRecordedCall {
  method: string;
  /** Path without the query, e.g. `/v2/users/me/meetings`. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

export interface ZoomMeeting {
  id: number;
  uuid: string;
  host: string;
  topic: string;
  type: number;
  start_time: string;
  duration: number;
  timezone: string;
  join_url: string;
  start_url: string;
  password: string;
}

export interface ZoomEmulatorOptions {
  /** The Server-to-Server OAuth app the token endpoint accepts. */
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Users that can host besides `me`, by email. Default: any address. */
  users?: string[];
  /** `expires_in` of every token. Default 3599, as Zoom. */
  tokenLifetimeSeconds?: number;
}

export interface ZoomFailure {
  status: number;
  /** Zoom's error `code`; default by status. */
  code?: number;
  message?: string;
  /** Which endpoint fails: the token endpoint or the meetings API (default). */
  on?: 'token' | 'api';
  times?: number;
}

type Reply = { status: number; body?: unknown };

const JSON_HEADERS = { 'content-type': 'application/json;charset=UTF-8' };
/** Zoom's time format for a start time in GMT. */
const ZOOM_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A loopback Zoom: the Server-to-Server OAuth token endpoint (`POST /oauth/token?grant_type=account_credentials&
 * account_id=…` with HTTP Basic client id and secret, checked exactly) and the meetings API the desk uses (`POST
 * /v2/users/{userId}/meetings`, `PATCH` and `DELETE /v2/meetings/{id}`), with Zoom's status codes and `{code,
 * message}` errors and Bearer tokens checked on every API call. It records every call, can revoke the tokens it gave,
 * fail the next calls with a status, or hold the next call unanswered (a timeout).
 */
export async function createZoomEmulator(options: ZoomEmulatorOptions) {
  const calls: ZoomRecordedCall[] = [];
  const meetings = new Map<number, ZoomMeeting>();
  const tokens = new Map<string, number>();
  const failures: (ZoomFailure & { on: 'token' | 'api'; times: number })[] = [];
  const held: ServerResponse[] = [];
  let stallNext = 0;
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
  const users = options.users ? new Set(options.users.map((u) => u.toLowerCase())) : null;

  const error = (status: number, code: number, message: string): Reply => ({ status, body: { code, message } });

  function token(req: IncomingMessage, query: URLSearchParams): Reply {
    if (req.headers.authorization !== basic)
      return { status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } };
    if (query.get('grant_type') !== 'account_credentials')
      return { status: 400, body: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' } };
    if (query.get('account_id') !== options.accountId)
      return { status: 400, body: { reason: 'Invalid request : Invalid account_id.', error: 'invalid_request' } };
    const accessToken = `zoom-${randomBytes(24).toString('base64url')}`;
    tokens.set(accessToken, Date.now() + lifetime * 1000);
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: 'bearer',
        expires_in: lifetime,
        scope: 'meeting:write:meeting:admin meeting:update:meeting:admin meeting:delete:meeting:admin',
        api_url: 'https://api.zoom.us',
      },
    };
  }

  function schedule(body: unknown, partial: boolean): Reply | Partial<ZoomMeeting> {
    if (!body || typeof body !== 'object') return error(400, 300, 'Request Body should be a valid JSON object.');
    const b = body as Record<string, unknown>;
    const out: Partial<ZoomMeeting> = {};
    if (b.topic !== undefined || !partial) {
      if (typeof b.topic !== 'string' || b.topic.length > 200) return error(400, 300, 'Invalid field: topic.');
      out.topic = b.topic;
    }
    if (b.start_time !== undefined || !partial) {
      if (typeof b.start_time !== 'string' || !ZOOM_TIME.test(b.start_time))
        return error(400, 300, 'Invalid field: start_time.');
      out.start_time = b.start_time;
    }
    if (b.duration !== undefined || !partial) {
      if (!Number.isInteger(b.duration) || (b.duration as number) < 1)
        return error(400, 300, 'Invalid field: duration.');
      out.duration = b.duration as number;
    }
    if (b.timezone !== undefined) {
      if (typeof b.timezone !== 'string') return error(400, 300, 'Invalid field: timezone.');
      out.timezone = b.timezone;
    }
    return out;
  }

  function api(method: string, path: string, auth: string | undefined, body: unknown): Reply {
    const bearer = /^Bearer (.+)$/.exec(auth ?? '')?.[1];
    const expires = bearer ? tokens.get(bearer) : undefined;
    if (expires === undefined || expires <= Date.now()) return error(401, 124, 'Invalid access token.');
    const create = /^\/v2\/users\/([^/]+)\/meetings$/.exec(path);
    if (create && method === 'POST') {
      const user = decodeURIComponent(create[1]!);
      if (user !== 'me' && users && !users.has(user.toLowerCase()))
        return error(404, 1001, `User does not exist: ${user}.`);
      if ((body as { type?: unknown } | null)?.type !== 2) return error(400, 300, 'Invalid field: type.');
      const fields = schedule(body, false);
      if ('status' in fields) return fields;
      const id = randomInt(80_000_000_000, 99_999_999_999);
      const password = randomBytes(6).toString('hex');
      const meeting: ZoomMeeting = {
        id,
        uuid: randomBytes(16).toString('base64'),
        host: user,
        type: 2,
        timezone: 'UTC',
        ...(fields as Pick<ZoomMeeting, 'topic' | 'start_time' | 'duration'>),
        join_url: `https://zoom.us/j/${id}?pwd=${password}`,
        start_url: `https://zoom.us/s/${id}?zak=${randomBytes(12).toString('hex')}`,
        password,
      };
      meetings.set(id, meeting);
      return { status: 201, body: { ...meeting, host_email: user === 'me' ? 'owner@zoom.example' : user } };
    }
    const one = /^\/v2\/meetings\/([^/]+)$/.exec(path);
    if (one) {
      const id = Number(decodeURIComponent(one[1]!));
      const meeting = meetings.get(id);
      if (!meeting) return error(404, 3001, `Meeting does not exist: ${one[1]}.`);
      if (method === 'GET') return { status: 200, body: meeting };
      if (method === 'PATCH') {
        const fields = schedule(body, true);
        if ('status' in fields) return fields;
        Object.assign(meeting, fields);
        return { status: 204 };
      }
      if (method === 'DELETE') {
        meetings.delete(id);
        return { status: 204 };
      }
    }
    return error(404, 404, 'Not found.');
  }

  function injected(on: 'token' | 'api'): Reply | null {
    const i = failures.findIndex((f) => f.on === on);
    if (i < 0) return null;
    const f = failures[i]!;
    if (--f.times <= 0) failures.splice(i, 1);
    const code = f.code ?? (f.status >= 500 ? f.status : 300);
    return { status: f.status, body: { code, message: f.message ?? `Injected failure ${f.status}.` } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(req);
    let body: unknown = text === '' ? undefined : text;
    try {
      if (text) body = JSON.parse(text);
    } catch {
      // Recorded as text; the route answers 400 if it needed JSON.
    }
    const isToken = url.pathname === '/oauth/token' && req.method === 'POST';
    if (stallNext > 0) {
      stallNext--;
      held.push(res);
      calls.push({ ...record(req, url, body), status: 0 });
      return;
    }
    const reply =
      injected(isToken ? 'token' : 'api') ??
      (isToken
        ? token(req, url.searchParams)
        : api(req.method ?? 'GET', url.pathname, req.headers.authorization, body));
    calls.push({ ...record(req, url, body), status: reply.status });
    res.writeHead(reply.status, reply.body === undefined ? {} : JSON_HEADERS);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  function record(req: IncomingMessage, url: URL, body: unknown): Omit<ZoomRecordedCall, 'status'> {
    return {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
    };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, JSON_HEADERS).end(JSON.stringify({ code: 500, message: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    /** For the provider's `oauthUrl`. */
    oauthUrl: `${url}/oauth/token`,
    /** For the provider's `apiUrl`. */
    apiUrl: `${url}/v2`,
    calls,
    meetings,
    /** The token requests and the API calls, apart. */
    tokenCalls: () => calls.filter((c) => c.path === '/oauth/token'),
    apiCalls: () => calls.filter((c) => c.path !== '/oauth/token'),
    /** Answer the next `times` calls of an endpoint with this status (Zoom's `{code, message}` body). */
    failNext(failure: ZoomFailure) {
      failures.push({ on: 'api', times: 1, ...failure });
    },
    /** Leave the next call unanswered, as a hung server does. */
    stallNext() {
      stallNext++;
    },
    /** Every token given so far stops working (401, code 124), as when an app's secret is rotated. */
    revokeTokens() {
      tokens.clear();
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ZoomEmulator = Awaited<ReturnType<typeof createZoomEmulator>>;
