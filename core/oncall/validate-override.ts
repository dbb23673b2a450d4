import type { StaffConfig } from '../config/support-config.js';
import type { Millis } from '../model/types.js';

export const MAX_OVERRIDE_MS = 31 * 86_400_000;

export type OverrideCheck = { ok: true } | { ok: false; reason: string };

/** The rules an on-call override must follow, whichever command created it. */
export function validateOverride(input: {
  staff: StaffConfig | undefined;
  startsAt: Millis | null;
  endsAt: Millis | null;
  now: Millis;
}): OverrideCheck {
  if (!input.staff)
    return { ok: false, reason: 'That person is not in the staff list (staff in support.config.yaml).' };
  if (input.startsAt === null || input.endsAt === null)
    return { ok: false, reason: 'Times must look like `now`, `+8h`, `18:00`, `2026-11-24` or `2026-11-24T08:00`.' };
  if (input.endsAt <= input.startsAt) return { ok: false, reason: 'The override must end after it starts.' };
  if (input.endsAt <= input.now) return { ok: false, reason: 'The override would already be over.' };
  if (input.endsAt - input.startsAt > MAX_OVERRIDE_MS)
    return {
      ok: false,
      reason: 'An override may last at most 31 days; change the shifts in the configuration instead.',
    };
  return { ok: true };
}
