import { randomBytes } from 'node:crypto';
import { googleApiError as apiError } from './google-api-error.js';
import type { GoogleReply as Reply } from './google-api-error.js';

export interface EmulatedEvent {
  kind: 'calendar#event';
  id: string;
  status: 'confirmed' | 'cancelled';
  summary?: string;
  start: { dateTime: string; timeZone?: string };
  end: { dateTime: string; timeZone?: string };
  sequence: number;
  created: string;
  updated: string;
  iCalUID: string;
  hangoutLink?: string;
  conferenceData?: {
    createRequest: {
      requestId: string;
      conferenceSolutionKey: { type: string };
      status: { statusCode: 'pending' | 'success' | 'failure' };
    };
    entryPoints?: { entryPointType: 'video'; uri: string; label: string }[];
    conferenceSolution?: { key: { type: string }; name: string };
    conferenceId?: string;
  };
  extendedProperties?: unknown;
}

export type ConferenceMode = 'success' | 'pending' | 'failure';

const letters = (n: number) => Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');

/**
 * The events of the emulated Google Calendar: insert (with a Meet conference when `conferenceDataVersion=1`, made at
 * once, `pending` until a later read, or a `failure`), list by private extended property, get, patch (the sequence bumped) and delete (kept as
 * `cancelled`, so a second delete is 410 as on Google), on the calendars that exist, with Google's errors.
 */
export function createCalendarEvents(options: { calendars: readonly string[]; now: () => number }) {
  const { now } = options;
  const calendars = new Set(options.calendars);
  const events = new Map<string, EmulatedEvent & { calendarId: string; pendingReads: number }>();
  let conference: { mode: ConferenceMode; pendingReads: number } = { mode: 'success', pendingReads: 0 };

  function times(body: Record<string, unknown>, partial: boolean, into: Partial<EmulatedEvent>): Reply | null {
    for (const key of ['start', 'end'] as const) {
      const value = body[key] as { dateTime?: unknown; timeZone?: unknown } | undefined;
      if (value === undefined && partial) continue;
      if (typeof value?.dateTime !== 'string' || Number.isNaN(Date.parse(value.dateTime)))
        return apiError(400, `Invalid ${key} time.`, 'invalid');
      into[key] = {
        dateTime: value.dateTime,
        ...(typeof value.timeZone === 'string' ? { timeZone: value.timeZone } : {}),
      };
    }
    return null;
  }

  function conferenceFor(request: unknown): EmulatedEvent['conferenceData'] | Reply {
    const create = (request as { createRequest?: { requestId?: unknown; conferenceSolutionKey?: { type?: unknown } } })
      ?.createRequest;
    if (typeof create?.requestId !== 'string' || typeof create.conferenceSolutionKey?.type !== 'string')
      return apiError(400, 'Invalid conference create request.', 'invalid');
    if (create.conferenceSolutionKey.type !== 'hangoutsMeet')
      return apiError(400, 'Invalid conference type value.', 'invalid');
    return {
      createRequest: {
        requestId: create.requestId,
        conferenceSolutionKey: { type: 'hangoutsMeet' },
        status: { statusCode: conference.mode },
      },
    };
  }

  function completeConference(event: EmulatedEvent) {
    const data = event.conferenceData;
    if (!data) return;
    if (data.createRequest.status.statusCode === 'pending') data.createRequest.status.statusCode = 'success';
    if (data.createRequest.status.statusCode !== 'success') return;
    const code = `${letters(3)}-${letters(4)}-${letters(3)}`;
    const uri = `https://meet.google.com/${code}`;
    data.entryPoints = [{ entryPointType: 'video', uri, label: `meet.google.com/${code}` }];
    data.conferenceSolution = { key: { type: 'hangoutsMeet' }, name: 'Google Meet' };
    data.conferenceId = code;
    event.hangoutLink = uri;
  }

  const view = (event: EmulatedEvent & { calendarId?: string; pendingReads?: number }) => {
    const { calendarId: _c, pendingReads: _p, ...rest } = event;
    return rest;
  };

  function answer(method: string, path: string, query: URLSearchParams, body: unknown): Reply {
    const route = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (!route) return apiError(404, 'Not Found', 'notFound');
    const calendarId = decodeURIComponent(route[1]!);
    if (!calendars.has(calendarId)) return apiError(404, 'Not Found', 'notFound');
    const eventId = route[2] === undefined ? undefined : decodeURIComponent(route[2]);
    const stamp = new Date(now()).toISOString();

    if (eventId === undefined && method === 'GET') {
      // events.list, with the filters the desk uses: privateExtendedProperty=key=value (each must match) and
      // showDeleted (cancelled events are left out unless true).
      const wanted = query.getAll('privateExtendedProperty').map((p) => p.split('=', 2) as [string, string]);
      const items = [...events.values()].filter((e) => {
        if (e.calendarId !== calendarId) return false;
        if (e.status === 'cancelled' && query.get('showDeleted') !== 'true') return false;
        const own = (e.extendedProperties as { private?: Record<string, unknown> } | undefined)?.private ?? {};
        return wanted.every(([k, v]) => own[k] === v);
      });
      return { status: 200, body: { kind: 'calendar#events', items: items.map(view) } };
    }
    if (eventId === undefined) {
      if (method !== 'POST') return apiError(404, 'Not Found', 'notFound');
      if (!body || typeof body !== 'object') return apiError(400, 'Parse Error', 'parseError');
      const b = body as Record<string, unknown>;
      const event: Partial<EmulatedEvent> = {};
      const bad = times(b, false, event);
      if (bad) return bad;
      if (Date.parse(event.end!.dateTime) <= Date.parse(event.start!.dateTime))
        return apiError(400, 'The specified time range is empty.', 'timeRangeEmpty');
      const id = letters(26);
      const stored = {
        kind: 'calendar#event' as const,
        id,
        status: 'confirmed' as const,
        ...(typeof b.summary === 'string' ? { summary: b.summary } : {}),
        start: event.start!,
        end: event.end!,
        sequence: 0,
        created: stamp,
        updated: stamp,
        iCalUID: `${id}@google.com`,
        ...(b.extendedProperties !== undefined ? { extendedProperties: b.extendedProperties } : {}),
        calendarId,
        pendingReads: conference.pendingReads,
      };
      // Without conferenceDataVersion=1 Google ignores conferenceData, as the real API does.
      if (b.conferenceData !== undefined && query.get('conferenceDataVersion') === '1') {
        const data = conferenceFor(b.conferenceData);
        if (data && 'status' in data) return data;
        Object.assign(stored, { conferenceData: data });
        if (conference.mode === 'success') completeConference(stored);
      }
      events.set(id, stored);
      return { status: 200, body: view(stored) };
    }

    const event = events.get(eventId);
    if (!event || event.calendarId !== calendarId) return apiError(404, 'Not Found', 'notFound');
    if (method === 'GET') {
      if (event.conferenceData?.createRequest.status.statusCode === 'pending' && --event.pendingReads < 0)
        completeConference(event);
      return { status: 200, body: view(event) };
    }
    if (event.status === 'cancelled') return apiError(410, 'Resource has been deleted', 'deleted');
    if (method === 'PATCH') {
      if (!body || typeof body !== 'object') return apiError(400, 'Parse Error', 'parseError');
      const b = body as Record<string, unknown>;
      const changes: Partial<EmulatedEvent> = {};
      const bad = times(b, true, changes);
      if (bad) return bad;
      if (typeof b.summary === 'string') changes.summary = b.summary;
      const next = { ...event, ...changes };
      if (Date.parse(next.end.dateTime) <= Date.parse(next.start.dateTime))
        return apiError(400, 'The specified time range is empty.', 'timeRangeEmpty');
      Object.assign(event, changes, { sequence: event.sequence + 1, updated: stamp });
      return { status: 200, body: view(event) };
    }
    if (method === 'DELETE') {
      Object.assign(event, { status: 'cancelled', updated: stamp });
      return { status: 204 };
    }
    return apiError(404, 'Not Found', 'notFound');
  }

  return {
    events,
    answer,
    /** How the next conferences come out: made at once, `pending` for `reads` GETs of the event, or a failure. */
    setConference(mode: ConferenceMode, reads = 1) {
      conference = { mode, pendingReads: reads };
    },
  };
}
