import type { RotationConfig, ShiftConfig, StaffConfig } from '../config/support-config.js';
import type { Millis } from '../model/types.js';

export interface OnCallSlot {
  shift: string;
  /** null when the shift has no members. */
  staff: StaffConfig | null;
  startsAt: Millis;
  endsAt: Millis;
  /** Set when an override puts someone else on call for (part of) this slot. */
  overrideId?: number | undefined;
}

/** The part of an override the schedule needs (rows come from the SLA store). */
export interface OverrideWindow {
  id: number;
  staffId: string;
  startsAt: Millis;
  endsAt: Millis;
  createdAt?: Millis | undefined;
}

export interface OnCallOptions {
  /** Default rotation among a shift's members; a shift's own `rotation` wins. */
  rotation?: RotationConfig | undefined;
  overrides?: readonly OverrideWindow[] | undefined;
}

const DAY = 86_400_000;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** The slot (shift occurrence) covering `at`, walking shifts in UTC; shifts may wrap past midnight. */
function slotAt(
  shifts: readonly ShiftConfig[],
  at: Millis,
): { shift: ShiftConfig; startsAt: Millis; endsAt: Millis } | null {
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
 * Rotation index of a slot: daily = days since the epoch; weekly = ISO weeks since the epoch, handing over on
 * Mondays 00:00 UTC (1970-01-01 was a Thursday, hence the +3).
 */
export function rotationIndex(slotStart: Millis, rotation: RotationConfig): number {
  const day = Math.floor(slotStart / DAY);
  return rotation === 'weekly' ? Math.floor((day + 3) / 7) : day;
}

/** The override in force at `at` (the most recently created wins when several overlap). */
export function overrideAt(overrides: readonly OverrideWindow[], at: Millis): OverrideWindow | null {
  let found: OverrideWindow | null = null;
  for (const o of overrides) {
    if (at < o.startsAt || at >= o.endsAt) continue;
    if (!found || (o.createdAt ?? o.id) > (found.createdAt ?? found.id)) found = o;
  }
  return found;
}

/** Who is on call at exactly `at`: an override, else the shift member whose turn it is. */
function onCallAt(
  shifts: readonly ShiftConfig[],
  staff: readonly StaffConfig[],
  at: Millis,
  options: OnCallOptions,
): OnCallSlot | null {
  const slot = slotAt(shifts, at);
  const overrides = options.overrides ?? [];
  const override = overrideAt(overrides, at);
  // The slot ends at the shift's end or the next override boundary, whichever comes first.
  const boundaries = overrides.flatMap((o) => [o.startsAt, o.endsAt]).filter((b) => b > at);
  if (override) {
    const endsAt = Math.min(...boundaries, slot?.endsAt ?? Infinity);
    const startsAt = Math.max(
      override.startsAt,
      slot?.startsAt ?? -Infinity,
      ...overrides.flatMap((o) => [o.startsAt, o.endsAt]).filter((b) => b <= at && b > override.startsAt),
    );
    return {
      shift: slot?.shift.name ?? 'override',
      staff: staff.find((s) => s.id === override.staffId) ?? null,
      startsAt,
      endsAt,
      overrideId: override.id,
    };
  }
  if (!slot) return null;
  const members = slot.shift.members;
  const index = rotationIndex(slot.startsAt, slot.shift.rotation ?? options.rotation ?? 'daily');
  const id = members.length ? members[index % members.length] : undefined;
  const startsAt = Math.max(
    slot.startsAt,
    ...overrides.map((o) => o.endsAt).filter((e) => e <= at && e > slot.startsAt),
  );
  return {
    shift: slot.shift.name,
    staff: staff.find((s) => s.id === id) ?? null,
    startsAt,
    endsAt: Math.min(slot.endsAt, ...boundaries),
  };
}

/**
 * Who is on call at `at` and who comes next: the shift covering that instant (UTC), members rotating daily or
 * weekly within the shift, and overrides (stored in the database) replacing whoever the schedule names.
 */
export function whoIsOnCall(
  shifts: readonly ShiftConfig[],
  staff: readonly StaffConfig[],
  at: Millis,
  options: OnCallOptions = {},
): { now: OnCallSlot | null; next: OnCallSlot | null } {
  const now = onCallAt(shifts, staff, at, options);
  let next: OnCallSlot | null = null;
  if (now && Number.isFinite(now.endsAt)) next = onCallAt(shifts, staff, now.endsAt, options);
  else if (!now) {
    // Find the next covered minute within a day (gaps in the schedule).
    for (let t = at; t < at + DAY && !next; t += 60_000) next = onCallAt(shifts, staff, t, options);
  }
  return { now, next };
}
