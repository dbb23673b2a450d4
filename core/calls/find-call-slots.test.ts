import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CALLS } from '../config/support-config.js';
import type { BusinessHoursConfig, CallsConfig, StaffConfig } from '../config/support-config.js';
import type { Tier } from '../model/types.js';
import type { CallSlot } from './call-booking.js';
import { findCallSlots } from './find-call-slots.js';
import type { FindCallSlotsInput } from './find-call-slots.js';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';
const LA = 'America/Los_Angeles';
const MIN = 60_000;
const H = 60 * MIN;

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const wall = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm ZZ');
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16);

function member(
  id: string,
  zone: string,
  hours?: Partial<{ days: number[]; start: string; end: string }>,
  callZone?: string,
): StaffConfig {
  return {
    id,
    name: id,
    roles: ['agent'],
    timezone: zone,
    calls: {
      hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', ...hours },
      ...(callZone ? { timezone: callZone } : {}),
    },
  };
}

const OFFICE: BusinessHoursConfig = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] };

function find(
  over: Partial<Omit<FindCallSlotsInput, 'calls' | 'customer'>> & {
    calls?: Partial<CallsConfig>;
    tier?: Tier;
    timezone?: string;
  },
): CallSlot[] {
  const { tier = 'enterprise', timezone = BERLIN, calls, ...rest } = over;
  return findCallSlots({
    staff: [member('anna', BERLIN)],
    busy: [],
    now: at('2026-03-02T08:00', BERLIN), // Monday
    holidays: [],
    businessHours: OFFICE,
    ...rest,
    calls: { ...DEFAULT_CALLS, ...calls },
    customer: { timezone, tier },
  });
}

const walls = (slots: CallSlot[], zone: string) => slots.map((s) => wall(s.startsAt, zone));
const starts = (slots: CallSlot[], zone: string) =>
  slots.map((s) => DateTime.fromMillis(s.startsAt, { zone }).toFormat('ccc HH:mm'));

function expectWellFormed(slots: CallSlot[], minutes: number) {
  for (const s of slots) expect(s.endsAt - s.startsAt).toBe(minutes * MIN);
  for (let i = 1; i < slots.length; i++) expect(slots[i]!.startsAt).toBeGreaterThan(slots[i - 1]!.startsAt);
}

describe('findCallSlots: the basics', () => {
  it('offers the next slots after the notice, on the step, inside the call hours, earliest first', () => {
    const slots = find({});
    expect(slots).toHaveLength(DEFAULT_CALLS.offerSlots);
    // now Monday 08:00 + 24 h notice: Tuesday from 09:00 (Berlin).
    expect(walls(slots, BERLIN)).toEqual([
      'Tue 2026-03-03 09:00 +01:00',
      'Tue 2026-03-03 09:30 +01:00',
      'Tue 2026-03-03 10:00 +01:00',
    ]);
    expect(slots.every((s) => s.staffId === 'anna')).toBe(true);
    expectWellFormed(slots, 30);
  });

  it('gives nothing without staff who take calls', () => {
    expect(find({ staff: [] })).toEqual([]);
    expect(find({ staff: [{ id: 'bob', name: 'Bob', roles: ['agent'], timezone: BERLIN }] })).toEqual([]);
    expect(find({ count: 0 })).toEqual([]);
  });

  it('ignores staff without call hours among those with them', () => {
    const slots = find({
      staff: [{ id: 'aaron', name: 'Aaron', roles: ['agent'], timezone: BERLIN }, member('zoe', BERLIN)],
    });
    expect(slots.map((s) => s.staffId)).toEqual(['zoe', 'zoe', 'zoe']);
  });

  it('starts exactly at the minimum notice, not a millisecond earlier', () => {
    const nine = at('2026-03-03T09:00', BERLIN);
    expect(find({ now: nine - 24 * H })[0]!.startsAt).toBe(nine);
    expect(find({ now: nine - 24 * H + 1 })[0]!.startsAt).toBe(nine + 30 * MIN);
    expect(find({ now: nine - 2 * H, calls: { minNoticeHours: 2 } })[0]!.startsAt).toBe(nine);
    expect(find({ now: nine - 1, calls: { minNoticeHours: 0 } })[0]!.startsAt).toBe(nine);
  });

  it('never lets a slot run past the end of the call hours, and aligns starts to the step', () => {
    const slots = find({ staff: [member('anna', BERLIN, { start: '09:10', end: '11:10' })], count: 10 });
    expect(starts(slots, BERLIN).slice(0, 4)).toEqual(['Tue 09:30', 'Tue 10:00', 'Tue 10:30', 'Wed 09:30']);
    const hour = find({
      staff: [member('anna', BERLIN, { start: '09:00', end: '11:00' })],
      calls: { durationMinutes: 60, stepMinutes: 15 },
      count: 6,
    });
    expect(starts(hour, BERLIN)).toEqual([
      'Tue 09:00',
      'Tue 09:15',
      'Tue 09:30',
      'Tue 09:45',
      'Tue 10:00',
      'Wed 09:00',
    ]);
    expectWellFormed(hour, 60);
  });

  it('counts the step from local midnight (45 minutes: 09:00, 09:45, 10:30)', () => {
    const slots = find({ calls: { stepMinutes: 45 } });
    expect(starts(slots, BERLIN)).toEqual(['Tue 09:00', 'Tue 09:45', 'Tue 10:30']);
  });

  it('keeps to the call days and takes 24:00 as the end of the day', () => {
    const slots = find({
      staff: [member('anna', BERLIN, { days: [6], start: '23:00', end: '24:00' })],
      count: 3,
    });
    expect(walls(slots, BERLIN)).toEqual([
      'Sat 2026-03-07 23:00 +01:00',
      'Sat 2026-03-07 23:30 +01:00',
      'Sat 2026-03-14 23:00 +01:00',
    ]);
  });

  it('runs an overnight window into the next day (the day it opens decides)', () => {
    const slots = find({ staff: [member('anna', BERLIN, { days: [1], start: '23:00', end: '01:00' })], count: 5 });
    expect(walls(slots, BERLIN)).toEqual([
      'Mon 2026-03-09 23:00 +01:00',
      'Mon 2026-03-09 23:30 +01:00',
      'Tue 2026-03-10 00:00 +01:00',
      'Tue 2026-03-10 00:30 +01:00',
      'Mon 2026-03-16 23:00 +01:00',
    ]);
    // Yesterday's window still open after the notice: now Monday 23:40 with no notice gives Tuesday 00:00.
    const late = find({
      staff: [member('anna', BERLIN, { days: [1], start: '23:00', end: '01:00' })],
      now: at('2026-03-09T23:40', BERLIN),
      calls: { minNoticeHours: 0 },
      count: 1,
    });
    expect(walls(late, BERLIN)).toEqual(['Tue 2026-03-10 00:00 +01:00']);
  });

  it('uses the call zone when given, else the staff member’s zone', () => {
    const slots = find({ staff: [member('anna', BERLIN, {}, TOKYO)], count: 1 });
    // Now is Monday 08:00 Berlin, 16:00 Tokyo: after the notice, Tuesday 16:00 in Tokyo (Berlin hours would give 17:00).
    expect(walls(slots, TOKYO)).toEqual(['Tue 2026-03-03 16:00 +09:00']);
  });
});

describe('findCallSlots: busy time', () => {
  const tue = (hhmm: string) => at(`2026-03-03T${hhmm}`, BERLIN);

  it('skips slots that overlap a booking; touching edges are fine', () => {
    const slots = find({ busy: [{ staffId: 'anna', startsAt: tue('09:30'), endsAt: tue('10:00') }], count: 3 });
    expect(starts(slots, BERLIN)).toEqual(['Tue 09:00', 'Tue 10:00', 'Tue 10:30']);
  });

  it('skips every slot a longer or offset booking touches inside, in any order', () => {
    const slots = find({
      busy: [
        { staffId: 'anna', startsAt: tue('11:00'), endsAt: tue('11:01') },
        { staffId: 'anna', startsAt: tue('09:45'), endsAt: tue('10:15') },
        { staffId: 'anna', startsAt: tue('08:00'), endsAt: tue('09:01') },
      ],
      count: 4,
    });
    expect(starts(slots, BERLIN)).toEqual(['Tue 10:30', 'Tue 11:30', 'Tue 12:00', 'Tue 12:30']);
  });

  it('handles a long booking that spans several short ones', () => {
    const slots = find({
      busy: [
        { staffId: 'anna', startsAt: tue('09:00'), endsAt: tue('12:00') },
        { staffId: 'anna', startsAt: tue('09:30'), endsAt: tue('10:00') },
      ],
      count: 1,
    });
    expect(starts(slots, BERLIN)).toEqual(['Tue 12:00']);
  });

  it('blocks only the staff member who is booked', () => {
    const slots = find({
      staff: [member('anna', BERLIN), member('ben', BERLIN)],
      busy: [{ staffId: 'anna', startsAt: tue('09:00'), endsAt: tue('17:00') }],
      count: 3,
    });
    expect(slots.map((s) => [s.staffId, DateTime.fromMillis(s.startsAt, { zone: BERLIN }).toFormat('HH:mm')])).toEqual([
      ['ben', '09:00'],
      ['ben', '09:30'],
      ['ben', '10:00'],
    ]);
  });
});

describe('findCallSlots: spreading the offer over staff', () => {
  it('gives three different start times, sharing them between people free at once (by staff id)', () => {
    const slots = find({ staff: [member('ben', BERLIN), member('anna', BERLIN), member('carl', BERLIN)] });
    expect(slots.map((s) => s.staffId)).toEqual(['anna', 'ben', 'carl']);
    expect(starts(slots, BERLIN)).toEqual(['Tue 09:00', 'Tue 09:30', 'Tue 10:00']);
    expect(new Set(slots.map((s) => s.startsAt)).size).toBe(3);
  });

  it('is the same whatever order staff and bookings come in', () => {
    const staff = [member('ben', BERLIN), member('anna', BERLIN), member('carl', NY, { start: '03:00', end: '11:00' })];
    const a = find({ staff, count: 6 });
    const b = find({ staff: [...staff].reverse(), count: 6 });
    expect(b).toEqual(a);
    expect(a.map((s) => s.staffId)).toEqual(['anna', 'ben', 'carl', 'anna', 'ben', 'carl']);
  });

  it('takes the earliest time from whoever has it, and offers each time only once', () => {
    const slots = find({
      staff: [member('anna', BERLIN, { start: '10:00' }), member('ben', BERLIN, { start: '09:00', end: '09:30' })],
      count: 4,
    });
    expect(
      slots.map((s) => [s.staffId, DateTime.fromMillis(s.startsAt, { zone: BERLIN }).toFormat('ccc HH:mm')]),
    ).toEqual([
      ['ben', 'Tue 09:00'],
      ['anna', 'Tue 10:00'],
      ['anna', 'Tue 10:30'],
      ['anna', 'Tue 11:00'],
    ]);
  });

  it('gives fewer slots rather than the same time twice', () => {
    const slots = find({
      staff: [member('anna', BERLIN, { days: [2], end: '09:30' }), member('ben', BERLIN, { days: [2], end: '09:30' })],
      calls: { horizonDays: 3 },
    });
    expect(slots).toHaveLength(1);
    expect(slots[0]!.staffId).toBe('anna');
  });
});

describe('findCallSlots: time zones and business hours', () => {
  it('limits professional customers in New York to their business hours (15:00 to 17:00 Berlin in winter)', () => {
    const slots = find({ tier: 'professional', timezone: NY, count: 6 });
    expect(walls(slots, NY)).toEqual([
      'Tue 2026-03-03 09:00 -05:00',
      'Tue 2026-03-03 09:30 -05:00',
      'Tue 2026-03-03 10:00 -05:00',
      'Tue 2026-03-03 10:30 -05:00',
      'Wed 2026-03-04 09:00 -05:00',
      'Wed 2026-03-04 09:30 -05:00',
    ]);
    expect(starts(slots, BERLIN)).toEqual([
      'Tue 15:00',
      'Tue 15:30',
      'Tue 16:00',
      'Tue 16:30',
      'Wed 15:00',
      'Wed 15:30',
    ]);
  });

  it('follows the US clock change before the European one (14:00 Berlin is 09:00 New York from 9 March)', () => {
    const slots = find({ tier: 'professional', timezone: NY, now: at('2026-03-08T12:00', BERLIN), count: 7 });
    expect(starts(slots, BERLIN)).toEqual([
      'Mon 14:00',
      'Mon 14:30',
      'Mon 15:00',
      'Mon 15:30',
      'Mon 16:00',
      'Mon 16:30',
      'Tue 14:00',
    ]);
    expect(wall(slots[0]!.startsAt, NY)).toBe('Mon 2026-03-09 09:00 -04:00');
  });

  it('lets enterprise and white-glove customers have any time the staff member works', () => {
    for (const tier of ['enterprise', 'white-glove'] as const) {
      const slots = find({ tier, timezone: NY });
      expect(walls(slots, NY)).toEqual([
        'Tue 2026-03-03 03:00 -05:00',
        'Tue 2026-03-03 03:30 -05:00',
        'Tue 2026-03-03 04:00 -05:00',
      ]);
    }
  });

  it('finds nothing for a professional customer in Tokyo while Berlin is on winter time, and two slots a day in summer', () => {
    expect(find({ tier: 'professional', timezone: TOKYO, calls: { horizonDays: 20 } })).toEqual([]);
    const summer = find({ tier: 'professional', timezone: TOKYO, now: at('2026-04-06T08:00', BERLIN) });
    expect(walls(summer, TOKYO)).toEqual([
      'Tue 2026-04-07 16:00 +09:00',
      'Tue 2026-04-07 16:30 +09:00',
      'Wed 2026-04-08 16:00 +09:00',
    ]);
    expect(starts(summer, BERLIN)).toEqual(['Tue 09:00', 'Tue 09:30', 'Wed 09:00']);
    expect(find({ tier: 'enterprise', timezone: TOKYO })).toHaveLength(3);
  });

  it('keeps professional customers to business days in their zone (no weekend calls with weekend staff)', () => {
    const weekend = [member('anna', BERLIN, { days: [6, 7] })];
    expect(starts(find({ staff: weekend, tier: 'enterprise', count: 1 }), BERLIN)).toEqual(['Sat 09:00']);
    expect(find({ staff: weekend, tier: 'professional', calls: { horizonDays: 30 } })).toEqual([]);
  });

  it('treats community like professional: business hours only', () => {
    const slots = find({ tier: 'community', businessHours: { ...OFFICE, start: '10:00', end: '11:00' }, count: 3 });
    expect(starts(slots, BERLIN)).toEqual(['Tue 10:00', 'Tue 10:30', 'Wed 10:00']);
  });
});

describe('findCallSlots: holidays', () => {
  it('skips a holiday of the staff member', () => {
    const slots = find({ holidays: ['2026-03-03'], count: 1 });
    expect(walls(slots, BERLIN)).toEqual(['Wed 2026-03-04 09:00 +01:00']);
  });

  it('reads holidays in each staff member’s own zone, and in the customer’s zone for business hours', () => {
    // Los Angeles 16:00-24:00 on Tuesday 3 March is Wednesday 4 March 09:00-17:00 in Tokyo.
    const lena = [member('lena', LA, { days: [2, 3, 4, 5], start: '16:00', end: '24:00' })];
    const now = at('2026-03-01T00:00', LA);
    const base = { staff: lena, now, count: 1, timezone: TOKYO } as const;
    // Not a holiday for Lena on her Tuesday, so enterprise gets it.
    expect(walls(find({ ...base, holidays: ['2026-03-04'] }), LA)).toEqual(['Tue 2026-03-03 16:00 -08:00']);
    // Her own holiday on 3 March removes it.
    expect(walls(find({ ...base, holidays: ['2026-03-03'] }), LA)).toEqual(['Wed 2026-03-04 16:00 -08:00']);
    // A professional customer in Tokyo has 4 March off: the Tuesday in LA is gone, Wednesday is Lena's holiday.
    const pro = find({
      ...base,
      tier: 'professional',
      holidays: ['2026-03-04'],
      businessHours: { ...OFFICE, holidays: ['2026-03-04'] },
    });
    expect(walls(pro, LA)).toEqual(['Thu 2026-03-05 16:00 -08:00']);
    expect(walls(pro, TOKYO)).toEqual(['Fri 2026-03-06 09:00 +09:00']);
  });
});

describe('findCallSlots: DST', () => {
  const allDay = (zone: string, day: number) => [member('anna', zone, { days: [day], start: '00:00', end: '24:00' })];
  const window = (zone: string, day: number) => [member('anna', zone, { days: [day], start: '01:00', end: '04:00' })];

  it('offers no slot in the hour Europe skips (29 March 2026) and keeps real 30-minute durations', () => {
    const slots = find({
      staff: window(BERLIN, 7),
      now: at('2026-03-27T00:00', BERLIN),
      calls: { minNoticeHours: 0 },
      count: 5,
    });
    expect(walls(slots, BERLIN)).toEqual([
      'Sun 2026-03-29 01:00 +01:00',
      'Sun 2026-03-29 01:30 +01:00',
      'Sun 2026-03-29 03:00 +02:00',
      'Sun 2026-03-29 03:30 +02:00',
      'Sun 2026-04-05 01:00 +02:00',
    ]);
    expect(slots.slice(0, 4).map((s) => utc(s.startsAt))).toEqual([
      '2026-03-29T00:00',
      '2026-03-29T00:30',
      '2026-03-29T01:00',
      '2026-03-29T01:30',
    ]);
    expectWellFormed(slots, 30);
  });

  it('offers the hour Europe repeats (25 October 2026) once, without overlaps', () => {
    const slots = find({
      staff: window(BERLIN, 7),
      now: at('2026-10-23T00:00', BERLIN),
      calls: { minNoticeHours: 0 },
      count: 7,
    });
    expect(walls(slots, BERLIN)).toEqual([
      'Sun 2026-10-25 01:00 +02:00',
      'Sun 2026-10-25 01:30 +02:00',
      'Sun 2026-10-25 02:00 +02:00',
      'Sun 2026-10-25 02:30 +02:00',
      'Sun 2026-10-25 03:00 +01:00',
      'Sun 2026-10-25 03:30 +01:00',
      'Sun 2026-11-01 01:00 +01:00',
    ]);
    expectWellFormed(slots, 30);
    for (let i = 1; i < slots.length; i++) expect(slots[i]!.startsAt).toBeGreaterThanOrEqual(slots[i - 1]!.endsAt);
  });

  it('offers no slot in the hour the US skips (8 March 2026)', () => {
    const slots = find({
      staff: window(NY, 7),
      now: at('2026-03-06T00:00', NY),
      calls: { minNoticeHours: 0 },
      count: 4,
    });
    expect(walls(slots, NY)).toEqual([
      'Sun 2026-03-08 01:00 -05:00',
      'Sun 2026-03-08 01:30 -05:00',
      'Sun 2026-03-08 03:00 -04:00',
      'Sun 2026-03-08 03:30 -04:00',
    ]);
  });

  it('offers the hour the US repeats (1 November 2026) once; hour-long calls never overlap', () => {
    const slots = find({
      staff: window(NY, 7),
      now: at('2026-10-30T00:00', NY),
      calls: { minNoticeHours: 0 },
      count: 6,
    });
    expect(slots.map((s) => `${wall(s.startsAt, NY)} ${utc(s.startsAt)}`)).toEqual([
      'Sun 2026-11-01 01:00 -04:00 2026-11-01T05:00',
      'Sun 2026-11-01 01:30 -04:00 2026-11-01T05:30',
      'Sun 2026-11-01 02:00 -05:00 2026-11-01T07:00',
      'Sun 2026-11-01 02:30 -05:00 2026-11-01T07:30',
      'Sun 2026-11-01 03:00 -05:00 2026-11-01T08:00',
      'Sun 2026-11-01 03:30 -05:00 2026-11-01T08:30',
    ]);
    const hours = find({
      staff: allDay(NY, 7),
      now: at('2026-10-30T00:00', NY),
      calls: { minNoticeHours: 0, durationMinutes: 60, stepMinutes: 60 },
      count: 24,
    });
    expect(hours).toHaveLength(24);
    expectWellFormed(hours, 60);
    for (let i = 1; i < hours.length; i++) expect(hours[i]!.startsAt).toBeGreaterThanOrEqual(hours[i - 1]!.endsAt);
    expect(new Set(hours.map((s) => wall(s.startsAt, NY).slice(15, 20))).size).toBe(24);
    // The last slot ends at the real end of the 25-hour day, not past it.
    expect(hours.at(-1)!.endsAt).toBe(at('2026-11-02T00:00', NY));
  });

  it('lets a slot end on the far side of a clock change, in real minutes, only inside the window', () => {
    // A 90-minute call from 01:30 CET on 29 March ends at 04:00 CEST: exactly the end of the window.
    const slots = find({
      staff: window(BERLIN, 7),
      now: at('2026-03-27T00:00', BERLIN),
      calls: { minNoticeHours: 0, durationMinutes: 90 },
      count: 4,
    });
    expect(walls(slots, BERLIN)).toEqual([
      'Sun 2026-03-29 01:00 +01:00',
      'Sun 2026-03-29 01:30 +01:00',
      'Sun 2026-04-05 01:00 +02:00',
      'Sun 2026-04-05 01:30 +02:00',
    ]);
    expect(slots[1]!.endsAt).toBe(at('2026-03-29T04:00', BERLIN));
  });

  it('follows the customer’s DST for business hours (New York 09:00 moves from 15:00 to 14:00 Berlin)', () => {
    const before = find({ tier: 'professional', timezone: NY, now: at('2026-03-05T12:00', BERLIN), count: 1 });
    const after = find({ tier: 'professional', timezone: NY, now: at('2026-03-08T12:00', BERLIN), count: 1 });
    expect(walls(before, BERLIN)).toEqual(['Fri 2026-03-06 15:00 +01:00']);
    expect(walls(after, BERLIN)).toEqual(['Mon 2026-03-09 14:00 +01:00']);
  });
});

describe('findCallSlots: horizon and from', () => {
  it('keeps every slot inside the horizon (a slot may end exactly on it)', () => {
    const now = at('2026-03-02T12:00', BERLIN);
    const slots = find({ now, calls: { minNoticeHours: 0, horizonDays: 1 }, count: 100 });
    expect(slots).toHaveLength(10 + 6);
    expect(slots.at(-1)!.endsAt).toBe(now + 24 * H);
    expect(wall(slots.at(-1)!.startsAt, BERLIN)).toBe('Tue 2026-03-03 11:30 +01:00');
  });

  it('finds nothing when the notice reaches past the horizon', () => {
    expect(find({ calls: { minNoticeHours: 48, horizonDays: 2 } })).toEqual([]);
  });

  it('starts no earlier than `from` (the 1st of next month in the customer zone)', () => {
    const from = at('2026-04-01T00:00', NY);
    const slots = find({ tier: 'professional', timezone: NY, now: at('2026-03-25T12:00', NY), from, count: 2 });
    expect(walls(slots, NY)).toEqual(['Wed 2026-04-01 09:00 -04:00', 'Wed 2026-04-01 09:30 -04:00']);
  });

  it('keeps the notice when `from` is earlier, and the horizon (from now) when `from` is later', () => {
    const now = at('2026-03-02T08:00', BERLIN);
    expect(find({ from: now, count: 1 })).toEqual(find({ count: 1 }));
    expect(find({ from: now + 40 * 24 * H, calls: { horizonDays: 30 } })).toEqual([]);
  });
});

describe('findCallSlots: scale', () => {
  it('walks a whole empty horizon for many staff without trouble', () => {
    const staff = Array.from({ length: 40 }, (_, i) => member(`s${String(i).padStart(2, '0')}`, i % 2 ? TOKYO : LA));
    // A professional customer in Berlin with one-hour business hours no one covers: every day of 120 is visited.
    const none = find({
      staff,
      tier: 'professional',
      businessHours: { ...OFFICE, start: '12:00', end: '13:00' },
      calls: { horizonDays: 120 },
    });
    expect(none).toEqual([]);
    const many = find({ staff, count: 10 });
    expect(many).toHaveLength(10);
    expect(new Set(many.map((s) => s.startsAt)).size).toBe(10);
  });
});
