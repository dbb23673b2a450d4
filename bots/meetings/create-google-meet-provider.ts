import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SupportError } from '../../core/index.js';
import type { Clock, MeetingProvider, MeetingRequest } from '../../core/index.js';
import { callMeetingApi } from './call-meeting-api.js';
import type { MeetingApiRequest, MeetingApiResponse } from './call-meeting-api.js';
import { createTokenCache } from './create-token-cache.js';
import { meetingApiError } from './meeting-api-error.js';
import { signServiceAccountJwt } from './sign-service-account-jwt.js';

/** The fields of a service account's JSON key file (GOOGLE_SERVICE_ACCOUNT_JSON) the provider reads. */
export interface GoogleServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string | undefined;
  /** The token endpoint named in the key file; `tokenUrl` wins over it. */
  token_uri?: string | undefined;
}

export interface GoogleMeetProviderOptions {
  serviceAccount: GoogleServiceAccountKey;
  /** The calendar the desk's events go on (GOOGLE_CALENDAR_ID): a shared calendar, or a user's address. */
  calendarId: string;
  /**
   * The Workspace user the service account acts for (domain-wide delegation, GOOGLE_CALENDAR_SUBJECT). Meet links on
   * a Workspace calendar usually need it: a service account's own calendar cannot have them.
   */
  subject?: string | undefined;
  /** Default `https://www.googleapis.com/calendar/v3`. */
  apiUrl?: string | undefined;
  /** Default the key file's token_uri, else `https://oauth2.googleapis.com/token`. */
  tokenUrl?: string | undefined;
  /** Each request is aborted after this long. Default 10 s. */
  timeoutMs?: number | undefined;
  /** When Google is still making the Meet link, look again this often, three times. Default 1 s. */
  conferencePollMs?: number | undefined;
  clock?: Clock | undefined;
  fetch?: typeof fetch | undefined;
}

export const GOOGLE_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
const CONFERENCE_POLLS = 3;

type CalendarEvent = {
  id?: unknown;
  status?: unknown;
  start?: { dateTime?: unknown };
  end?: { dateTime?: unknown };
  hangoutLink?: unknown;
  conferenceData?: {
    createRequest?: { status?: { statusCode?: unknown } };
    entryPoints?: { entryPointType?: unknown; uri?: unknown }[];
  };
};

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function timing(request: MeetingRequest) {
  return {
    summary: request.title,
    start: { dateTime: new Date(request.startsAt).toISOString(), timeZone: request.timezone },
    end: { dateTime: new Date(request.endsAt).toISOString(), timeZone: request.timezone },
  };
}

function meetLink(event: CalendarEvent): string | null {
  if (typeof event.hangoutLink === 'string') return event.hangoutLink;
  const video = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video');
  return typeof video?.uri === 'string' ? video.uri : null;
}

function readKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new SupportError('config.invalid', 'google-meet: the service account private_key is not a PEM private key');
  }
}

/**
 * Google Meet links through Google Calendar: an event on the desk's calendar with a Meet conference requested
 * (`conferenceDataVersion=1`, `createRequest.requestId` stable per booking), moved with PATCH and deleted with DELETE
 * (one already gone, 404 or 410, is fine). A create looks first for the booking's event (the private extended property
 * `supportCallBooking` at the same times): when a previous try made it but its answer was lost (a timeout, a crash
 * before the link was recorded), the desk's retry takes that event instead of putting a second one on the calendar.
 * Authenticated as a service account: a JWT signed with its key (RS256,
 * node:crypto, no googleapis) traded for an access token at the token endpoint, cached until a minute before it
 * expires and renewed once when the API answers 401. The event has no attendees: the desk sends its own invitation.
 */
export function createGoogleMeetProvider(options: GoogleMeetProviderOptions): MeetingProvider {
  const apiUrl = trimSlash(options.apiUrl ?? 'https://www.googleapis.com/calendar/v3');
  const tokenUrl = options.tokenUrl ?? options.serviceAccount.token_uri ?? 'https://oauth2.googleapis.com/token';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pollMs = options.conferencePollMs ?? 1000;
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? { now: () => Date.now() };
  const privateKey = readKey(options.serviceAccount.private_key);
  const events = `${apiUrl}/calendars/${encodeURIComponent(options.calendarId)}/events`;
  const call = (request: Omit<MeetingApiRequest, 'provider' | 'timeoutMs' | 'fetch'>) =>
    callMeetingApi({ ...request, provider: 'google-meet', timeoutMs, fetch: doFetch });
  const fail = (action: string, response: MeetingApiResponse) => meetingApiError('google-meet', action, response);

  const tokens = createTokenCache(async () => {
    const action = 'get an access token';
    const assertion = signServiceAccountJwt({
      clientEmail: options.serviceAccount.client_email,
      privateKey,
      keyId: options.serviceAccount.private_key_id,
      scope: GOOGLE_CALENDAR_SCOPE,
      audience: tokenUrl,
      subject: options.subject,
      nowSeconds: Math.floor(clock.now() / 1000),
    });
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    const response = await call({ action, method: 'POST', url: tokenUrl, body: form });
    const body = response.body as { access_token?: unknown; expires_in?: unknown } | null;
    if (response.status !== 200) throw fail(action, response);
    if (typeof body?.access_token !== 'string')
      throw new SupportError('meeting.unavailable', `google-meet: could not ${action}: the answer has no access_token`);
    return { token: body.access_token, expiresInSeconds: Number(body.expires_in) || 3600 };
  }, clock);

  async function api(action: string, method: MeetingApiRequest['method'], url: string, body?: unknown) {
    let response: MeetingApiResponse | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await tokens.get();
      response = await call({ action, method, url, headers: { authorization: `Bearer ${token}` }, body });
      if (response.status !== 401) break;
      tokens.invalidate(token);
    }
    return response!;
  }

  const eventUrl = (eventId: string, query = '') => `${events}/${encodeURIComponent(eventId)}${query}`;

  /** Why an event came back without a usable Meet link. */
  function noLink(status: unknown): SupportError {
    if (status === 'pending')
      return new SupportError('meeting.unavailable', 'google-meet: the Meet link was not ready in time');
    return new SupportError(
      'meeting.refused',
      status === 'failure'
        ? 'google-meet: Google could not add a Meet conference to the event (is Meet allowed on this calendar, and is the service account delegated a Workspace user?)'
        : 'google-meet: the event came back without a Meet conference',
    );
  }

  /**
   * Google may answer `pending` while it makes the conference: look again a few times. An event left without a link
   * is deleted, so a retry of the booking does not leave a stray event on the calendar.
   */
  async function awaitLink(eventId: string, first: CalendarEvent): Promise<string> {
    try {
      let event = first;
      for (let poll = 0; ; poll++) {
        const link = meetLink(event);
        const status = event.conferenceData?.createRequest?.status?.statusCode;
        if (link && status !== 'pending' && status !== 'failure') return link;
        if (status !== 'pending' || poll >= CONFERENCE_POLLS) throw noLink(status);
        await sleep(pollMs);
        const response = await api('read the event', 'GET', eventUrl(eventId, '?conferenceDataVersion=1'));
        if (response.status !== 200) throw fail('read the event', response);
        event = response.body as CalendarEvent;
      }
    } catch (err) {
      await api('delete the event', 'DELETE', eventUrl(eventId, '?sendUpdates=none')).catch(() => undefined);
      throw err;
    }
  }

  /** The booking's event made by an earlier try, if any: same booking id, same times, not deleted. */
  async function earlierEvent(request: MeetingRequest): Promise<(CalendarEvent & { id: string }) | null> {
    const action = 'look for the booking’s event';
    const query = new URLSearchParams({
      privateExtendedProperty: `supportCallBooking=${request.bookingId}`,
      showDeleted: 'false',
    });
    const response = await api(action, 'GET', `${events}?${query}`);
    if (response.status !== 200) throw fail(action, response);
    const items = (response.body as { items?: CalendarEvent[] } | null)?.items ?? [];
    const same = (t: { dateTime?: unknown } | undefined, at: number) =>
      typeof t?.dateTime === 'string' && Date.parse(t.dateTime) === at;
    const found = items.find(
      (e) =>
        typeof e.id === 'string' &&
        e.status !== 'cancelled' &&
        same(e.start, request.startsAt) &&
        same(e.end, request.endsAt),
    );
    return found ? (found as CalendarEvent & { id: string }) : null;
  }

  return {
    name: 'google-meet',
    async create(request) {
      const earlier = await earlierEvent(request);
      if (earlier) return { url: await awaitLink(earlier.id, earlier), meetingId: earlier.id };
      const action = 'create an event with a Meet link';
      const response = await api(action, 'POST', `${events}?conferenceDataVersion=1&sendUpdates=none`, {
        ...timing(request),
        conferenceData: {
          createRequest: {
            requestId: `support-call-${request.bookingId}`,
            conferenceSolutionKey: { type: 'hangoutsMeet' },
          },
        },
        extendedProperties: { private: { supportCallBooking: String(request.bookingId) } },
      });
      if (response.status !== 200) throw fail(action, response);
      const event = response.body as CalendarEvent;
      if (typeof event?.id !== 'string')
        throw new SupportError('meeting.unavailable', `google-meet: could not ${action}: the answer has no event id`);
      return { url: await awaitLink(event.id, event), meetingId: event.id };
    },
    async move(meetingId, request) {
      const action = `move event ${meetingId}`;
      const response = await api(action, 'PATCH', eventUrl(meetingId, '?sendUpdates=none'), timing(request));
      if (response.status !== 200) throw fail(action, response);
    },
    async remove(meetingId) {
      const action = `delete event ${meetingId}`;
      const response = await api(action, 'DELETE', eventUrl(meetingId, '?sendUpdates=none'));
      if (response.status >= 300 && response.status !== 404 && response.status !== 410) throw fail(action, response);
    },
  };
}
