import { describe, expect, it } from 'vitest';
import type { EscalationRun } from '../ports/sla-store.js';
import { planRunStep } from './plan-run-step.js';

const run = (over: Partial<EscalationRun> = {}): EscalationRun => ({
  id: 7,
  ticketId: 1,
  reason: 'breach:first-response:1',
  state: 'active',
  step: 0,
  repeat: 0,
  nextAt: 0,
  startedAt: 0,
  ackedBy: null,
  ackedAt: null,
  endedAt: null,
  version: 1,
  policy: {
    name: 'p',
    steps: [
      { who: 'oncall', ackWaitMinutes: 10, repeat: 1 },
      { who: 'support-manager', ackWaitMinutes: 20, repeat: 0 },
    ],
  },
  ...over,
});

describe('escalation steps', () => {
  it('repeats a step, then moves on, then waits out the last step and ends', () => {
    expect(planRunStep(run(), 1000)).toMatchObject({
      kind: 'page',
      stepIndex: 0,
      repeat: 0,
      step: { who: 'oncall' },
      patch: { step: 0, repeat: 1, nextAt: 1000 + 10 * 60_000 },
    });
    expect(planRunStep(run({ repeat: 1 }), 1000)).toMatchObject({
      kind: 'page',
      stepIndex: 0,
      repeat: 1,
      patch: { step: 1, repeat: 0 },
    });
    expect(planRunStep(run({ step: 1 }), 1000)).toMatchObject({
      kind: 'page',
      step: { who: 'support-manager' },
      patch: { step: 2, repeat: 0, nextAt: 1000 + 20 * 60_000 },
    });
    expect(planRunStep(run({ step: 2 }), 5000)).toEqual({
      kind: 'exhausted',
      patch: { state: 'exhausted', nextAt: null, endedAt: 5000 },
    });
  });
});
