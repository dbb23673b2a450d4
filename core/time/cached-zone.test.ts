import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cachedZone } from './cached-zone.js';

const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Africa/Monrovia', 'UTC'];

describe('cachedZone', () => {
  it('gives the same offsets and names as luxon around DST transitions, minute by minute', () => {
    for (const name of ZONES) {
      const plain = IANAZone.create(name);
      const cached = cachedZone(name);
      // 2026-03-08 (US), 2026-03-29 (EU), 2026-04-05 (Lord Howe, 30-minute shift), each +-3 h, every 7 minutes.
      for (const day of [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 3, 4, 15)]) {
        for (let ts = day - 3 * 3_600_000; ts <= day + 3 * 3_600_000; ts += 7 * 60_000 + 13) {
          expect(cached.offset(ts)).toBe(plain.offset(ts));
          expect(cached.offset(ts)).toBe(plain.offset(ts)); // second call from the cache
          expect(cached.offsetName(ts, { format: 'short', locale: 'en-US' })).toBe(
            plain.offsetName(ts, { format: 'short', locale: 'en-US' }),
          );
          expect(cached.formatOffset(ts, 'short')).toBe(plain.formatOffset(ts, 'short'));
          expect(cached.formatOffset(ts, 'narrow')).toBe(plain.formatOffset(ts, 'narrow'));
          expect(cached.formatOffset(ts, 'techie')).toBe(plain.formatOffset(ts, 'techie'));
        }
      }
    }
  });

  it('is exact for a transition that does not fall on a whole minute (Monrovia, 1972)', () => {
    const plain = IANAZone.create('Africa/Monrovia');
    const cached = cachedZone('Africa/Monrovia');
    const transition = Date.UTC(1972, 0, 7, 0, 44, 30);
    for (const ts of [transition - 1, transition, transition + 1, transition - 30_000, transition + 29_999]) {
      expect(cached.offset(ts)).toBe(plain.offset(ts));
    }
  });

  it('formats wall-clock times like luxon with the zone name', () => {
    const at = Date.UTC(2026, 10, 24, 19, 0);
    const expected = DateTime.fromMillis(at, { zone: 'America/New_York' }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
    expect(
      DateTime.fromMillis(at, { zone: cachedZone('America/New_York') }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ'),
    ).toBe(expected);
    expect(expected).toBe('Tue 24 Nov 2026, 14:00 EST');
  });

  it('refuses an unknown zone', () => {
    expect(() => cachedZone('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
