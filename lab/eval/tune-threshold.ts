/**
 * Picks the abstain threshold on a tuning set that contains out-of-scope rows: the threshold that maximises accuracy
 * when an abstention counts as the answer "out of scope" (every wrong answer costs the same, whether it answers an
 * out-of-scope question or misroutes an in-scope one). Candidates are 0 and the midpoints between consecutive
 * observed confidences, found in one sorted sweep. (Maximising the mean of in-scope accuracy and out-of-scope recall
 * instead over-weights the rare out-of-scope rows: on CLINC150 it abstained on a fifth of in-scope questions.)
 */
export function tuneThreshold(
  gold: readonly string[],
  predicted: readonly string[],
  confidences: readonly number[],
  oosLabel: string,
): number {
  const order = confidences.map((_, i) => i).sort((a, b) => (confidences[a] as number) - (confidences[b] as number));
  let inScope = 0;
  let oos = 0;
  let inScopeCorrect = 0;
  let oosCaught = 0;
  gold.forEach((g, i) => {
    if (g === oosLabel) {
      oos++;
      if (predicted[i] === oosLabel) oosCaught++;
    } else {
      inScope++;
      if (predicted[i] === g) inScopeCorrect++;
    }
  });
  const score = (): number => (inScopeCorrect + oosCaught) / Math.max(1, inScope + oos);
  let best = 0;
  let bestScore = score();
  for (let r = 0; r < order.length; r++) {
    const i = order[r] as number;
    // Raising the threshold above this confidence makes example i abstain.
    if (gold[i] === oosLabel) {
      if (predicted[i] !== oosLabel) oosCaught++;
    } else if (predicted[i] === gold[i]) {
      inScopeCorrect--;
    }
    const next = order[r + 1];
    if (next !== undefined && confidences[next] === confidences[i]) continue;
    const s = score();
    if (s > bestScore) {
      bestScore = s;
      const c = confidences[i] as number;
      best = next === undefined ? c + 1e-9 : (c + (confidences[next] as number)) / 2;
    }
  }
  return best;
}

/**
 * The lowest threshold whose out-of-scope recall on the tuning set reaches `minRecall` (so in-scope answers are
 * given up only as far as that operating point needs): the Neyman-Pearson choice for a product that states
 * "catch at least this share of out-of-scope questions".
 */
export function thresholdForOosRecall(
  gold: readonly string[],
  predicted: readonly string[],
  confidences: readonly number[],
  oosLabel: string,
  minRecall: number,
): number {
  const missed = gold.flatMap((g, i) =>
    g === oosLabel && predicted[i] !== oosLabel ? [confidences[i] as number] : [],
  );
  const total = gold.filter((g) => g === oosLabel).length;
  const alreadyCaught = total - missed.length;
  const needed = Math.ceil(minRecall * total) - alreadyCaught;
  if (needed <= 0) return 0;
  const sorted = [...missed].sort((a, b) => a - b);
  const last = sorted[Math.min(needed, sorted.length) - 1] as number;
  const next = sorted[Math.min(needed, sorted.length)];
  return next === undefined || next === last ? last + 1e-9 : (last + next) / 2;
}
