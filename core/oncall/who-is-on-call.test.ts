import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIFTS } from '../config/support-config.js';
import { whoIsOnCall } from './who-is-on-call.js';

const staff = ['a', 'b', 'c', 'd'].map((id) => ({ id, name: id.toUpperCase(), roles: ['agent' as const], timezone: 'UTC' }));
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
    expect(handover.now).toMatchObject({ shift: 'emea', staff: { id: 'c' }, startsAt: at('2026-11-23T08:00:00'), endsAt: at('2026-11-23T16:00:00') });
    expect(handover.next).toMatchObject({ shift: 'apac', staff: { id: 'd' } });
    expect(whoIsOnCall(shifts, staff, at('2026-11-23T23:59:00')).next).toMatchObject({ shift: 'americas', startsAt: at('2026-11-24T00:00:00') });
  });

  it('rotates members of a shift day by day', () => {
    const monday = whoIsOnCall(shifts, staff, at('2026-11-23T03:00:00')).now?.staff?.id;
    const tuesday = whoIsOnCall(shifts, staff, at('2026-11-24T03:00:00')).now?.staff?.id;
    expect(new Set([monday, tuesday])).toEqual(new Set(['a', 'b']));
  });

  it('handles shifts that wrap past midnight and gaps', () => {
    const night = [{ name: 'night', start: '22:00', end: '06:00', members: ['a'] }];
    expect(whoIsOnCall(night, staff, at('2026-11-24T02:00:00')).now).toMatchObject({ shift: 'night', startsAt: at('2026-11-23T22:00:00') });
    const gap = whoIsOnCall(night, staff, at('2026-11-24T12:00:00'));
    expect(gap.now).toBeNull();
    expect(gap.next).toMatchObject({ shift: 'night', startsAt: at('2026-11-24T22:00:00') });
  });
});
