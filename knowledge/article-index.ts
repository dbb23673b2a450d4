import MiniSearch from 'minisearch';
import type { Article } from '../core/ports/knowledge-base.js';
import { type IndexedArticle, type IndexedDoc, indexArticle, splitTerms } from './indexed-article.js';
import type { QueryLikelihoodSettings } from './query-likelihood.js';
import { CANDIDATE_SEARCH_OPTIONS, QUERY_LIKELIHOOD } from './search-settings.js';
import { TermVocabulary } from './term-vocabulary.js';

/** Everything search reads, built once from the articles. */
export interface ArticleIndex {
  /** The candidate stage's full-text index. */
  index: MiniSearch<IndexedDoc>;
  articles: Map<string, IndexedArticle>;
  vocabulary: TermVocabulary;
  /** Every word the articles write, as written (lower case): what a split compound may be joined into. */
  spellings: Set<string>;
  /** Query-likelihood settings scaled to the collection (see QUERY_LIKELIHOOD). */
  likelihood: QueryLikelihoodSettings;
}

/** Index the articles; a repeated article id throws. */
export function buildArticleIndex(articles: readonly Article[]): ArticleIndex {
  // Documents reach MiniSearch already tokenized and stemmed (terms joined by spaces), and so do queries.
  const index = new MiniSearch<IndexedDoc>({
    fields: ['questions', 'keywords', 'body'],
    tokenize: splitTerms,
    processTerm: (term) => term,
    searchOptions: CANDIDATE_SEARCH_OPTIONS,
  });
  const indexed = new Map<string, IndexedArticle>();
  const vocabulary = new TermVocabulary();
  const spellings = new Set<string>();
  const docs: IndexedDoc[] = [];
  for (const article of articles) {
    if (indexed.has(article.id)) throw new Error(`duplicate article id '${article.id}'`);
    const { doc, entry } = indexArticle(article, vocabulary, spellings);
    docs.push(doc);
    indexed.set(article.id, entry);
  }
  index.addAll(docs);
  return { index, articles: indexed, vocabulary, spellings, likelihood: likelihoodSettings(indexed.values()) };
}

/** The Dirichlet priors as multiples of the average phrasing length and the average article length. */
function likelihoodSettings(entries: Iterable<IndexedArticle>): QueryLikelihoodSettings {
  let phrasingWords = 0;
  let phrasingCount = 0;
  let documentWords = 0;
  let n = 0;
  for (const { terms } of entries) {
    for (const p of terms.phrasings) phrasingWords += p.length;
    phrasingCount += terms.phrasings.length;
    documentWords += terms.document.length;
    n++;
  }
  return {
    titleWeight: QUERY_LIKELIHOOD.titleWeight,
    titleSmoothing: QUERY_LIKELIHOOD.titleSmoothing * Math.max(1, phrasingWords / Math.max(1, phrasingCount)),
    documentSmoothing: QUERY_LIKELIHOOD.documentSmoothing * Math.max(1, documentWords / Math.max(1, n)),
  };
}
