import type { QueryWord } from './query-analyzer.js';
import {
  CANDIDATE_POSTINGS,
  CANDIDATE_TERMS,
  COMMON_TERM_SHARE,
  COMMON_TERMS_MIN_ARTICLES,
  MAX_QUERY_TERMS,
} from './search-settings.js';

/**
 * Common-terms cutoff (as Elasticsearch's `cutoff_frequency`): in a large knowledge base, a query word found in
 * more than COMMON_TERM_SHARE of the articles adds almost nothing to BM25 but makes MiniSearch score most of the
 * collection, so it is left out of the candidate stage and of `coverage`; so are words beyond the MAX_QUERY_TERMS
 * rarest ones of a long message. Small collections (under COMMON_TERMS_MIN_ARTICLES) keep every word. Unknown
 * words are kept (they match nothing but count in `coverage`).
 */
export function informativeWords(query: readonly QueryWord[], articleCount: number): QueryWord[] {
  const n = articleCount;
  if (n < COMMON_TERMS_MIN_ARTICLES) return [...query];
  const rare = query.filter((w) => w.df / n <= COMMON_TERM_SHARE);
  const byDf = (a: QueryWord, b: QueryWord) => a.df - b.df;
  return (rare.length ? rare : [...query].sort(byDf).slice(0, 3)).sort(byDf).slice(0, MAX_QUERY_TERMS);
}

/**
 * The candidate stage's query, from the informative words: the rarest indexed terms first (they select the best
 * candidates), at most CANDIDATE_TERMS of them, and no more once their articles add up to CANDIDATE_POSTINGS (at
 * least one term); the ranking stage reads every word anyway. With their weights (a corrected typo weighs less).
 */
export function candidateTerms(words: readonly QueryWord[]): Map<string, number> {
  const weights = new Map<string, number>();
  const indexed = words.filter((w) => w.df > 0).sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1));
  let postings = 0;
  for (const w of indexed) {
    const seen = weights.get(w.term);
    if (seen !== undefined) {
      weights.set(w.term, Math.max(seen, w.weight));
      continue;
    }
    if (weights.size >= CANDIDATE_TERMS || (weights.size > 0 && postings + w.df > CANDIDATE_POSTINGS)) break;
    weights.set(w.term, w.weight);
    postings += w.df;
  }
  return weights;
}
