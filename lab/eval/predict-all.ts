import type { Progress } from './progress.js';
import type { TextClassifier } from './text-classifier.js';

export interface Predictions {
  labels: string[];
  confidences: number[];
  /** Per-prediction wall time in microseconds. */
  latenciesUs: number[];
}

/** Predicts every text, timing each call (after `warmUp` untimed calls that let the JIT settle). */
export function predictAll(
  classifier: TextClassifier,
  texts: readonly string[],
  options: { warmUp?: readonly string[]; progress?: Progress } = {},
): Predictions {
  for (const text of options.warmUp ?? []) classifier.predict(text);
  const labels: string[] = [];
  const confidences: number[] = [];
  const latenciesUs: number[] = [];
  for (const text of texts) {
    const start = process.hrtime.bigint();
    const prediction = classifier.predict(text);
    latenciesUs.push(Number(process.hrtime.bigint() - start) / 1000);
    labels.push(prediction.label);
    confidences.push(prediction.confidence);
    options.progress?.increment();
  }
  return { labels, confidences, latenciesUs };
}
