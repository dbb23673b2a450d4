import { DateTime } from 'luxon';
import { cachedZone } from '../time/cached-zone.js';
import type { BusinessHoursConfig } from '../config/support-config.js';
import type { Millis } from '../model/types.js';

function window(day: DateTime, hhmm: string): DateTime {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  if (h === 24) return day.startOf('day').plus({ days: 1 });
  return day.startOf('day').set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

function isBusinessDay(day: DateTime, hours: BusinessHoursConfig): boolean {
  return hours.days.includes(day.weekday) && !hours.holidays.includes(day.toISODate() ?? '');
}

/**
 * The instant `minutes` of business time after `start`, counting only the configured days and hours in the
 * customer's time zone (holidays skipped). Wall-clock windows follow DST; the minutes inside a window are real
 * elapsed minutes.
 */
export function addBusinessMinutes(start: Millis, minutes: number, timezone: string, hours: BusinessHoursConfig): Millis {
  let t: DateTime = DateTime.fromMillis(start, { zone: cachedZone(timezone) });
  let remaining = minutes;
  for (let guard = 0; guard < 3700; guard++) {
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
  throw new RangeError('business hours never open: check businessHours.days and holidays');
}

/** Business minutes elapsed between two instants (for SLA reporting). */
export function businessMinutesBetween(from: Millis, to: Millis, timezone: string, hours: BusinessHoursConfig): number {
  if (to <= from) return 0;
  let t: DateTime = DateTime.fromMillis(from, { zone: cachedZone(timezone) });
  const end = DateTime.fromMillis(to, { zone: cachedZone(timezone) });
  let total = 0;
  for (let guard = 0; guard < 3700 && t < end; guard++) {
    const open = window(t, hours.start);
    const close = window(t, hours.end);
    if (isBusinessDay(t, hours) && t < close) {
      const a = t < open ? open : t;
      const b = end < close ? end : close;
      if (b > a) total += b.diff(a, 'minutes').minutes;
    }
    t = t.startOf('day').plus({ days: 1 });
  }
  return total;
}
