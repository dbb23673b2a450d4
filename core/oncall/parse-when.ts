import { DateTime } from 'luxon';
import { cachedZone } from '../time/cached-zone.js';
import type { Millis } from '../model/types.js';

/**
 * Read a time a person typed in a command: `now`, a relative `+30m` / `+8h` / `+2d`, `HH:MM` (today, or tomorrow
 * when already past), `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM`, in the person's time zone unless the text
 * carries an offset (`Z`, `+02:00`). Relative times count from `base` (the other end of a range, or now).
 */
export function parseWhen(text: string, now: Millis, timezone: string, base: Millis = now): Millis | null {
  const t = text.trim();
  if (/^now$/i.test(t)) return now;
  const rel = /^\+(\d+(?:\.\d+)?)\s*(m|min|h|d)$/i.exec(t);
  if (rel) {
    const n = Number(rel[1]);
    const unit = (rel[2] ?? 'm').toLowerCase();
    return base + Math.round(n * (unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000));
  }
  const clock = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (clock) {
    const local = DateTime.fromMillis(now, { zone: cachedZone(timezone) });
    let d = local.set({ hour: Number(clock[1]), minute: Number(clock[2]), second: 0, millisecond: 0 });
    if (!d.isValid || Number(clock[1]) > 23) return null;
    if (d.toMillis() <= now) d = d.plus({ days: 1 });
    return d.toMillis();
  }
  const parsed = DateTime.fromISO(t, { zone: cachedZone(timezone), setZone: false });
  return parsed.isValid ? parsed.toMillis() : null;
}
