import { DateTime } from 'luxon';
import { cachedZone } from '../time/cached-zone.js';
import type { Millis } from '../model/types.js';

const formatted = new Map<string, string>();

/** "Tue 24 Nov 2026, 14:00 EST" in the given time zone. Remembered by zone and minute (the format shows minutes). */
export function formatInZone(at: Millis, timezone: string): string {
  const key = `${timezone}|${Math.floor(at / 60_000)}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = DateTime.fromMillis(at, { zone: cachedZone(timezone) }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
    if (formatted.size >= 10_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** "2 h 5 min", "3 d 4 h", "45 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}
