import type { QueryWord } from './query-analyzer.js';
import type { QueryTerm } from './query-likelihood.js';
import type { TermVocabulary } from './term-vocabulary.js';

/** Every query word the collection knows, with its weight (repeats add up), for the query-likelihood stage. */
export function queryModel(query: readonly QueryWord[], vocabulary: TermVocabulary): QueryTerm[] {
  const byId = new Map<number, QueryTerm>();
  for (const w of query) {
    if (w.id < 0) continue;
    const seen = byId.get(w.id);
    if (seen) seen.weight += w.weight;
    else
      byId.set(w.id, {
        id: w.id,
        weight: w.weight,
        collectionProbability: vocabulary.collectionProbability(w.id),
      });
  }
  return [...byId.values()].filter((t) => t.collectionProbability > 0);
}
