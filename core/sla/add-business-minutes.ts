import { DateTime } from 'luxon';
import type { BusinessHoursConfig } from '../config/support-config.js';
import type { Millis } from '../model/types.js';
import { cachedZone } from '../time/cached-zone.js';

/** One calendar day in a time zone: when it starts, when the next starts, and its business window (if any). */
interface BusinessDay {
  readonly next: Millis;
  readonly open: Millis;
  readonly close: Millis;
  readonly business: boolean;
}

const MAX_DAYS = 10_000;
/** Business days by hours config, then by `zone|local date`: luxon runs once per zone and day, not per ticket. */
const days = new WeakMap<BusinessHoursConfig, Map<string, BusinessDay>>();

function wallClock(day: DateTime, hhmm: string): DateTime {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  if (h === 24) return day.startOf('day').plus({ days: 1 });
  return day.startOf('day').set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

function businessDay(at: Millis, timezone: string, hours: BusinessHoursConfig): BusinessDay {
  const zone = cachedZone(timezone);
  const date = new Date(at + zone.offset(at) * 60_000).toISOString().slice(0, 10);
  let cache = days.get(hours);
  if (cache === undefined) {
    cache = new Map();
    days.set(hours, cache);
  }
  const key = `${timezone}|${date}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const local = DateTime.fromMillis(at, { zone });
  const day: BusinessDay = {
    next: local.startOf('day').plus({ days: 1 }).toMillis(),
    open: wallClock(local, hours.start).toMillis(),
    close: wallClock(local, hours.end).toMillis(),
    business: hours.days.includes(local.weekday) && !hours.holidays.includes(date),
  };
  if (cache.size >= MAX_DAYS) cache.clear();
  cache.set(key, day);
  return day;
}

/**
 * The instant `minutes` of business time after `start`, counting only the configured days and hours in the
 * customer's time zone (holidays skipped). Wall-clock windows follow DST; the minutes inside a window are real
 * elapsed minutes. Each zone's days are computed once (luxon) and then reused.
 */
export function addBusinessMinutes(
  start: Millis,
  minutes: number,
  timezone: string,
  hours: BusinessHoursConfig,
): Millis {
  let t = start;
  let remaining = minutes * 60_000;
  for (let guard = 0; guard < 3700; guard++) {
    const day = businessDay(t, timezone, hours);
    if (!day.business || t >= day.close) {
      t = day.next;
      continue;
    }
    if (t < day.open) t = day.open;
    const available = day.close - t;
    if (remaining <= available) return Math.round(t + remaining);
    remaining -= available;
    t = day.next;
  }
  throw new RangeError('business hours never open: check businessHours.days and holidays');
}

/** Business minutes elapsed between two instants (for SLA reporting). */
export function businessMinutesBetween(from: Millis, to: Millis, timezone: string, hours: BusinessHoursConfig): number {
  if (to <= from) return 0;
  let t = from;
  let total = 0;
  for (let guard = 0; guard < 3700 && t < to; guard++) {
    const day = businessDay(t, timezone, hours);
    if (day.business && t < day.close) {
      const a = Math.max(t, day.open);
      const b = Math.min(to, day.close);
      if (b > a) total += b - a;
    }
    t = day.next;
  }
  return total / 60_000;
}
