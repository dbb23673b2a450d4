import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingRequest, SupportError } from '../../core/index.js';
import { createGoogleCalendarEmulator } from '../../test/emulators/google/create-google-calendar-emulator.js';
import type { GoogleCalendarEmulator } from '../../test/emulators/google/create-google-calendar-emulator.js';
import { createGoogleMeetProvider, GOOGLE_CALENDAR_SCOPE } from './create-google-meet-provider.js';
import type { GoogleMeetProviderOptions, GoogleServiceAccountKey } from './create-google-meet-provider.js';

const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const stranger = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
/** The fields of a downloaded key file (GOOGLE_SERVICE_ACCOUNT_JSON), as JSON.parse gives them. */
const serviceAccount: GoogleServiceAccountKey = JSON.parse(
  JSON.stringify({
    type: 'service_account',
    project_id: 'acme-desk',
    private_key_id: 'key-1',
    private_key: keys.privateKey,
    client_email: 'desk-calls@acme-desk.iam.gserviceaccount.com',
    client_id: '1234567890',
    token_uri: 'https://oauth2.googleapis.com/token',
  }),
);
const calendarId = 'calls@desk.example';
const request: MeetingRequest = {
  bookingId: 42,
  title: 'Acme Support: SSO setup',
  startsAt: Date.UTC(2026, 11, 3, 14, 0),
  endsAt: Date.UTC(2026, 11, 3, 14, 30),
  timezone: 'Europe/Berlin',
  hostEmail: 'alice@desk.example',
};

let google: GoogleCalendarEmulator;
let now: number;
const clock = { now: () => now };
const provider = (extra: Partial<GoogleMeetProviderOptions> = {}) =>
  createGoogleMeetProvider({
    serviceAccount,
    calendarId,
    apiUrl: google.apiUrl,
    tokenUrl: google.tokenUrl,
    conferencePollMs: 5,
    clock,
    ...extra,
  });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('should have failed'),
    (err: SupportError) => err,
  );
const eventsPath = `/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events`;

beforeEach(async () => {
  now = Date.UTC(2026, 11, 1, 9);
  google = await createGoogleCalendarEmulator({
    clientEmail: serviceAccount.client_email,
    publicKey: keys.publicKey,
    calendars: [calendarId],
    now: () => now,
  });
});
afterEach(async () => {
  await google.close();
});

describe('createGoogleMeetProvider', () => {
  it('trades a signed service-account JWT for a token and creates an event with a Meet conference', async () => {
    const meeting = await provider().create(request);
    const [tokenCall, listCall, createCall] = google.calls;
    expect(tokenCall).toMatchObject({
      method: 'POST',
      path: '/token',
      body: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: expect.any(String) },
      jwt: {
        iss: serviceAccount.client_email,
        scope: GOOGLE_CALENDAR_SCOPE,
        aud: google.tokenUrl,
        iat: now / 1000,
        exp: now / 1000 + 3600,
      },
      status: 200,
    });
    // First the booking's event from an earlier try, if there is one (none here).
    expect(listCall).toMatchObject({
      method: 'GET',
      path: eventsPath,
      query: { privateExtendedProperty: 'supportCallBooking=42', showDeleted: 'false' },
      status: 200,
    });
    expect(createCall).toMatchObject({
      method: 'POST',
      path: eventsPath,
      query: { conferenceDataVersion: '1', sendUpdates: 'none' },
      authorization: expect.stringMatching(/^Bearer ya29\./),
      body: {
        summary: 'Acme Support: SSO setup',
        start: { dateTime: '2026-12-03T14:00:00.000Z', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-12-03T14:30:00.000Z', timeZone: 'Europe/Berlin' },
        conferenceData: {
          createRequest: { requestId: 'support-call-42', conferenceSolutionKey: { type: 'hangoutsMeet' } },
        },
      },
      status: 200,
    });
    const event = google.events.get(meeting.meetingId!)!;
    expect(meeting.url).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(meeting.url).toBe(event.hangoutLink);
    // The desk sends its own invitation: the event invites no one, so Google mails no one.
    expect(event).not.toHaveProperty('attendees');
  });

  it('a retry of a booking takes the event an earlier try made: one event on the calendar, the same link', async () => {
    const meet = provider();
    const first = await meet.create(request);
    // The answer was lost (a timeout, a crash before the link was recorded): the desk asks again for booking 42.
    expect(await meet.create(request)).toEqual(first);
    expect([...google.events.values()].filter((e) => e.status === 'confirmed')).toHaveLength(1);
    // Another booking, and booking 42 once its event is deleted, get events of their own.
    const other = await meet.create({ ...request, bookingId: 43 });
    expect(other.meetingId).not.toBe(first.meetingId);
    await meet.remove(first.meetingId!);
    const again = await meet.create(request);
    expect(again.meetingId).not.toBe(first.meetingId);
    // An event of booking 42 at other times (another desk's, or before a move) is not taken either.
    const moved = await meet.create({
      ...request,
      startsAt: request.startsAt + 3_600_000,
      endsAt: request.endsAt + 3_600_000,
    });
    expect(moved.meetingId).not.toBe(again.meetingId);
    const posts = google.apiCalls().filter((c) => c.method === 'POST');
    expect(
      posts.map(
        (c) =>
          (c.body as { conferenceData: { createRequest: { requestId: string } } }).conferenceData.createRequest
            .requestId,
      ),
    ).toEqual(['support-call-42', 'support-call-43', 'support-call-42', 'support-call-42']);
  });

  it('moves the event with PATCH and deletes it; an event already deleted (410) or unknown (404) is fine', async () => {
    const meet = provider();
    const { meetingId } = await meet.create(request);
    await meet.move(meetingId!, { ...request, startsAt: Date.UTC(2026, 11, 4, 8), endsAt: Date.UTC(2026, 11, 4, 9) });
    expect(google.events.get(meetingId!)).toMatchObject({
      start: { dateTime: '2026-12-04T08:00:00.000Z', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-12-04T09:00:00.000Z' },
      sequence: 1,
    });
    await meet.remove(meetingId!);
    expect(google.events.get(meetingId!)?.status).toBe('cancelled');
    await meet.remove(meetingId!);
    await meet.remove('nosuchevent');
    expect(google.apiCalls().map((c) => [c.method, c.status])).toEqual([
      ['GET', 200],
      ['POST', 200],
      ['PATCH', 200],
      ['DELETE', 204],
      ['DELETE', 410],
      ['DELETE', 404],
    ]);
    expect(google.apiCalls()[2]?.path).toBe(`${eventsPath}/${meetingId}`);
  });

  it('keeps the token until a minute before it expires, then signs a new JWT', async () => {
    const meet = provider();
    await Promise.all([meet.create(request), meet.create(request)]);
    now += 3599_000 - 61_000;
    await meet.create(request);
    expect(google.tokenCalls()).toHaveLength(1);
    now += 2_000;
    await meet.create(request);
    const tokenCalls = google.tokenCalls();
    expect(tokenCalls).toHaveLength(2);
    expect(tokenCalls[1]?.jwt?.iat).toBe(Math.floor(now / 1000));
  });

  it('gets a new token and retries once when the API answers 401', async () => {
    const meet = provider();
    await meet.create(request);
    google.revokeTokens();
    await meet.create(request);
    expect(google.tokenCalls()).toHaveLength(2);
    // The second create's look for the event is refused once, then answered (it finds the first create's event).
    expect(google.apiCalls().map((c) => [c.method, c.status])).toEqual([
      ['GET', 200],
      ['POST', 200],
      ['GET', 401],
      ['GET', 200],
    ]);
  });

  it('acts for a Workspace user (sub) when delegated', async () => {
    await google.close();
    google = await createGoogleCalendarEmulator({
      clientEmail: serviceAccount.client_email,
      publicKey: keys.publicKey,
      calendars: [calendarId],
      subject: 'calls@desk.example',
      now: () => now,
    });
    expect(await failure(provider().create(request))).toMatchObject({ code: 'meeting.refused' });
    await provider({ subject: 'calls@desk.example' }).create(request);
    expect(google.tokenCalls().at(-1)?.jwt?.sub).toBe('calls@desk.example');
  });

  it('waits while Google makes the link (pending), and gives up after three looks, deleting the event', async () => {
    google.setConference('pending', 1);
    const meeting = await provider().create(request);
    expect(meeting.url).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(google.apiCalls().map((c) => c.method)).toEqual(['GET', 'POST', 'GET', 'GET']);

    google.setConference('pending', 10);
    const err = await failure(provider().create({ ...request, bookingId: 43 }));
    expect(err).toMatchObject({
      code: 'meeting.unavailable',
      message: 'google-meet: the Meet link was not ready in time',
    });
    expect(
      google
        .apiCalls()
        .slice(4)
        .map((c) => c.method),
    ).toEqual(['GET', 'POST', 'GET', 'GET', 'GET', 'DELETE']);
    expect([...google.events.values()].filter((e) => e.status === 'confirmed')).toHaveLength(1);
  });

  it('a conference Google could not make is meeting.refused, and the event is deleted', async () => {
    google.setConference('failure');
    const err = await failure(provider().create(request));
    expect(err).toMatchObject({ code: 'meeting.refused', message: expect.stringContaining('could not add a Meet') });
    expect([...google.events.values()].map((e) => e.status)).toEqual(['cancelled']);
  });

  it('a server error or a rate limit is meeting.unavailable with Google’s message', async () => {
    google.failNext({ status: 503, message: 'The service is currently unavailable.' });
    expect(await failure(provider().create(request))).toMatchObject({
      code: 'meeting.unavailable',
      message:
        'google-meet: could not look for the booking’s event: HTTP 503 The service is currently unavailable. (UNAVAILABLE)',
    });
    expect(google.events.size).toBe(0);
    google.failNext({ status: 403, reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' });
    expect(await failure(provider().create(request))).toMatchObject({ code: 'meeting.unavailable' });
    google.failNext({ status: 500 });
    expect(await failure(provider().remove('x'))).toMatchObject({ code: 'meeting.unavailable' });
  });

  it('a key Google does not know is meeting.refused, and the text holds no key or token', async () => {
    const forged = provider({ serviceAccount: { ...serviceAccount, private_key: stranger.privateKey } });
    const err = await failure(forged.create(request));
    expect(err).toMatchObject({
      code: 'meeting.refused',
      message: 'google-meet: could not get an access token: HTTP 400 invalid_grant Invalid JWT Signature.',
    });
    expect(err.message).not.toContain('PRIVATE KEY');
    expect(google.apiCalls()).toHaveLength(0);
  });

  it('a JWT whose audience or time Google rejects is meeting.refused', async () => {
    // The audience is the token URL the JWT is sent to: a proxy in front of the endpoint would not pass.
    const proxied = provider({ tokenUrl: `${google.url}/token?via=proxy` });
    expect(await failure(proxied.create(request))).toMatchObject({
      code: 'meeting.refused',
      message: expect.stringContaining('Failed audience check'),
    });
    const skewed = provider({ clock: { now: () => now + 10 * 60_000 } });
    expect(await failure(skewed.create(request))).toMatchObject({
      code: 'meeting.refused',
      message: expect.stringContaining('Check your iat and exp'),
    });
  });

  it('a bad request, an unknown calendar or a gone event to move is meeting.refused', async () => {
    expect(await failure(provider().create({ ...request, endsAt: request.startsAt }))).toMatchObject({
      code: 'meeting.refused',
      message: expect.stringMatching(
        /^google-meet: could not create an event with a Meet link: HTTP 400 The specified time range is empty\./,
      ),
    });
    expect(await failure(provider({ calendarId: 'other@desk.example' }).create(request))).toMatchObject({
      code: 'meeting.refused',
    });
    expect(await failure(provider().move('nosuchevent', request))).toMatchObject({ code: 'meeting.refused' });
  });

  it('a hung server is meeting.unavailable; a key that is not PEM stops start-up', async () => {
    google.stallNext();
    expect(await failure(provider({ timeoutMs: 200 }).create(request))).toMatchObject({
      code: 'meeting.unavailable',
      message: 'google-meet: could not get an access token: timed out',
    });
    expect(() => provider({ serviceAccount: { ...serviceAccount, private_key: 'not a key' } })).toThrow(
      expect.objectContaining({ code: 'config.invalid' }),
    );
  });
});
