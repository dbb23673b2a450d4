import type { Millis } from '../model/types.js';
import type { EscalationRun, EscalationStep, SweepStep } from '../ports/sla-store.js';

export type RunStepPlan =
  | {
      kind: 'page';
      step: EscalationStep;
      stepIndex: number;
      repeat: number;
      patch: NonNullable<SweepStep['run']>['patch'];
    }
  | { kind: 'exhausted'; patch: NonNullable<SweepStep['run']>['patch'] };

/**
 * What a due run does now, from its frozen policy: page step `step` (attempt `repeat`), then wait the step's
 * acknowledgement time and either repeat the step or move to the next; after the last step's wait, the run is
 * exhausted. Pure: the sweep writes the patch only if the run still has the version it read.
 */
export function planRunStep(run: EscalationRun, now: Millis): RunStepPlan {
  const steps = run.policy.steps;
  const step = steps[run.step];
  if (!step) return { kind: 'exhausted', patch: { state: 'exhausted', nextAt: null, endedAt: now } };
  const nextAt = now + step.ackWaitMinutes * 60_000;
  const again = run.repeat < step.repeat;
  return {
    kind: 'page',
    step,
    stepIndex: run.step,
    repeat: run.repeat,
    patch: { step: again ? run.step : run.step + 1, repeat: again ? run.repeat + 1 : 0, nextAt },
  };
}

/** Move past a step that names nobody, at once. */
export function skipRunStep(run: EscalationRun, now: Millis): NonNullable<SweepStep['run']>['patch'] {
  return { step: run.step + 1, repeat: 0, nextAt: now };
}
