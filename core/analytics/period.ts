import { SupportError } from '../errors.js';
import type { Millis } from '../model/types.js';

export const DAY_MS = 86_400_000;

/** A half-open reporting window [from, to). */
export interface Period {
  /** What the caller asked for, e.g. `30d`. */
  label: string;
  from: Millis;
  to: Millis;
}

/** A reporting period that is not understood or out of range; the message quotes what was asked. */
export class PeriodError extends SupportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('period.invalid', message, options);
    this.name = 'PeriodError';
  }
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };

/** `30d`, `7d`, `12w`, `24h` ending at `now`. At most 730 days. */
export function parsePeriod(text: string, now: Millis): Period {
  const m = /^(\d{1,4})([hdw])$/.exec(text.trim());
  if (!m)
    throw new PeriodError(`period "${text}" is not understood: use a number and a unit, e.g. 30d, 7d, 12w or 24h`);
  const ms = Number(m[1]) * (UNIT_MS[m[2] as string] as number);
  if (ms <= 0 || ms > 730 * DAY_MS) throw new PeriodError(`period "${text}" must be between 1h and 730d`);
  return { label: text.trim(), from: now - ms, to: now };
}

/** The window of the same length just before `p`, for "rising" comparisons. */
export function previousPeriod(p: Period): Period {
  const len = p.to - p.from;
  return { label: `previous ${p.label}`, from: p.from - len, to: p.from };
}

/** Calendar month key (UTC) used to fire each outreach trigger once per period, e.g. `2025-06`. */
export function monthKey(at: Millis): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** ISO-8601 week key (UTC), e.g. `2025-W23`, for the weekly report's dedupe key. */
export function isoWeekKey(at: Millis): string {
  const d = new Date(Math.floor(at / DAY_MS) * DAY_MS);
  const dayNum = d.getUTCDay() || 7; // Monday = 1 … Sunday = 7
  d.setUTCDate(d.getUTCDate() + 4 - dayNum); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
