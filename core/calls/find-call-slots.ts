import type { BusinessHoursConfig, CallsConfig, StaffConfig } from '../config/support-config.js';
import type { Millis, Tier } from '../model/types.js';
import { cachedZone } from '../time/cached-zone.js';
import type { CachedZone } from '../time/cached-zone.js';
import type { CallSlot } from './call-booking.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tiers that may have a call at any time the staff member works; the others only within business hours. */
const ANY_TIME_TIERS: readonly Tier[] = ['enterprise', 'white-glove'];

export interface FindCallSlotsInput {
  /** Everyone who might take the call; only those with `calls` hours are offered. */
  staff: readonly StaffConfig[];
  /** Counted bookings of those staff members: their time is taken. */
  busy: readonly CallSlot[];
  now: Millis;
  calls: CallsConfig;
  /** businessHours.holidays: nobody takes calls on these dates (read in each staff member's zone). */
  holidays: readonly string[];
  customer: { timezone: string; tier: Tier };
  /** Below enterprise, a slot must lie inside these hours in the customer's zone, and not on a holiday there. */
  businessHours: BusinessHoursConfig;
  /** No slot starts before this (e.g. the 1st of next month when this month's quota is used). */
  from?: Millis;
  /** How many slots (default calls.offerSlots). */
  count?: number;
}

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The local calendar day of `at` in `zone`, as the UTC midnight of that date (wall-clock arithmetic, no zone). */
const localDay = (at: Millis, zone: CachedZone) => {
  const local = at + zone.offset(at) * MINUTE;
  return local - (((local % DAY) + DAY) % DAY);
};
const isoDate = (day: number) => new Date(day).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday. */
const weekday = (day: number) => ((new Date(day).getUTCDay() + 6) % 7) + 1;

/**
 * When the wall-clock time `local` (milliseconds as if it were UTC) happens in `zone`: `exact` false when the clock
 * skips it (spring forward; `at` is then the first instant after the gap, as luxon does), and the earlier instant when
 * the clock shows it twice (autumn).
 */
function wallClock(local: number, zone: CachedZone): { at: Millis; exact: boolean } {
  // No zone changes its offset twice within three days, so the offsets 36 h either side are the only candidates.
  const before = zone.offset(local - 36 * HOUR);
  const after = zone.offset(local + 36 * HOUR);
  let at: Millis | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    const t = local - offset * MINUTE;
    if (zone.offset(t) === offset && (at === null || t < at)) at = t;
  }
  return at === null ? { at: local - Math.min(before, after) * MINUTE, exact: false } : { at, exact: true };
}

/**
 * The zone's offset throughout the wall-clock days [day, day + 2) when it does not change there (the usual case: the
 * slots of such a day need no offset lookups), else null. Assumes no zone changes its offset twice within five days.
 */
function steadyOffset(day: number, zone: CachedZone): number | null {
  const offset = zone.offset(day - 36 * HOUR);
  return zone.offset(day + 84 * HOUR) === offset ? offset : null;
}

interface Bounds {
  earliest: Millis;
  latestEnd: Millis;
  /** Milliseconds. */
  duration: number;
  /** Minutes. */
  step: number;
  holidays: ReadonlySet<string>;
  /** Whether [start, end) is allowed for the customer (business hours for professional and community). */
  customerAllows: (start: Millis, end: Millis) => boolean;
}

/** One staff member's free slots, earliest first: day by day in their zone, then step by step through the window. */
function* freeSlots(member: StaffConfig, busy: readonly CallSlot[], b: Bounds): Generator<CallSlot, void> {
  const hours = member.calls;
  if (!hours) return;
  const zone = cachedZone(hours.timezone ?? member.timezone);
  const open = minutesOf(hours.hours.start);
  const end = minutesOf(hours.hours.end);
  // A window that ends at or before it starts runs overnight into the next day (the day it opens decides).
  const close = end > open ? end : end < open ? end + 24 * 60 : open;
  if (close === open) return;
  const days = new Set(hours.hours.days);
  const latestStart = b.latestEnd - b.duration;
  let next = 0;
  // From the day before: yesterday's overnight window may still be open.
  for (let day = localDay(b.earliest, zone) - DAY; wallClock(day, zone).at <= latestStart; day += DAY) {
    if (!days.has(weekday(day)) || b.holidays.has(isoDate(day))) continue;
    const steady = steadyOffset(day, zone);
    const instant = (local: number) =>
      steady === null ? wallClock(local, zone) : { at: local - steady * MINUTE, exact: true };
    const windowClose = instant(day + close * MINUTE).at;
    if (windowClose - b.duration < b.earliest) continue;
    for (let m = Math.ceil(open / b.step) * b.step; m < close; m += b.step) {
      const wall = instant(day + m * MINUTE);
      if (!wall.exact || wall.at < b.earliest) continue;
      const startsAt = wall.at;
      const endsAt = startsAt + b.duration;
      if (startsAt > latestStart || endsAt > windowClose) break;
      if (!b.customerAllows(startsAt, endsAt)) continue;
      while (next < busy.length && busy[next]!.endsAt <= startsAt) next++;
      let taken = false;
      for (let i = next; i < busy.length && busy[i]!.startsAt < endsAt; i++)
        if (busy[i]!.endsAt > startsAt) {
          taken = true;
          break;
        }
      if (!taken) yield { staffId: member.id, startsAt, endsAt };
    }
  }
}

/** Whether [start, end) lies inside one business day's hours in `timezone`, on a business day that is no holiday. */
function businessHoursCheck(timezone: string, hours: BusinessHoursConfig) {
  const zone = cachedZone(timezone);
  const open = minutesOf(hours.start);
  const close = minutesOf(hours.end);
  const holidays = new Set(hours.holidays);
  const windows = new Map<number, { from: Millis; to: Millis; open: Millis; close: Millis }>();
  // Consecutive checks mostly fall on the same local day: remember it without asking the zone again.
  let last: { from: Millis; to: Millis; open: Millis; close: Millis } | undefined;
  return (start: Millis, end: Millis): boolean => {
    if (last === undefined || start < last.from || start >= last.to) {
      const day = localDay(start, zone);
      let window = windows.get(day);
      if (window === undefined) {
        const business = hours.days.includes(weekday(day)) && !holidays.has(isoDate(day)) && close > open;
        const at = (local: number) => wallClock(local, zone).at;
        window = {
          from: at(day),
          to: at(day + DAY),
          open: business ? at(day + open * MINUTE) : 0,
          close: business ? at(day + close * MINUTE) : 0,
        };
        windows.set(day, window);
      }
      last = window;
    }
    return last.open <= start && end <= last.close && last.close > last.open;
  };
}

/**
 * The next free call slots, earliest first: at least `minNoticeHours` after `now` (and not before `from`), ending
 * within `horizonDays`, starting on multiples of `stepMinutes` since midnight in the staff member's zone, lasting
 * `durationMinutes` of real time, inside that day's call hours (not on a holiday) and clear of the member's bookings
 * (touching is fine). Professional and community customers get only slots inside business hours in their own zone;
 * enterprise and white-glove any time a staff member works. Each slot has its own start time: when several people
 * are free at once, the one with the fewest slots in this offer takes it (then by staff id), which spreads the offer.
 * Wall-clock times follow DST: a time the clock skips is never offered, a time it shows twice is offered once.
 */
export function findCallSlots(input: FindCallSlotsInput): CallSlot[] {
  const count = input.count ?? input.calls.offerSlots;
  if (count <= 0) return [];
  const { calls } = input;
  const bounds: Bounds = {
    earliest: Math.max(input.now + calls.minNoticeHours * HOUR, input.from ?? Number.NEGATIVE_INFINITY),
    latestEnd: input.now + calls.horizonDays * DAY,
    duration: calls.durationMinutes * MINUTE,
    step: calls.stepMinutes,
    holidays: new Set(input.holidays),
    customerAllows: ANY_TIME_TIERS.includes(input.customer.tier)
      ? () => true
      : businessHoursCheck(input.customer.timezone, input.businessHours),
  };
  const busyOf = new Map<string, CallSlot[]>();
  for (const slot of input.busy) {
    const list = busyOf.get(slot.staffId) ?? [];
    list.push(slot);
    busyOf.set(slot.staffId, list);
  }
  const takers = input.staff
    .filter((s) => s.calls)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((s) => {
      const busy = (busyOf.get(s.id) ?? []).slice().sort((a, b) => a.startsAt - b.startsAt);
      const slots = freeSlots(s, busy, bounds);
      return { slots, head: slots.next().value as CallSlot | undefined, picks: 0 };
    });
  const offer: CallSlot[] = [];
  while (offer.length < count) {
    let at = Number.POSITIVE_INFINITY;
    for (const t of takers) if (t.head && t.head.startsAt < at) at = t.head.startsAt;
    if (at === Number.POSITIVE_INFINITY) break;
    const free = takers.filter((t) => t.head?.startsAt === at);
    // Takers are in id order: the first of those with the fewest slots in this offer takes it.
    const chosen = free.reduce((best, t) => (t.picks < best.picks ? t : best));
    offer.push(chosen.head!);
    chosen.picks++;
    for (const t of free) t.head = t.slots.next().value as CallSlot | undefined;
  }
  return offer;
}
