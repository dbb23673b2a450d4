import type { IntentPrediction, ScoredLabel } from './intent-model.js';

/** One model's prediction and its weight in the pool. */
export interface PooledPrediction {
  prediction: IntentPrediction;
  /** Relative weight, > 0; the weights are normalised to sum to 1. */
  weight: number;
}

/**
 * Log-linear pooling (a weighted geometric mean) of several models' calibrated predictions over the same input:
 *
 *     p(label) ∝ ∏ p_m(label)^w_m,  with Σ w_m = 1
 *
 * A label is likely only if every model finds it plausible, and since the weights sum to 1 the pooled distribution is
 * no sharper than its members (two calibrated models give a calibrated-looking pool, so thresholds keep their
 * meaning). The labels are the union of the members' ranked labels; a label missing from a member's ranking (it
 * lists its best few) gets that member's lowest listed probability, an upper bound, and a label the member does not
 * know at all gets the same (the pool then rests on the others). Returns the pooled prediction, ranked like its
 * members (at most as many labels as the longest ranking).
 */
export function poolPredictions(members: readonly PooledPrediction[]): IntentPrediction {
  if (members.length === 0) throw new RangeError('poolPredictions needs at least one prediction');
  const totalWeight = members.reduce((sum, m) => sum + m.weight, 0);
  if (!(totalWeight > 0) || members.some((m) => !(m.weight >= 0)))
    throw new RangeError('pool weights must be >= 0 with a positive sum');
  const labels = new Set<string>();
  for (const m of members) for (const r of m.prediction.ranked) labels.add(r.label);
  const logScores = new Map<string, number>();
  for (const label of labels) {
    let sum = 0;
    for (const m of members) {
      const ranked = m.prediction.ranked;
      const p = ranked.find((r) => r.label === label)?.score ?? lowest(ranked);
      sum += (m.weight / totalWeight) * Math.log(Math.max(p, Number.MIN_VALUE));
    }
    logScores.set(label, sum);
  }
  const max = Math.max(...logScores.values());
  let norm = 0;
  for (const v of logScores.values()) norm += Math.exp(v - max);
  const ranked: ScoredLabel[] = [...logScores]
    .map(([label, v]) => ({ label, score: Math.exp(v - max) / norm }))
    .sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1))
    .slice(0, Math.max(...members.map((m) => m.prediction.ranked.length)));
  const top = ranked[0] as ScoredLabel;
  return { label: top.label, confidence: top.score, ranked };
}

const lowest = (ranked: readonly ScoredLabel[]): number => Math.min(...ranked.map((r) => r.score));
