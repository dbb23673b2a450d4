import { percentile } from '../../core/metrics/percentile.js';
import { abstentionFigures } from './abstention-figures.js';
import type { AbstentionFigures } from './abstention-figures.js';
import { predictAll } from './predict-all.js';
import { startProgress } from './progress.js';
import type { TextClassifier } from './text-classifier.js';
import { tuneThreshold } from './tune-threshold.js';

export interface LabeledRows {
  texts: string[];
  labels: string[];
}

export interface SystemFigures extends AbstentionFigures {
  threshold: number;
  thresholdTunedOn: 'val' | 'default';
  trainMs: number;
  latencyUs: { p50: number; p99: number };
  modelBytes?: number;
}

export interface SystemSpec {
  name: string;
  train: () => TextClassifier;
  sizeBytes?: (classifier: TextClassifier) => number;
}

/**
 * Trains one system, tunes its abstain threshold on `tuning` (only when it has out-of-scope rows; never on the test
 * rows), then scores it on `test` with per-prediction latency.
 */
export function runSystem(
  spec: SystemSpec,
  test: LabeledRows,
  options: { tuning?: LabeledRows; oosLabel?: string; defaultThreshold: number; warmUp: readonly string[] },
): SystemFigures {
  const start = performance.now();
  const classifier = spec.train();
  const trainMs = Math.round(performance.now() - start);
  let threshold = options.defaultThreshold;
  let thresholdTunedOn: SystemFigures['thresholdTunedOn'] = 'default';
  const { tuning, oosLabel } = options;
  if (tuning && oosLabel !== undefined && tuning.labels.includes(oosLabel)) {
    const bar = startProgress(`${spec.name}: tune threshold`, tuning.texts.length);
    const tuned = predictAll(classifier, tuning.texts, { progress: bar });
    bar.stop();
    threshold = tuneThreshold(tuning.labels, tuned.labels, tuned.confidences, oosLabel);
    thresholdTunedOn = 'val';
  }
  const bar = startProgress(`${spec.name}: predict test`, test.texts.length);
  const predictions = predictAll(classifier, test.texts, { warmUp: options.warmUp, progress: bar });
  bar.stop();
  const figures = abstentionFigures(test.labels, predictions.labels, predictions.confidences, threshold, oosLabel);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    ...figures,
    threshold,
    thresholdTunedOn,
    trainMs,
    latencyUs: { p50: round(percentile(predictions.latenciesUs, 50)), p99: round(percentile(predictions.latenciesUs, 99)) },
    ...(spec.sizeBytes ? { modelBytes: spec.sizeBytes(classifier) } : {}),
  };
}
