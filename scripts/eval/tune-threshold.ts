/**
 * Picks the abstain threshold on a tuning set that contains out-of-scope rows: the threshold that maximises the mean
 * of in-scope accuracy and out-of-scope recall, i.e. a wrong answer to an in-scope question and an answer to an
 * out-of-scope one cost the same. Candidates are 0 and the midpoints between consecutive observed confidences (one sorted sweep).
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
  const score = (): number => ((inScope ? inScopeCorrect / inScope : 0) + (oos ? oosCaught / oos : 0)) / 2;
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
