import type { RandomSource } from '../../core/classifier/seeded-random.js';
import { shuffleInPlace } from '../../core/classifier/seeded-random.js';

/** Assigns each example to one of `k` folds so every label is spread evenly (shuffled per label, dealt round-robin). */
export function stratifiedFolds(labels: readonly string[], k: number, random: RandomSource): number[][] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer >= 2, got ${k}`);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label);
    if (list) list.push(i);
    else byLabel.set(label, [i]);
  });
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const indices = byLabel.get(label) as number[];
    shuffleInPlace(indices, random);
    for (const i of indices) {
      (folds[next % k] as number[]).push(i);
      next++;
    }
  }
  return folds.map((fold) => fold.sort((a, b) => a - b));
}
