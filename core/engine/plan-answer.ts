import type { SupportConfig } from '../config/support-config.js';
import type { NextStep } from '../policy/next-step.js';
import type { NewSearchLog } from '../ports/feedback-store.js';
import type { ArticleHit } from '../ports/knowledge-base.js';
import { answerWithoutTicket } from './build-replies.js';
import type { CallAnswer } from './call-request-reply.js';
import type { Classification } from './classify-category.js';
import type { MessageContext } from './message-context.js';
import { DUPLICATE } from './triage-plan.js';
import type { TriagePlan } from './triage-plan.js';

/** A new conversation answered without a ticket: a greeting, articles, a ticket offered, or "not sure". */
export function planAnswer(
  ctx: MessageContext,
  step: Exclude<NextStep, { kind: 'open-ticket' }>,
  classification: Classification,
  hits: readonly ArticleHit[],
  search: NewSearchLog,
  config: SupportConfig,
  call: CallAnswer | null = null,
): TriagePlan {
  const { reply, articles, name } = answerWithoutTicket(step, classification, hits, ctx.text, config, call);
  const outcome = {
    kind: 'answered',
    classification,
    articles,
    reply,
    abstained: step.kind === 'not-sure',
  } as const;
  return {
    changes: {
      event: ctx.event(`answered:${name}`),
      ...(step.kind === 'greet' ? {} : { searches: [search] }),
      outbox: [...ctx.replyTo(reply), ...ctx.adapterOutbox(outcome)],
    },
    settle: (r) => (r.kind === 'duplicate' ? DUPLICATE : outcome),
  };
}
