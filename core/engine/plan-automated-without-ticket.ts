import type { MessageContext } from './message-context.js';
import { DUPLICATE } from './triage-plan.js';
import type { TriagePlan } from './triage-plan.js';

/** A machine's message (an auto-reply, a bounce) where no ticket is open: the event is recorded, nothing else. */
export function planAutomatedWithoutTicket(ctx: MessageContext): TriagePlan {
  const outcome = { kind: 'ignored', reason: 'automated-no-ticket' } as const;
  return {
    changes: { event: ctx.event('ignored:automated-no-ticket'), outbox: ctx.adapterOutbox(outcome) },
    settle: (r) => (r.kind === 'duplicate' ? DUPLICATE : outcome),
  };
}
