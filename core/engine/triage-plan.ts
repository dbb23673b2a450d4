import type { ChangeSet, CommitResult } from '../ports/ticket-store.js';
import type { TriageOutcome } from './triage-outcome.js';

/**
 * One decision of the engine about one message: every write it causes (one transaction), and what the commit's result
 * means. `retry`: the ticket moved under the decision (its status changed meanwhile), so the engine decides again.
 */
export interface TriagePlan {
  changes: ChangeSet;
  settle(result: CommitResult): TriageOutcome | 'retry';
}

export const DUPLICATE = { kind: 'ignored', reason: 'duplicate' } as const;
