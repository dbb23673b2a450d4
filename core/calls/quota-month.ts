import { DateTime } from 'luxon';
import type { Millis } from '../model/types.js';
import { cachedZone } from '../time/cached-zone.js';
import type { QuotaMonth } from './call-booking.js';

/**
 * The calendar month containing `at` in `timezone`: from the 1st at 00:00 local (or the first instant of the 1st,
 * where midnight is skipped by DST) to the start of the next month. A call at 2026-03-31 23:30 in New York is in
 * March there, although it is April in UTC.
 */
export function quotaMonth(at: Millis, timezone: string): QuotaMonth {
  const start = DateTime.fromMillis(at, { zone: cachedZone(timezone) }).startOf('month');
  return { label: start.toFormat('yyyy-MM'), start: start.toMillis(), end: start.plus({ months: 1 }).toMillis() };
}

/** The month after `month`, in the same zone. */
export function nextQuotaMonth(month: QuotaMonth, timezone: string): QuotaMonth {
  return quotaMonth(month.end, timezone);
}
