/** The contract of the product's local intent classifier (implemented in this folder, on `natural`). */

export interface LabeledText {
  text: string;
  label: string;
}

export interface ScoredLabel {
  label: string;
  /** Calibrated probability in [0, 1]; scores of one prediction sum to ~1. */
  score: number;
}

export interface IntentPrediction {
  /** Best label. */
  label: string;
  /** Probability of the best label, in [0, 1]. Callers abstain below their threshold. */
  confidence: number;
  /** Top labels, best first (at most 5). */
  ranked: readonly ScoredLabel[];
}

export interface IntentModel {
  readonly labels: readonly string[];
  predict(text: string): IntentPrediction;
  /** JSON-serialisable form; `loadIntentModel(model.toJSON())` gives an equivalent model. */
  toJSON(): SerializedIntentModel;
}

export interface SerializedIntentModel {
  format: string;
  version: number;
  [key: string]: unknown;
}
