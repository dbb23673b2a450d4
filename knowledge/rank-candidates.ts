import type { Article } from '../core/ports/knowledge-base.js';
import type { IndexedArticle } from './indexed-article.js';
import type { QueryWord } from './query-analyzer.js';
import type { QueryLikelihood } from './query-likelihood.js';
import { countOf } from './term-counts.js';

/** A candidate as ranked: text relevance, coverage of the query's content words, and the final score. */
export interface RankedCandidate {
  entry: IndexedArticle;
  relevance: number;
  coverage: number;
  score: number;
}

/** Whether the article's text holds the term (an unknown term, id -1, never). */
export function hasTerm(entry: IndexedArticle, id: number): boolean {
  return id >= 0 && countOf(entry.terms.document, id) > 0;
}

/** The words coverage counts: the informative content words, each once as asked (a typo and its correction are one). */
export function wantedTermIds(informative: readonly QueryWord[]): number[] {
  const wanted = new Map<string, number>();
  for (const w of informative) if (!w.stop) wanted.set(w.asked, w.id);
  return [...wanted.values()];
}

/**
 * The ranking stage: each candidate's query likelihood times its ranking multiplier (ranking-signals.ts), best
 * first; ties go to the higher text relevance, then to the smaller article id.
 */
export function rankCandidates(
  candidates: readonly IndexedArticle[],
  model: QueryLikelihood,
  wantedIds: readonly number[],
  multiplierOf: (article: Article) => number,
): RankedCandidate[] {
  const scored = candidates.map((entry) => {
    const multiplier = multiplierOf(entry.article);
    const relevance = model.score(entry.terms);
    let covered = 0;
    for (const id of wantedIds) if (hasTerm(entry, id)) covered++;
    const coverage = wantedIds.length === 0 ? 0 : covered / wantedIds.length;
    return { entry, relevance, coverage, score: relevance * multiplier };
  });
  return scored.sort(
    (a, b) => b.score - a.score || b.relevance - a.relevance || (a.entry.article.id < b.entry.article.id ? -1 : 1),
  );
}
