import type { Category, Millis, Platform, Priority } from '../model/types.js';

export type CorrectionKind = 'type' | 'priority';
export type CorrectionAction = 'added' | 'removed';

/**
 * A maintainer changed a label the triage cares about (type or priority). The adapter maps the label back to the
 * category or priority it stands for; `text` is what was classified, so the correction can become training data.
 */
export interface TrainingCorrection {
  platform: Platform;
  /** Idempotency key: the platform's delivery id; recording the same event twice changes nothing. */
  eventId: string;
  /** `conversationKey` of the conversation (one issue). */
  conversationKey: string;
  kind: CorrectionKind;
  action: CorrectionAction;
  /** The platform's label name, e.g. `enhancement` or `P0-critical`. */
  label: string;
  /** For type labels: the category the label stands for. */
  category: Category | null;
  /** For priority labels: the priority the label stands for. */
  priority: Priority | null;
  /** What the classifier thought of the same text when the correction was made. */
  predictedCategory: Category | null;
  text: string;
  actorId: string;
  at: Millis;
}

export type StoredCorrection = TrainingCorrection & { id: number };

export interface CorrectionStore {
  recordCorrection(correction: TrainingCorrection): Promise<'recorded' | 'duplicate'>;
  /** Oldest first. */
  listCorrections(): Promise<StoredCorrection[]>;
}
