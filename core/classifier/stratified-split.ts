import type { RandomSource } from './seeded-random.js';
import { shuffleInPlace } from './seeded-random.js';

/**
 * Splits example indices into (kept, heldOut), holding out `fraction` of each label's examples (at least one, and
 * never a label's only example). Deterministic for a given random source.
 */
export function stratifiedSplit(
  labels: readonly string[],
  fraction: number,
  random: RandomSource,
): { kept: number[]; heldOut: number[] } {
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label);
    if (list) list.push(i);
    else byLabel.set(label, [i]);
  });
  const kept: number[] = [];
  const heldOut: number[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const indices = byLabel.get(label) as number[];
    shuffleInPlace(indices, random);
    const count = indices.length < 2 ? 0 : Math.max(1, Math.round(indices.length * fraction));
    heldOut.push(...indices.slice(0, count));
    kept.push(...indices.slice(count));
  }
  return { kept: kept.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}
