import { type ExcerptWord, excerptWords, makeExcerpt } from './excerpt.js';
import type { IndexedArticle } from './indexed-article.js';
import { hasTerm } from './rank-candidates.js';
import type { TermVocabulary } from './term-vocabulary.js';

/** Excerpts of search hits, with each article's excerpt words computed once and kept. */
export class ArticleExcerpts {
  private readonly words = new Map<string, ExcerptWord[]>();

  constructor(private readonly vocabulary: TermVocabulary) {}

  /**
   * The excerpt around the query's content words that the article contains: leaving out the others changes nothing
   * in the result but lets makeExcerpt stop at the first window that holds them all.
   */
  excerpt(entry: IndexedArticle, wantedIds: readonly number[]): string {
    const terms = new Set<string>();
    for (const id of wantedIds) if (hasTerm(entry, id)) terms.add(this.vocabulary.termOf(id));
    const id = entry.article.id;
    let words = this.words.get(id);
    if (words === undefined) {
      words = excerptWords(entry.plain);
      this.words.set(id, words);
    }
    return makeExcerpt(entry.plain, terms, undefined, words);
  }
}
