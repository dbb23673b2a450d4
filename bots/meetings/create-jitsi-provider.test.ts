import { describe, expect, it } from 'vitest';
import type { MeetingRequest } from '../../core/index.js';
import { createJitsiProvider } from './create-jitsi-provider.js';

const request = (bookingId: number): MeetingRequest => ({
  bookingId,
  title: 'Acme Support: SSO setup',
  startsAt: Date.UTC(2026, 11, 3, 14),
  endsAt: Date.UTC(2026, 11, 3, 14, 30),
  timezone: 'Europe/Berlin',
  hostEmail: 'alice@desk.example',
});
const secret = 'a-long-random-room-secret';

describe('createJitsiProvider', () => {
  it('makes a room <base>/<prefix>-<booking>-<24 hex digits>, with no meeting id', async () => {
    const jitsi = createJitsiProvider({ baseUrl: 'https://meet.jit.si/', secret });
    expect(jitsi.name).toBe('jitsi');
    const meeting = await jitsi.create(request(42));
    expect(meeting.meetingId).toBeNull();
    expect(meeting.url).toMatch(/^https:\/\/meet\.jit\.si\/support-call-42-[0-9a-f]{24}$/);
  });

  it('gives a booking the same room on every call (a retry sends the same link), and other bookings others', async () => {
    const jitsi = createJitsiProvider({ baseUrl: 'https://meet.example', secret });
    const again = createJitsiProvider({ baseUrl: 'https://meet.example', secret });
    const first = await jitsi.create(request(42));
    expect(await jitsi.create({ ...request(42), startsAt: 0, title: 'other' })).toEqual(first);
    expect(await again.create(request(42))).toEqual(first);
    const rooms = await Promise.all([1, 2, 3, 43].map(async (id) => (await jitsi.create(request(id))).url));
    expect(new Set([first.url, ...rooms]).size).toBe(5);
  });

  it('cannot be guessed from the booking id without the secret', async () => {
    const ours = await createJitsiProvider({ baseUrl: 'https://meet.example', secret }).create(request(42));
    const guess = await createJitsiProvider({ baseUrl: 'https://meet.example', secret: `${secret}!` }).create(
      request(42),
    );
    expect(guess.url).not.toBe(ours.url);
    expect(ours.url).not.toContain(secret);
  });

  it('keeps the prefix to lower-case letters, digits and dashes, on a base URL with a path', async () => {
    const jitsi = createJitsiProvider({
      baseUrl: 'https://video.acme.example/rooms',
      roomPrefix: 'Acme Support!',
      secret,
    });
    expect((await jitsi.create(request(7))).url).toMatch(
      /^https:\/\/video\.acme\.example\/rooms\/acme-support-7-[0-9a-f]{24}$/,
    );
    const blank = createJitsiProvider({ baseUrl: 'https://meet.example', roomPrefix: '***', secret });
    expect((await blank.create(request(7))).url).toMatch(/\/support-call-7-/);
  });

  it('moves and removes nothing: a room exists while people are in it', async () => {
    const jitsi = createJitsiProvider({ baseUrl: 'https://meet.example', secret });
    await expect(jitsi.move('x', request(1))).resolves.toBeUndefined();
    await expect(jitsi.remove('x')).resolves.toBeUndefined();
  });

  it('refuses a base URL that is not http(s) and a short secret at start-up', () => {
    expect(() => createJitsiProvider({ baseUrl: 'meet.jit.si', secret })).toThrow(
      expect.objectContaining({ code: 'config.invalid' }),
    );
    expect(() => createJitsiProvider({ baseUrl: 'javascript:alert(1)', secret })).toThrow(/http\(s\)/);
    expect(() => createJitsiProvider({ baseUrl: 'https://meet.jit.si', secret: 'short' })).toThrow(/16 characters/);
  });
});
