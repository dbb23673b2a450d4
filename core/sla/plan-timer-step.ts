import type { Millis } from '../model/types.js';
import type { SlaTimer, SweepStep } from '../ports/sla-store.js';

export type TimerStepPlan =
  | { kind: 'warn'; patch: NonNullable<SweepStep['timer']>['patch'] }
  | { kind: 'breach'; patch: NonNullable<SweepStep['timer']>['patch']; reason: string }
  | { kind: 'update'; seq: number; patch: NonNullable<SweepStep['timer']>['patch'] }
  | { kind: 'reschedule'; patch: NonNullable<SweepStep['timer']>['patch'] };

/**
 * What a due timer does now. Warning once at its warn point, breach once at its due time (skipping a warning that
 * is already too late), and for a critical incident one status update per interval. After downtime, missed update
 * slots collapse into one update now, and the next follows one interval later.
 */
export function planTimerStep(timer: SlaTimer, now: Millis, updateIntervalMs: number): TimerStepPlan {
  if (timer.kind === 'critical-update') {
    const due = timer.dueAt ?? now;
    const next = due + updateIntervalMs > now ? due + updateIntervalMs : now + updateIntervalMs;
    return { kind: 'update', seq: timer.seq + 1, patch: { seq: timer.seq + 1, dueAt: next, nextCheckAt: next } };
  }
  if (timer.dueAt !== null && now >= timer.dueAt) {
    return {
      kind: 'breach',
      reason: `breach:${timer.kind}:${timer.cycle}`,
      patch: { state: 'missed', breachedAt: now, nextCheckAt: null },
    };
  }
  if (timer.warnedAt === null && timer.warnAt !== null && now >= timer.warnAt)
    return { kind: 'warn', patch: { warnedAt: now, nextCheckAt: timer.dueAt } };
  return {
    kind: 'reschedule',
    patch: { nextCheckAt: timer.warnedAt === null && timer.warnAt !== null ? timer.warnAt : timer.dueAt },
  };
}
