import type { ArticleStats } from '../core/ports/knowledge-base.js';
import type { Millis } from '../core/model/types.js';

/**
 * How non-text signals adjust text relevance. The final score is
 *
 *     score = relevance × (1 + votes·v + popularity·p + recency·r + intent·i)
 *
 * with v in [-1, 1], p, r and i in [0, 1], so with the default weights the multiplier stays within
 * [0.9, 1.35]: a result can only pass another whose text relevance is within that ratio (about a third).
 * Text relevance dominates; the signals order results that match the query about equally well. Text relevance is a
 * query likelihood ratio (query-likelihood.ts), so the multiplier acts as a bounded document prior.
 */
export interface RankingWeights {
  votes: number;
  popularity: number;
  recency: number;
  intent: number;
  /** Pseudo-votes of the Bayesian prior: how many votes it takes before the observed ratio counts half. */
  votePriorCount: number;
  /** Helpful ratio assumed before any vote. */
  votePriorRatio: number;
  /** Age at which the recency signal has halved. */
  recencyHalfLifeDays: number;
}

export const DEFAULT_RANKING_WEIGHTS: RankingWeights = {
  votes: 0.1,
  popularity: 0.05,
  recency: 0.05,
  intent: 0.15,
  votePriorCount: 10,
  votePriorRatio: 0.5,
  recencyHalfLifeDays: 365,
};

/**
 * Bayesian-smoothed helpful ratio mapped to [-1, 1] (0 = no evidence): (helpful + C·m) / (votes + C), centred on
 * the prior m. 1 helpful of 1 gives (1 + 5) / 11 = 0.545; 40 of 45 gives 45 / 55 = 0.818, which ranks higher.
 */
export function voteSignal(stats: ArticleStats | undefined, w: RankingWeights = DEFAULT_RANKING_WEIGHTS): number {
  if (!stats) return 0;
  const votes = Math.max(0, stats.helpful) + Math.max(0, stats.notHelpful);
  const ratio = (Math.max(0, stats.helpful) + w.votePriorCount * w.votePriorRatio) / (votes + w.votePriorCount);
  const centred =
    ratio >= w.votePriorRatio
      ? (ratio - w.votePriorRatio) / (1 - w.votePriorRatio)
      : (ratio - w.votePriorRatio) / w.votePriorRatio;
  return Math.max(-1, Math.min(1, centred));
}

/** log(1 + views) relative to the most viewed article, in [0, 1]. */
export function popularitySignal(views: number, maxViews: number): number {
  if (maxViews <= 0 || views <= 0) return 0;
  return Math.min(1, Math.log1p(views) / Math.log1p(maxViews));
}

/** Exponential decay by age: 1 when updated now (or in the future), 0.5 after one half-life. */
export function recencySignal(updated: Millis, now: Millis, w: RankingWeights = DEFAULT_RANKING_WEIGHTS): number {
  const ageDays = Math.max(0, now - updated) / 86_400_000;
  return 0.5 ** (ageDays / w.recencyHalfLifeDays);
}

export interface RankingInputs {
  stats: ArticleStats | undefined;
  maxViews: number;
  updated: Millis;
  now: Millis;
  intentMatch: boolean;
}

/** The multiplier applied to text relevance; bounded by the weights (see RankingWeights). */
export function rankingMultiplier(input: RankingInputs, w: RankingWeights = DEFAULT_RANKING_WEIGHTS): number {
  return (
    1 +
    w.votes * voteSignal(input.stats, w) +
    w.popularity * popularitySignal(input.stats?.views ?? 0, input.maxViews) +
    w.recency * recencySignal(input.updated, input.now, w) +
    (input.intentMatch ? w.intent : 0)
  );
}
