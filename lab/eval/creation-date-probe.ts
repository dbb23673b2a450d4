/** A labelled example reduced to when it was created (epoch milliseconds). */
export interface DatedLabel {
  createdAt: number;
  label: string;
}

/** How many of the nearest training issues in time vote. */
export const CREATION_DATE_PROBE_NEIGHBOURS = 15;

/**
 * A leak probe for `eval issues`, not a classifier the desk uses: it predicts an issue's label from its creation date
 * alone, by majority vote of the `k` training issues created nearest in time (a tie goes to the label of the nearest
 * of the tied labels' voters). An issue's type does not depend on its date, so a probe far above chance (1 / labels)
 * says the dataset's labels were sampled from different time windows, and that a model reading the date would score
 * the sampling, not the issue. NLBSE'24 is such a dataset (docs/evaluation.md).
 */
export function creationDateProbe(
  train: readonly DatedLabel[],
  k = CREATION_DATE_PROBE_NEIGHBOURS,
): (createdAt: number) => string {
  if (train.length === 0) throw new RangeError('creationDateProbe needs at least one training example');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const sorted = [...train].sort((a, b) => a.createdAt - b.createdAt);
  return (createdAt) => {
    // Walk outwards from the insertion point, taking the nearer side each step (the earlier one on a tie in time).
    let right = lowerBound(sorted, createdAt);
    let left = right - 1;
    const votes = new Map<string, { count: number; firstRank: number }>();
    for (let rank = 0; rank < Math.min(k, sorted.length); rank++) {
      const takeLeft =
        right >= sorted.length ||
        (left >= 0 &&
          createdAt - (sorted[left] as DatedLabel).createdAt <= (sorted[right] as DatedLabel).createdAt - createdAt);
      const neighbour = sorted[takeLeft ? left-- : right++] as DatedLabel;
      const vote = votes.get(neighbour.label);
      if (vote) vote.count++;
      else votes.set(neighbour.label, { count: 1, firstRank: rank });
    }
    let best: [string, { count: number; firstRank: number }] | undefined;
    for (const entry of votes) {
      if (
        !best ||
        entry[1].count > best[1].count ||
        (entry[1].count === best[1].count && entry[1].firstRank < best[1].firstRank)
      )
        best = entry;
    }
    return (best as [string, unknown])[0];
  };
}

function lowerBound(sorted: readonly DatedLabel[], createdAt: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as DatedLabel).createdAt < createdAt) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
