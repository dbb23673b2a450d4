import { percentile } from '../metrics/percentile.js';
import { abstentionFigures } from './abstention-figures.js';
import type { AbstentionFigures } from './abstention-figures.js';
import { predictAll } from './predict-all.js';
import { startProgress } from './progress.js';
import type { TextClassifier } from './text-classifier.js';
import { thresholdForOosRecall, tuneThreshold } from './tune-threshold.js';

export interface LabeledRows {
  texts: string[];
  labels: string[];
}

export interface SystemFigures extends AbstentionFigures {
  threshold: number;
  thresholdTunedOn: 'val' | 'default';
  /** Wall-clock training time. */
  trainMs: number;
  /** CPU time of the process while training: closer to the code's own cost when the machine is shared. */
  trainCpuMs: number;
  latencyUs: { p50: number; p99: number };
  modelBytes?: number | undefined;
  /** In-scope accuracy / oos recall at fixed thresholds on the test rows: a report of the trade-off, not a tuning. */
  thresholdSweepOnTest?: Record<
    string,
    { inScopeAccuracy?: number | undefined; outOfScopeRecall?: number | undefined }
  >;
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
  options: {
    tuning?: LabeledRows;
    oosLabel?: string;
    minOosRecall?: number;
    defaultThreshold: number;
    warmUp: readonly string[];
  },
): SystemFigures {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const classifier = spec.train();
  const trainMs = Math.round(performance.now() - start);
  const trainCpuMs = Math.round(process.cpuUsage(cpuStart).user / 1000);
  let threshold = options.defaultThreshold;
  let thresholdTunedOn: SystemFigures['thresholdTunedOn'] = 'default';
  const { tuning, oosLabel } = options;
  if (tuning && oosLabel !== undefined && tuning.labels.includes(oosLabel)) {
    const bar = startProgress(`${spec.name}: tune threshold`, tuning.texts.length);
    const tuned = predictAll(classifier, tuning.texts, { progress: bar });
    bar.stop();
    threshold =
      options.minOosRecall === undefined
        ? tuneThreshold(tuning.labels, tuned.labels, tuned.confidences, oosLabel)
        : thresholdForOosRecall(tuning.labels, tuned.labels, tuned.confidences, oosLabel, options.minOosRecall);
    thresholdTunedOn = 'val';
  }
  const bar = startProgress(`${spec.name}: predict test`, test.texts.length);
  const predictions = predictAll(classifier, test.texts, { warmUp: options.warmUp, progress: bar });
  bar.stop();
  const figures = abstentionFigures(test.labels, predictions.labels, predictions.confidences, threshold, oosLabel);
  // Reported, never used for choosing: how in-scope accuracy and oos recall trade off on the test rows.
  const sweep =
    oosLabel !== undefined && test.labels.includes(oosLabel)
      ? Object.fromEntries(
          [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((t) => {
            const f = abstentionFigures(test.labels, predictions.labels, predictions.confidences, t, oosLabel);
            return [t.toFixed(1), { inScopeAccuracy: f.inScopeAccuracy, outOfScopeRecall: f.outOfScopeRecall }];
          }),
        )
      : undefined;
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    ...figures,
    threshold,
    thresholdTunedOn,
    trainMs,
    trainCpuMs,
    latencyUs: {
      p50: round(percentile(predictions.latenciesUs, 50)),
      p99: round(percentile(predictions.latenciesUs, 99)),
    },
    ...(spec.sizeBytes ? { modelBytes: spec.sizeBytes(classifier) } : {}),
    ...(sweep ? { thresholdSweepOnTest: sweep } : {}),
  };
}
