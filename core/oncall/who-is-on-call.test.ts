import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIFTS } from '../config/support-config.js';
import { whoIsOnCall } from './who-is-on-call.js';

const staff = ['a', 'b', 'c', 'd'].map((id) => ({
  id,
  name: id.toUpperCase(),
  roles: ['agent' as const],
  timezone: 'UTC',
}));
const shifts = [
  { ...DEFAULT_SHIFTS[0]!, members: ['a', 'b'] },
  { ...DEFAULT_SHIFTS[1]!, members: ['c'] },
  { ...DEFAULT_SHIFTS[2]!, members: ['d'] },
];
const at = (iso: string) => Date.parse(`${iso}Z`);

describe('who is on call', () => {
  it('follows the sun and hands over at shift boundaries', () => {
    expect(whoIsOnCall(shifts, staff, at('2026-11-23T07:59:59')).now?.shift).toBe('americas');
    const handover = whoIsOnCall(shifts, staff, at('2026-11-23T08:00:00'));
    expect(handover.now).toMatchObject({
      shift: 'emea',
      staff: { id: 'c' },
      startsAt: at('2026-11-23T08:00:00'),
      endsAt: at('2026-11-23T16:00:00'),
    });
    expect(handover.next).toMatchObject({ shift: 'apac', staff: { id: 'd' } });
    expect(whoIsOnCall(shifts, staff, at('2026-11-23T23:59:00')).next).toMatchObject({
      shift: 'americas',
      startsAt: at('2026-11-24T00:00:00'),
    });
  });

  it('rotates members of a shift day by day', () => {
    const monday = whoIsOnCall(shifts, staff, at('2026-11-23T03:00:00')).now?.staff?.id;
    const tuesday = whoIsOnCall(shifts, staff, at('2026-11-24T03:00:00')).now?.staff?.id;
    expect(new Set([monday, tuesday])).toEqual(new Set(['a', 'b']));
  });

  it('handles shifts that wrap past midnight and gaps', () => {
    const night = [{ name: 'night', start: '22:00', end: '06:00', members: ['a'] }];
    expect(whoIsOnCall(night, staff, at('2026-11-24T02:00:00')).now).toMatchObject({
      shift: 'night',
      startsAt: at('2026-11-23T22:00:00'),
    });
    const gap = whoIsOnCall(night, staff, at('2026-11-24T12:00:00'));
    expect(gap.now).toBeNull();
    expect(gap.next).toMatchObject({ shift: 'night', startsAt: at('2026-11-24T22:00:00') });
  });
});

describe('rotation and overrides', () => {
  const pair = [{ name: 'emea', start: '08:00', end: '16:00', members: ['a', 'b'] }];

  it('rotates weekly, handing over on Monday 00:00 UTC', () => {
    const who = (iso: string) => whoIsOnCall(pair, staff, at(iso), { rotation: 'weekly' }).now?.staff?.id;
    const monday = who('2026-11-23T09:00:00');
    expect(who('2026-11-27T09:00:00')).toBe(monday); // Friday, same week
    expect(who('2026-11-29T09:00:00')).toBe(monday); // Sunday, same week
    expect(who('2026-11-30T09:00:00')).not.toBe(monday); // next Monday
    // A shift's own rotation wins over the default.
    const daily = [{ ...pair[0]!, rotation: 'daily' as const }];
    expect(whoIsOnCall(daily, staff, at('2026-11-24T09:00:00'), { rotation: 'weekly' }).now?.staff?.id).not.toBe(
      whoIsOnCall(daily, staff, at('2026-11-23T09:00:00'), { rotation: 'weekly' }).now?.staff?.id,
    );
  });

  it('lets an override replace the schedule for its window, and reports the handovers around it', () => {
    const overrides = [{ id: 1, staffId: 'd', startsAt: at('2026-11-23T10:00:00'), endsAt: at('2026-11-23T12:00:00') }];
    const before = whoIsOnCall(shifts, staff, at('2026-11-23T09:00:00'), { overrides });
    expect(before.now).toMatchObject({ shift: 'emea', staff: { id: 'c' }, endsAt: at('2026-11-23T10:00:00') });
    expect(before.next).toMatchObject({
      staff: { id: 'd' },
      overrideId: 1,
      startsAt: at('2026-11-23T10:00:00'),
      endsAt: at('2026-11-23T12:00:00'),
    });
    const during = whoIsOnCall(shifts, staff, at('2026-11-23T11:59:59'), { overrides });
    expect(during.now).toMatchObject({ staff: { id: 'd' }, overrideId: 1 });
    expect(during.next).toMatchObject({
      shift: 'emea',
      staff: { id: 'c' },
      startsAt: at('2026-11-23T12:00:00'),
      endsAt: at('2026-11-23T16:00:00'),
    });
    expect(whoIsOnCall(shifts, staff, at('2026-11-23T12:00:00'), { overrides }).now?.staff?.id).toBe('c');
  });

  it('prefers the most recent of overlapping overrides and covers gaps in the schedule', () => {
    const overrides = [
      { id: 1, staffId: 'a', startsAt: at('2026-11-23T00:00:00'), endsAt: at('2026-11-24T00:00:00'), createdAt: 1 },
      { id: 2, staffId: 'b', startsAt: at('2026-11-23T10:00:00'), endsAt: at('2026-11-23T11:00:00'), createdAt: 2 },
    ];
    expect(whoIsOnCall(shifts, staff, at('2026-11-23T10:30:00'), { overrides }).now?.staff?.id).toBe('b');
    expect(whoIsOnCall(shifts, staff, at('2026-11-23T11:30:00'), { overrides }).now?.staff?.id).toBe('a');
    const night = [{ name: 'night', start: '22:00', end: '06:00', members: ['a'] }];
    expect(
      whoIsOnCall(night, staff, at('2026-11-24T12:00:00'), {
        overrides: [{ id: 3, staffId: 'c', startsAt: at('2026-11-24T11:00:00'), endsAt: at('2026-11-24T13:00:00') }],
      }).now,
    ).toMatchObject({ shift: 'override', staff: { id: 'c' } });
  });
});

describe('overrides across a shift handover', () => {
  it('reports the next slot from the shift boundary, not from the override’s own start', () => {
    const override = { id: 1, staffId: 'b', startsAt: at('2026-11-23T14:00:00'), endsAt: at('2026-11-23T22:00:00') };
    const { now, next } = whoIsOnCall(shifts, staff, at('2026-11-23T15:00:00'), { overrides: [override] });
    expect(now).toMatchObject({
      shift: 'emea',
      staff: { id: 'b' },
      startsAt: at('2026-11-23T14:00:00'),
      endsAt: at('2026-11-23T16:00:00'),
    });
    expect(next).toMatchObject({
      shift: 'apac',
      staff: { id: 'b' },
      startsAt: at('2026-11-23T16:00:00'),
      endsAt: at('2026-11-23T22:00:00'),
    });
  });
});
