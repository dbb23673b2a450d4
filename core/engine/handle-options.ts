import type { NewOutboxItem } from '../model/outbound-message.js';
import type { TriageOutcome } from './triage-outcome.js';

/** What an adapter adds to the handling of one message. */
export interface HandleOptions {
  /**
   * Outbound messages the adapter queues because of the outcome (GitHub: the labels and at most one comment),
   * committed in the same transaction as the message itself, so a crash cannot store the one without the other.
   * Called once per committed outcome (again if a conflict makes the engine decide again); not for a duplicate,
   * unless `alwaysClassify`.
   */
  outboxFor?: ((outcome: TriageOutcome) => readonly NewOutboxItem[]) | undefined;
  /**
   * The adapter needs every message's classification (GitHub labels every new issue, a maintainer's own included):
   * the engine then classifies the messages it does not triage (staff, third parties), and every outcome carries the
   * classification. A message it stores nothing for (a duplicate, an empty or bot message) is classified too, and
   * `outboxFor`'s items for it are queued alone: a redelivery re-queues them under the same dedupe keys, which changes
   * nothing when they were queued.
   */
  alwaysClassify?: boolean | undefined;
}
