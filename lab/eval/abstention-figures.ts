import { classificationReport, expectedCalibrationError } from '../metrics/classification-metrics.js';

export interface AbstentionFigures {
  accuracy: number;
  macroF1: number;
  perLabelF1: Record<string, number>;
  /** Expected calibration error of the top label's confidence (10 bins; in-scope rows only when oos rows exist). */
  calibrationError: number;
  /** Share of examples whose confidence is below the threshold. */
  abstainRate: number;
  /** Accuracy over the examples the model did not abstain on. */
  answeredAccuracy: number;
  /** Present when out-of-scope rows are: accuracy over in-scope rows (an abstention counts as wrong). */
  inScopeAccuracy?: number;
  /** Present when out-of-scope rows are: share of out-of-scope rows the model abstained on (or labelled oos). */
  outOfScopeRecall?: number;
}

/**
 * Scores predictions under an abstain threshold. With an out-of-scope label, an abstention is the prediction
 * `oosLabel` (so accuracy and macro-F1 include the oos class); without one, accuracy and macro-F1 score the top label
 * and the abstain rate says how often a caller with this threshold would not answer.
 */
export function abstentionFigures(
  gold: readonly string[],
  predicted: readonly string[],
  confidences: readonly number[],
  threshold: number,
  oosLabel?: string,
): AbstentionFigures {
  const abstained = confidences.map((c) => c < threshold);
  const hasOos = oosLabel !== undefined && gold.includes(oosLabel);
  const final = hasOos ? predicted.map((p, i) => (abstained[i] ? oosLabel : p)) : [...predicted];
  const report = classificationReport(gold, final);
  const answered = gold.flatMap((g, i) => (abstained[i] ? [] : [g === predicted[i] ? 1 : 0]));
  const figures: AbstentionFigures = {
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    perLabelF1: Object.fromEntries(Object.entries(report.perLabel).map(([label, s]) => [label, s.f1])),
    calibrationError: calibrationError(gold, predicted, confidences, hasOos ? oosLabel : undefined),
    abstainRate: abstained.filter(Boolean).length / Math.max(1, gold.length),
    answeredAccuracy:
      answered.length === 0 ? Number.NaN : answered.reduce((a: number, b) => a + b, 0) / answered.length,
  };
  if (hasOos) {
    let inScope = 0;
    let inScopeCorrect = 0;
    let oos = 0;
    let oosCaught = 0;
    gold.forEach((g, i) => {
      if (g === oosLabel) {
        oos++;
        if (final[i] === oosLabel) oosCaught++;
      } else {
        inScope++;
        if (final[i] === g) inScopeCorrect++;
      }
    });
    figures.inScopeAccuracy = inScope === 0 ? Number.NaN : inScopeCorrect / inScope;
    figures.outOfScopeRecall = oos === 0 ? Number.NaN : oosCaught / oos;
  }
  return figures;
}

function calibrationError(
  gold: readonly string[],
  predicted: readonly string[],
  confidences: readonly number[],
  oosLabel?: string,
): number {
  const rows = gold.flatMap((g, i) => (g === oosLabel ? [] : [i]));
  return expectedCalibrationError(
    rows.map((i) => confidences[i] as number),
    rows.map((i) => predicted[i] === gold[i]),
  );
}
