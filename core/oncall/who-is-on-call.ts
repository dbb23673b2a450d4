import type { ShiftConfig, StaffConfig } from '../config/support-config.js';
import type { Millis } from '../model/types.js';

export interface OnCallSlot {
  shift: string;
  /** null when the shift has no members. */
  staff: StaffConfig | null;
  startsAt: Millis;
  endsAt: Millis;
}

const DAY = 86_400_000;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The slot (shift occurrence) covering `at`, walking shifts in UTC; shifts may wrap past midnight. */
function slotAt(shifts: readonly ShiftConfig[], at: Millis): { shift: ShiftConfig; startsAt: Millis; endsAt: Millis } | null {
  const dayStart = Math.floor(at / DAY) * DAY;
  for (const offset of [0, -DAY]) {
    for (const shift of shifts) {
      const start = dayStart + offset + minutesOf(shift.start) * 60_000;
      let end = dayStart + offset + minutesOf(shift.end) * 60_000;
      if (end <= start) end += DAY;
      if (at >= start && at < end) return { shift, startsAt: start, endsAt: end };
    }
  }
  return null;
}

/**
 * Who is on call at `at`: the shift covering that instant (UTC), with members rotating daily within the shift
 * (day number since the epoch modulo the member count), so each member takes every n-th day.
 */
export function whoIsOnCall(shifts: readonly ShiftConfig[], staff: readonly StaffConfig[], at: Millis): { now: OnCallSlot | null; next: OnCallSlot | null } {
  const resolve = (slot: ReturnType<typeof slotAt>): OnCallSlot | null => {
    if (!slot) return null;
    const members = slot.shift.members;
    const day = Math.floor(slot.startsAt / DAY);
    const id = members.length ? members[day % members.length] : undefined;
    return { shift: slot.shift.name, staff: staff.find((s) => s.id === id) ?? null, startsAt: slot.startsAt, endsAt: slot.endsAt };
  };
  const now = resolve(slotAt(shifts, at));
  let next: OnCallSlot | null = null;
  if (now) next = resolve(slotAt(shifts, now.endsAt));
  else {
    // Find the next covered minute within a day (gaps in the schedule).
    for (let t = at; t < at + DAY && !next; t += 60_000) next = resolve(slotAt(shifts, t));
  }
  return { now, next };
}
