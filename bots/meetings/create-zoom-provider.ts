import { SupportError } from '../../core/index.js';
import type { Clock, MeetingProvider, MeetingRequest } from '../../core/index.js';
import { callMeetingApi } from './call-meeting-api.js';
import type { MeetingApiRequest, MeetingApiResponse } from './call-meeting-api.js';
import { createTokenCache } from './create-token-cache.js';
import { meetingApiError } from './meeting-api-error.js';

export interface ZoomProviderOptions {
  /** The Server-to-Server OAuth app's credentials (ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET). */
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** The user who hosts when the booking has no staff email. Default `me` (the app's owner). */
  defaultHost?: string | undefined;
  /** Default `https://api.zoom.us/v2`. */
  apiUrl?: string | undefined;
  /** The token endpoint. Default `https://zoom.us/oauth/token`. */
  oauthUrl?: string | undefined;
  /** Each request is aborted after this long. Default 10 s. */
  timeoutMs?: number | undefined;
  clock?: Clock | undefined;
  fetch?: typeof fetch | undefined;
}

/** Zoom's limit on a topic. */
const MAX_TOPIC = 200;

const trimSlash = (url: string) => url.replace(/\/+$/, '');
/** Zoom wants `yyyy-MM-ddTHH:mm:ssZ` for a start time in UTC. */
const zoomTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function schedule(request: MeetingRequest) {
  return {
    topic: request.title.slice(0, MAX_TOPIC),
    start_time: zoomTime(request.startsAt),
    duration: Math.max(1, Math.round((request.endsAt - request.startsAt) / 60_000)),
    timezone: request.timezone,
  };
}

/**
 * Zoom meetings through a Server-to-Server OAuth app: an account-credentials token (Basic client id and secret),
 * cached until a minute before it expires and renewed once when the API answers 401 to it; scheduled meetings (type 2)
 * created on the host's account (`POST /users/{host}/meetings`), moved with `PATCH /meetings/{id}` and deleted with
 * `DELETE /meetings/{id}` (a meeting already gone is fine). Node's fetch, no SDK: Zoom ships no Node server SDK for
 * this API, and four calls do not need one.
 */
export function createZoomProvider(options: ZoomProviderOptions): MeetingProvider {
  const apiUrl = trimSlash(options.apiUrl ?? 'https://api.zoom.us/v2');
  const oauthUrl = options.oauthUrl ?? 'https://zoom.us/oauth/token';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? { now: () => Date.now() };
  const secrets = [options.clientSecret];
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
  const call = (request: Omit<MeetingApiRequest, 'provider' | 'timeoutMs' | 'fetch'>) =>
    callMeetingApi({ ...request, provider: 'zoom', timeoutMs, fetch: doFetch });

  const tokens = createTokenCache(async () => {
    const url = new URL(oauthUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', options.accountId);
    const action = 'get an access token';
    const response = await call({
      action,
      method: 'POST',
      url: url.href,
      headers: { authorization: `Basic ${basic}` },
    });
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | null;
    if (response.status !== 200) throw meetingApiError('zoom', action, response, secrets);
    if (typeof body?.access_token !== 'string')
      throw new SupportError('meeting.unavailable', `zoom: could not ${action}: the answer has no access_token`);
    return { token: body.access_token, expiresInSeconds: Number(body.expires_in) || 3600 };
  }, clock);

  /** An API call with the cached token; a 401 (a token revoked or expired early) gets one new token and one retry. */
  async function api(action: string, method: MeetingApiRequest['method'], path: string, body?: unknown) {
    let response: MeetingApiResponse | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await tokens.get();
      response = await call({
        action,
        method,
        url: `${apiUrl}${path}`,
        headers: { authorization: `Bearer ${token}` },
        body,
      });
      if (response.status !== 401) break;
      tokens.invalidate(token);
    }
    return response!;
  }

  return {
    name: 'zoom',
    async create(request) {
      const action = 'create a meeting';
      const host = encodeURIComponent(request.hostEmail ?? options.defaultHost ?? 'me');
      const response = await api(action, 'POST', `/users/${host}/meetings`, { ...schedule(request), type: 2 });
      if (response.status !== 201 && response.status !== 200) throw meetingApiError('zoom', action, response, secrets);
      const meeting = response.body as { id?: unknown; join_url?: unknown } | null;
      if (typeof meeting?.join_url !== 'string' || (typeof meeting.id !== 'number' && typeof meeting.id !== 'string'))
        throw new SupportError('meeting.unavailable', `zoom: could not ${action}: the answer has no id or join_url`);
      return { url: meeting.join_url, meetingId: String(meeting.id) };
    },
    async move(meetingId, request) {
      const action = `move meeting ${meetingId}`;
      const response = await api(action, 'PATCH', `/meetings/${encodeURIComponent(meetingId)}`, schedule(request));
      if (response.status >= 300) throw meetingApiError('zoom', action, response, secrets);
    },
    async remove(meetingId) {
      const action = `delete meeting ${meetingId}`;
      const response = await api(action, 'DELETE', `/meetings/${encodeURIComponent(meetingId)}`);
      if (response.status >= 300 && response.status !== 404) throw meetingApiError('zoom', action, response, secrets);
    },
  };
}
