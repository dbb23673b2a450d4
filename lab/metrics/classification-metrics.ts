/**
 * Classification metrics over parallel arrays of gold and predicted labels. Labels are the union of both arrays,
 * sorted; a label never predicted has precision 0, a label never in gold has recall 0 (scikit-learn's zero_division=0).
 */

/** counts.get(gold)?.get(predicted) = how many examples of `gold` were predicted as `predicted`. */
export type ConfusionCounts = Map<string, Map<string, number>>;

export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold examples of this label. */
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perLabel: Record<string, LabelScores>;
}

function assertParallel(gold: readonly string[], predicted: readonly string[]): void {
  if (gold.length !== predicted.length) {
    throw new RangeError(`gold has ${gold.length} labels but predicted has ${predicted.length}`);
  }
}

/** Share of examples whose prediction equals the gold label; NaN for no examples. */
export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  assertParallel(gold, predicted);
  if (gold.length === 0) return Number.NaN;
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  return correct / gold.length;
}

export function confusionCounts(gold: readonly string[], predicted: readonly string[]): ConfusionCounts {
  assertParallel(gold, predicted);
  const counts: ConfusionCounts = new Map();
  for (let i = 0; i < gold.length; i++) {
    const row = counts.get(gold[i] as string) ?? new Map<string, number>();
    counts.set(gold[i] as string, row);
    row.set(predicted[i] as string, (row.get(predicted[i] as string) ?? 0) + 1);
  }
  return counts;
}

/** Precision, recall, F1 and support of every label in the union of gold and predicted labels. */
export function perLabelScores(gold: readonly string[], predicted: readonly string[]): Record<string, LabelScores> {
  assertParallel(gold, predicted);
  const labels = [...new Set([...gold, ...predicted])].sort();
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] as string;
    const p = predicted[i] as string;
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predictedCount.set(p, (predictedCount.get(p) ?? 0) + 1);
    if (g === p) tp.set(g, (tp.get(g) ?? 0) + 1);
  }
  const scores: Record<string, LabelScores> = {};
  for (const label of labels) {
    const hits = tp.get(label) ?? 0;
    const support = goldCount.get(label) ?? 0;
    const guessed = predictedCount.get(label) ?? 0;
    const precision = guessed === 0 ? 0 : hits / guessed;
    const recall = support === 0 ? 0 : hits / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    scores[label] = { precision, recall, f1, support };
  }
  return scores;
}

/** Unweighted mean of the per-label F1 scores; NaN for no examples. */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  const scores = Object.values(perLabelScores(gold, predicted));
  if (scores.length === 0) return Number.NaN;
  return scores.reduce((sum, s) => sum + s.f1, 0) / scores.length;
}

export function classificationReport(gold: readonly string[], predicted: readonly string[]): ClassificationReport {
  const perLabel = perLabelScores(gold, predicted);
  const f1s = Object.values(perLabel).map((s) => s.f1);
  return {
    accuracy: accuracy(gold, predicted),
    macroF1: f1s.length === 0 ? Number.NaN : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    perLabel,
  };
}

/**
 * Expected calibration error: confidences split into `bins` equal-width bins; the example-weighted mean over bins of
 * |accuracy - mean confidence|. 0 = perfectly calibrated. `correct[i]` says whether prediction i was right.
 */
export function expectedCalibrationError(
  confidences: readonly number[],
  correct: readonly boolean[],
  bins = 10,
): number {
  if (confidences.length !== correct.length) throw new RangeError('confidences and correct differ in length');
  if (confidences.length === 0) return Number.NaN;
  const count = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  const sum = new Array<number>(bins).fill(0);
  confidences.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(c * bins)));
    count[b] = (count[b] as number) + 1;
    sum[b] = (sum[b] as number) + c;
    if (correct[i]) hits[b] = (hits[b] as number) + 1;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n > 0) ece += (n / confidences.length) * Math.abs((hits[b] as number) / n - (sum[b] as number) / n);
  }
  return ece;
}
