/** CSAT 1-5: count, average and how many of each score. */
export interface CsatSummary {
  count: number;
  avg: number | null;
  /** Index 0 = score 1 … index 4 = score 5. */
  distribution: [number, number, number, number, number];
}

/** NPS 0-10: promoters (9-10) minus detractors (0-6), as a percentage of all answers, from -100 to 100. */
export interface NpsSummary {
  count: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number | null;
}

/** From (score, count) pairs, e.g. a SQL GROUP BY score. Scores outside 1-5 are ignored. */
export function csatSummary(counts: Iterable<readonly [score: number, count: number]>): CsatSummary {
  const distribution: CsatSummary['distribution'] = [0, 0, 0, 0, 0];
  let sum = 0;
  let count = 0;
  for (const [score, n] of counts) {
    if (!Number.isInteger(score) || score < 1 || score > 5) continue;
    distribution[score - 1] = (distribution[score - 1] ?? 0) + n;
    sum += score * n;
    count += n;
  }
  return { count, avg: count ? sum / count : null, distribution };
}

export function npsSummary(counts: Iterable<readonly [score: number, count: number]>): NpsSummary {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const [score, n] of counts) {
    if (!Number.isInteger(score) || score < 0 || score > 10) continue;
    if (score >= 9) promoters += n;
    else if (score >= 7) passives += n;
    else detractors += n;
  }
  const count = promoters + passives + detractors;
  return { count, promoters, passives, detractors, score: count ? ((promoters - detractors) / count) * 100 : null };
}

/** Convenience for plain score lists. */
export const tally = (scores: readonly number[]): Map<number, number> => {
  const m = new Map<number, number>();
  for (const s of scores) m.set(s, (m.get(s) ?? 0) + 1);
  return m;
};
