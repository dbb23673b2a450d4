import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../classifier/seeded-random.js';
import type { BusinessHoursConfig } from '../config/support-config.js';
import { addBusinessMinutes, businessMinutesBetween } from './add-business-minutes.js';

// The straightforward luxon version, day by day with no caching: the cached implementation must agree with it.
function window(day: DateTime, hhmm: string): DateTime {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  if (h === 24) return day.startOf('day').plus({ days: 1 });
  return day.startOf('day').set({ hour: h, minute: m, second: 0, millisecond: 0 });
}
const isBusinessDay = (day: DateTime, hours: BusinessHoursConfig) =>
  hours.days.includes(day.weekday) && !hours.holidays.includes(day.toISODate() ?? '');
function referenceAdd(start: number, minutes: number, zone: string, hours: BusinessHoursConfig): number {
  let t: DateTime = DateTime.fromMillis(start, { zone });
  let remaining = minutes;
  for (;;) {
    const open = window(t, hours.start);
    const close = window(t, hours.end);
    if (!isBusinessDay(t, hours) || t >= close) {
      t = t.startOf('day').plus({ days: 1 });
      continue;
    }
    if (t < open) t = open;
    const available = close.diff(t, 'minutes').minutes;
    if (remaining <= available) return t.plus({ minutes: remaining }).toMillis();
    remaining -= available;
    t = t.startOf('day').plus({ days: 1 });
  }
}
function referenceBetween(from: number, to: number, zone: string, hours: BusinessHoursConfig): number {
  let t: DateTime = DateTime.fromMillis(from, { zone });
  const end = DateTime.fromMillis(to, { zone });
  let total = 0;
  while (t < end) {
    const open = window(t, hours.start);
    const close = window(t, hours.end);
    if (isBusinessDay(t, hours) && t < close) {
      const a = t < open ? open : t;
      // biome-ignore lint/complexity/useMathMinMax: luxon DateTimes, not numbers
      const b = end < close ? end : close;
      if (b > a) total += b.diff(a, 'minutes').minutes;
    }
    t = t.startOf('day').plus({ days: 1 });
  }
  return total;
}

const HOURS: BusinessHoursConfig[] = [
  { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5], holidays: ['2026-12-25', '2027-01-01'] },
  { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6], holidays: [] },
  { start: '01:30', end: '03:30', days: [7, 1], holidays: ['2026-03-29'] }, // a window that DST changes cut into
];
const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];

describe('addBusinessMinutes and businessMinutesBetween (cached days)', () => {
  it('agree with a day-by-day luxon computation on random instants around DST changes and holidays', () => {
    const random = seededRandom(42);
    const from = Date.UTC(2026, 2, 1);
    const span = Date.UTC(2027, 0, 10) - from;
    for (let i = 0; i < 600; i++) {
      const hours = HOURS[i % HOURS.length] as BusinessHoursConfig;
      const zone = ZONES[Math.floor(random() * ZONES.length)] as string;
      const start = from + Math.floor(random() * span);
      const minutes = [1, 30, 240, 480, 2400, 7.5][Math.floor(random() * 6)] as number;
      expect(
        addBusinessMinutes(start, minutes, zone, hours),
        `${zone} ${new Date(start).toISOString()} +${minutes}`,
      ).toBe(Math.round(referenceAdd(start, minutes, zone, hours)));
      const end = start + Math.floor(random() * 9 * 86_400_000);
      expect(businessMinutesBetween(start, end, zone, hours)).toBeCloseTo(referenceBetween(start, end, zone, hours), 9);
    }
  });
});
