import type { StaffConfig, SupportConfig } from '../config/support-config.js';
import type { Directory } from '../directory/create-directory.js';
import type { Millis, Platform } from '../model/types.js';
import type { Clock } from '../ports/clock.js';
import type { OnCallOverride, SlaStore } from '../ports/sla-store.js';
import { parseWhen } from './parse-when.js';
import { validateOverride } from './validate-override.js';
import { whoIsOnCall } from './who-is-on-call.js';
import type { OnCallSlot } from './who-is-on-call.js';

const DAY = 86_400_000;

export interface PersonRef {
  platform: Platform;
  userId: string;
}

export type OverrideResult =
  | { kind: 'set'; override: OnCallOverride; staff: StaffConfig; now: OnCallSlot | null; next: OnCallSlot | null }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'invalid'; reason: string };

/**
 * Who is on call (schedule + overrides from the database, resolved at the instant asked) and the override
 * commands. Adapters call `setOverride` for `/support oncall override @person <from> <to>` and `schedule()` for
 * Discord's `/oncall` (now and next).
 */
export function createOnCall(deps: {
  config: Pick<SupportConfig, 'oncall'>;
  directory: Directory;
  store: Pick<SlaStore, 'addOverride' | 'listOverrides' | 'cancelOverride'>;
  clock: Clock;
}) {
  const { config, directory, store, clock } = deps;

  async function schedule(at: Millis = clock.now()): Promise<{ now: OnCallSlot | null; next: OnCallSlot | null }> {
    const overrides = await store.listOverrides(at - 31 * DAY, at + 2 * DAY);
    return whoIsOnCall(config.oncall.shifts, directory.staff, at, { rotation: config.oncall.rotation, overrides });
  }

  const staffOf = (who: PersonRef | string): StaffConfig | undefined =>
    typeof who === 'string' ? directory.staffById(who) : directory.staffByIdentity(who.platform, who.userId);

  /**
   * Put `person` on call from `from` to `to` (epoch ms, or text a person typed: `now`, `+8h`, `18:00`,
   * `2026-11-24T08:00`, read in the actor's time zone). Only staff may set overrides; each is an audit row.
   */
  async function setOverride(input: {
    actor: PersonRef | string;
    person: PersonRef | string;
    from: Millis | string;
    to: Millis | string;
    reason?: string;
  }): Promise<OverrideResult> {
    const actor = staffOf(input.actor);
    if (!actor) return { kind: 'forbidden', reason: 'Only support staff can change who is on call.' };
    const staff = staffOf(input.person);
    const now = clock.now();
    const startsAt = typeof input.from === 'number' ? input.from : parseWhen(input.from, now, actor.timezone);
    const endsAt =
      typeof input.to === 'number'
        ? input.to
        : startsAt === null
          ? null
          : parseWhen(input.to, now, actor.timezone, startsAt);
    const check = validateOverride({ staff, startsAt, endsAt, now });
    if (!check.ok) return { kind: 'invalid', reason: check.reason };
    const override = await store.addOverride({
      staffId: (staff as StaffConfig).id,
      startsAt: startsAt as Millis,
      endsAt: endsAt as Millis,
      createdBy: actor.id,
      createdAt: now,
      reason: input.reason ?? null,
    });
    const { now: current, next } = await schedule(now);
    return { kind: 'set', override, staff: staff as StaffConfig, now: current, next };
  }

  async function cancelOverride(id: number, actor: PersonRef | string): Promise<boolean> {
    const staff = staffOf(actor);
    if (!staff) return false;
    return store.cancelOverride(id, staff.id, clock.now());
  }

  return {
    schedule,
    setOverride,
    cancelOverride,
    listOverrides: (from: Millis, to: Millis) => store.listOverrides(from, to),
  };
}

export type OnCall = ReturnType<typeof createOnCall>;
