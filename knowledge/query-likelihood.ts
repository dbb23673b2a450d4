import { countOf, type TermCounts } from './term-counts.js';

/** A query word as the model sees it: its term id, its weight (a corrected typo counts less) and p(t | collection). */
export interface QueryTerm {
  id: number;
  weight: number;
  /** Share of all words of the collection that are this term; must be > 0 (unknown words are left out). */
  collectionProbability: number;
}

/** An article's words: each phrasing of its question (the title, alternative questions) and its whole text. */
export interface ArticleTerms {
  phrasings: readonly TermCounts[];
  document: TermCounts;
}

export interface QueryLikelihoodSettings {
  /** Weight of the phrasing's language model against the whole text's, in [0, 1]. */
  titleWeight: number;
  /** Dirichlet prior μ of the phrasing model, in words. */
  titleSmoothing: number;
  /** Dirichlet prior μ of the whole-text model, in words. */
  documentSmoothing: number;
}

/**
 * Query likelihood with Dirichlet smoothing (Zhai and Lafferty 2001) over a mixture of two language models per
 * article, one of the question it answers and one of its whole text:
 *
 *     p(t | article) = w · p(t | phrasing) + (1 − w) · p(t | text)
 *     p(t | model)   = (count(t) + μ · p(t | collection)) / (words + μ)
 *
 * The result is the likelihood ratio of the query, ∏ p(t | article) / p(t | collection) over its words (each raised
 * to its weight), with the article's best phrasing: how many times likelier the article makes the query than the
 * collection as a whole does, above 1 for a match. Unlike a sum of per-word scores, every query word counts: a word
 * the article lacks multiplies in a factor below 1, the smaller the rarer the word; a common word ("how", "the")
 * costs or gains little, so stop words can be kept. Being a likelihood, it takes a document prior by
 * multiplication (ranking-signals.ts). The exponent is clamped to ±700 (a float's range); no known word gives 1.
 */
export function queryLikelihood(
  query: readonly QueryTerm[],
  article: ArticleTerms,
  settings: QueryLikelihoodSettings,
): number {
  return new QueryLikelihood(query, settings).score(article);
}

/** `queryLikelihood` for one query against many articles: what depends on the query alone is computed once. */
export class QueryLikelihood {
  private readonly ids: Int32Array;
  private readonly weights: Float64Array;
  private readonly collection: Float64Array;
  private readonly logCollection: Float64Array;
  /** Scratch for `score`: the query words an article has, and their counts in its text. */
  private readonly present: Int32Array;
  private readonly counts: Int32Array;

  constructor(
    query: readonly QueryTerm[],
    private readonly settings: QueryLikelihoodSettings,
  ) {
    const n = query.length;
    this.ids = new Int32Array(n);
    this.weights = new Float64Array(n);
    this.collection = new Float64Array(n);
    this.logCollection = new Float64Array(n);
    this.present = new Int32Array(n);
    this.counts = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const t = query[i] as QueryTerm;
      this.ids[i] = t.id;
      this.weights[i] = t.weight;
      this.collection[i] = t.collectionProbability;
      this.logCollection[i] = Math.log(t.collectionProbability);
    }
  }

  score(article: ArticleTerms): number {
    const n = this.ids.length;
    if (n === 0) return 1;
    const { document } = article;
    const phrasings = article.phrasings.length > 0 ? article.phrasings : [document];
    const w = article.phrasings.length > 0 ? this.settings.titleWeight : 0;
    const muT = this.settings.titleSmoothing;
    const muD = this.settings.documentSmoothing;
    const perTextWord = (1 - w) / (document.length + muD);
    // The words the article has (their index and count in the whole text); the others all weigh in alike.
    let found = 0;
    let missingWeight = 0;
    for (let i = 0; i < n; i++) {
      const c = countOf(document, this.ids[i] as number);
      if (c === 0) {
        missingWeight += this.weights[i] as number;
      } else {
        this.present[found] = i;
        this.counts[found] = c;
        found++;
      }
    }
    let best = -Infinity;
    for (const phrasing of phrasings) {
      const perTitleWord = w / (phrasing.length + muT);
      // A word the article lacks (so its phrasings too): p(t | article) / p(t | collection) is this, whatever t.
      let sum = missingWeight * Math.log(perTitleWord * muT + perTextWord * muD);
      for (let k = 0; k < found; k++) {
        const i = this.present[k] as number;
        const inText = this.counts[k] as number;
        const pc = this.collection[i] as number;
        const inTitle = phrasing === document ? inText : countOf(phrasing, this.ids[i] as number);
        const p = perTitleWord * (inTitle + muT * pc) + perTextWord * (inText + muD * pc);
        sum += (this.weights[i] as number) * (Math.log(p) - (this.logCollection[i] as number));
      }
      if (sum > best) best = sum;
    }
    return Math.exp(Math.max(-700, Math.min(700, best)));
  }
}
