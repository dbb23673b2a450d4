import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createCalendarEvents } from './create-calendar-events.js';
import { googleApiError as apiError } from './google-api-error.js';
import type { GoogleReply as Reply } from './google-api-error.js';
import { verifyServiceAccountJwt } from './verify-service-account-jwt.js';
import type { ServiceAccountJwtClaims } from './verify-service-account-jwt.js';

export interface GoogleRecordedCall {
  method: string;
  /** Path without the query, e.g. `/calendar/v3/calendars/desk%40example.com/events`. */
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  /** The JSON body, or the form fields of a token request. */
  body: unknown;
  /** The claims of a token request's JWT, once its signature verified. */
  jwt?: ServiceAccountJwtClaims | undefined;
  status: number;
}

export interface GoogleCalendarEmulatorOptions {
  /** The service account whose JWTs the token endpoint accepts. */
  clientEmail: string;
  publicKey: string | KeyObject;
  /** Calendars that exist. */
  calendars: string[];
  /** When set, the JWT must act for this user (`sub`, domain-wide delegation). */
  subject?: string;
  /** `expires_in` of every token. Default 3599, as Google. */
  tokenLifetimeSeconds?: number;
  /** The emulator's clock (JWT times, token expiry), shared with the provider's in tests. Default Date.now. */
  now?: () => number;
}

export interface GoogleFailure {
  status: number;
  message?: string;
  /** Google's `errors[0].reason`, e.g. `rateLimitExceeded`. */
  reason?: string;
  on?: 'token' | 'api';
  times?: number;
}

export type { EmulatedEvent } from './create-calendar-events.js';

const CALENDAR_SCOPES = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.events'];
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A loopback Google: the OAuth token endpoint for service accounts (the `jwt-bearer` grant, the JWT's RS256 signature
 * checked with the account's public key and its iss, aud, scope, iat and exp checked as Google does) and the Calendar
 * API's events (insert with a Meet conference when `conferenceDataVersion=1`, get, patch, delete), with Google's error
 * bodies and Bearer tokens checked on every API call. It records every call, can make the next conference `pending`
 * (ready on a later read) or a `failure`, revoke the tokens it gave, fail the next calls with a status, or hold the next
 * call unanswered.
 */
export async function createGoogleCalendarEmulator(options: GoogleCalendarEmulatorOptions) {
  const now = options.now ?? (() => Date.now());
  const calls: GoogleRecordedCall[] = [];
  const calendar = createCalendarEvents({ calendars: options.calendars, now });
  const tokens = new Map<string, { expiresAt: number; claims: ServiceAccountJwtClaims }>();
  const failures: (GoogleFailure & { on: 'token' | 'api'; times: number })[] = [];
  const held: ServerResponse[] = [];
  let stallNext = 0;
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  let url = '';

  function token(form: URLSearchParams): Reply & { jwt?: ServiceAccountJwtClaims } {
    if (form.get('grant_type') !== JWT_BEARER)
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${form.get('grant_type')}` },
      };
    const check = verifyServiceAccountJwt(form.get('assertion'), {
      clientEmail: options.clientEmail,
      publicKey: options.publicKey,
      audience: `${url}/token`,
      acceptedScopes: CALENDAR_SCOPES,
      nowSeconds: Math.floor(now() / 1000),
    });
    if (!check.ok) return { status: 400, body: { error: check.error, error_description: check.description } };
    if (options.subject !== undefined && check.claims.sub !== options.subject)
      return {
        status: 401,
        body: {
          error: 'unauthorized_client',
          error_description: 'Client is unauthorized to retrieve access tokens using this method.',
        },
      };
    const accessToken = `ya29.${randomBytes(32).toString('base64url')}`;
    tokens.set(accessToken, { expiresAt: now() + lifetime * 1000, claims: check.claims });
    return {
      status: 200,
      body: { access_token: accessToken, expires_in: lifetime, token_type: 'Bearer' },
      jwt: check.claims,
    };
  }

  function api(method: string, path: string, query: URLSearchParams, auth: string | undefined, body: unknown): Reply {
    const bearer = /^Bearer (.+)$/.exec(auth ?? '')?.[1];
    const granted = bearer ? tokens.get(bearer) : undefined;
    if (!granted || granted.expiresAt <= now())
      return apiError(401, 'Request had invalid authentication credentials.', 'authError');
    return calendar.answer(method, path, query, body);
  }

  function injected(on: 'token' | 'api'): Reply | null {
    const i = failures.findIndex((f) => f.on === on);
    if (i < 0) return null;
    const f = failures[i]!;
    if (--f.times <= 0) failures.splice(i, 1);
    const message = f.message ?? `Injected failure ${f.status}.`;
    if (on === 'token')
      return { status: f.status, body: { error: f.reason ?? 'invalid_request', error_description: message } };
    return apiError(f.status, message, f.reason ?? (f.status >= 500 ? 'backendError' : 'invalid'));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const text = await readBody(req);
    const isToken = u.pathname === '/token' && req.method === 'POST';
    let body: unknown = text === '' ? undefined : text;
    if (isToken) body = Object.fromEntries(new URLSearchParams(text));
    else if (text)
      try {
        body = JSON.parse(text);
      } catch {
        // Recorded as text; the route answers 400.
      }
    const record = {
      method: req.method ?? 'GET',
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      authorization: req.headers.authorization,
      body,
    };
    if (stallNext > 0) {
      stallNext--;
      held.push(res);
      calls.push({ ...record, status: 0 });
      return;
    }
    let reply: (Reply & { jwt?: ServiceAccountJwtClaims }) | null = injected(isToken ? 'token' : 'api');
    if (!reply && isToken) {
      const type = req.headers['content-type'] ?? '';
      reply = type.startsWith('application/x-www-form-urlencoded')
        ? token(new URLSearchParams(text))
        : { status: 400, body: { error: 'invalid_request', error_description: 'Bad Request' } };
    }
    reply ??= api(req.method ?? 'GET', u.pathname, u.searchParams, req.headers.authorization, body);
    calls.push({ ...record, ...(reply.jwt ? { jwt: reply.jwt } : {}), status: reply.status });
    res.writeHead(reply.status, reply.body === undefined ? {} : JSON_HEADERS);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, JSON_HEADERS).end(JSON.stringify(apiError(500, String(err), 'backendError').body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    /** For the provider's `tokenUrl` (and the JWT's `aud`). */
    tokenUrl: `${url}/token`,
    /** For the provider's `apiUrl`. */
    apiUrl: `${url}/calendar/v3`,
    calls,
    events: calendar.events,
    tokenCalls: () => calls.filter((c) => c.path === '/token'),
    apiCalls: () => calls.filter((c) => c.path !== '/token'),
    /** How the next conferences come out: made at once, `pending` for `reads` GETs of the event, or a failure. */
    setConference: calendar.setConference,
    /** Answer the next `times` calls of an endpoint with this status (Google's error body). */
    failNext(failure: GoogleFailure) {
      failures.push({ on: 'api', times: 1, ...failure });
    },
    /** Leave the next call unanswered, as a hung server does. */
    stallNext() {
      stallNext++;
    },
    /** Every token given so far stops working (401), as when a key is revoked. */
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

export type GoogleCalendarEmulator = Awaited<ReturnType<typeof createGoogleCalendarEmulator>>;
