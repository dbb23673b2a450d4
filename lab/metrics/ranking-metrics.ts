/**
 * Ranking metrics for retrieval with one or more relevant items per query. `ranked` is the system's ordered list of
 * ids, best first; `relevant` the ids that count as correct. Each function scores one query; `meanOf` averages.
 */

/** 1 if a relevant id is among the first k results, else 0 (hit@1 is precision at 1 for a single answer). */
export function hitAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i++) if (relevant.has(ranked[i] as string)) return 1;
  return 0;
}

/** Share of the relevant ids found among the first k results (0 when nothing is relevant). */
export function recallAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  const found = new Set(ranked.slice(0, k).filter((id) => relevant.has(id)));
  return found.size / relevant.size;
}

/** Reciprocal rank of the first relevant id within the first k results, else 0. */
export function reciprocalRankAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i++) if (relevant.has(ranked[i] as string)) return 1 / (i + 1);
  return 0;
}

/** Arithmetic mean; NaN for an empty sample. */
export function meanOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export interface RankingSummary {
  queries: number;
  hitAt1: number;
  recallAt5: number;
  mrrAt10: number;
}

/** hit@1, recall@5 and MRR@10 averaged over queries. */
export function summarizeRankings(
  runs: ReadonlyArray<{ ranked: readonly string[]; relevant: ReadonlySet<string> }>,
): RankingSummary {
  return {
    queries: runs.length,
    hitAt1: meanOf(runs.map((r) => hitAtK(r.ranked, r.relevant, 1))),
    recallAt5: meanOf(runs.map((r) => recallAtK(r.ranked, r.relevant, 5))),
    mrrAt10: meanOf(runs.map((r) => reciprocalRankAtK(r.ranked, r.relevant, 10))),
  };
}
