import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Millis } from '../core/model/types.js';
import type { Article, ArticleHit, ArticleStats, KnowledgeBase, SearchFilters } from '../core/ports/knowledge-base.js';
import { excerptWords, makeExcerpt, type ExcerptWord } from './excerpt.js';
import { markdownHeadings, markdownToText } from './markdown-text.js';
import {
  QueryLikelihood,
  type ArticleTerms,
  type QueryLikelihoodSettings,
  type QueryTerm,
} from './query-likelihood.js';
import { DEFAULT_RANKING_WEIGHTS, rankingMultiplier, type RankingWeights } from './ranking-signals.js';
import { isStopWord, processTerm, tokenize } from './search-terms.js';
import { countOf, termCounts } from './term-counts.js';
import { TermVocabulary } from './term-vocabulary.js';

export interface MiniSearchKnowledgeBaseOptions {
  /** Clock for the recency signal (time is data; defaults to the system clock). */
  now?: (() => Millis) | undefined;
  ranking?: Partial<RankingWeights> | undefined;
  stats?: ReadonlyMap<string, ArticleStats> | undefined;
}

interface IndexedDoc {
  id: string;
  /** The title and the alternative questions. */
  questions: string;
  /** Headings and tags. */
  keywords: string;
  body: string;
}

/**
 * Search runs in two stages. Figures: CovidFAQ retrieval (`npm run eval -- kb`, 67 FAQs, 1,387 queries), hit@1.
 *
 * 1. Candidates from the MiniSearch index (BM25+ with MiniSearch's k 1.2, b 0.7, d 0.5). Fields: the title and the
 *    alternative questions (`questions`, 5×), headings and tags (`keywords`, 2×), the body (1×). Terms are Porter
 *    stems (search-terms.ts); stop words are indexed in titles and questions only ("where did", "how long" tell
 *    questions apart; in bodies they would make every query touch every document). This stage searches the query's
 *    rarest words (see `candidateTerms`), with no prefix or fuzzy matching: a query word the index does not know, of
 *    TYPO_MIN_LENGTH+ characters (as stemmed), is read as the indexed term one edit away (typos: "notifcation"), and
 *    a known word is never fuzzed (fuzzing every long word cost a fuzzy walk of the vocabulary per word, and its
 *    apparent +2 points on CovidFAQ came from Porter stemming "virus" and "viruses" apart, fixed in processTerm).
 * 2. The first CANDIDATE_DEPTH candidates that pass the filters are ranked by query likelihood (query-likelihood.ts):
 *    a language model of the article's question (its best phrasing) mixed with one of its whole text, Dirichlet
 *    smoothed, over every word of the query, stop words included. Every query word counts, so an article that
 *    matches one rare word no longer beats one that matches the rest of the question: hit@1 .533 with BM25 alone
 *    (the same with any field boosts, BM25 parameters or a char-n-gram re-rank) -> .572.
 *
 * Text relevance is that likelihood ratio, which the ranking signals multiply like a bounded document prior
 * (ranking-signals.ts). `coverage` is the share of the query's content words (after the common-terms cutoff, see
 * `informativeWords`) that occur in the article.
 */
export const CANDIDATE_SEARCH_OPTIONS: SearchOptions = {
  boost: { questions: 5, keywords: 2, body: 1 },
  combineWith: 'OR',
};
/** Candidates the ranking stage sees (at least the number of hits asked for). */
export const CANDIDATE_DEPTH = 20;
/** The candidate stage searches at most this many terms, the rarest first... */
export const CANDIDATE_TERMS = 5;
/** ...and no more once the articles indexing them add up to this (MiniSearch's cost grows with both). */
export const CANDIDATE_POSTINGS = 100;
/**
 * Query-likelihood settings: the question's weight in the mixture, and the Dirichlet priors as multiples of the
 * collection's average phrasing length and average article length (so they follow the collection's scale).
 */
export const QUERY_LIKELIHOOD = { titleWeight: 0.8, titleSmoothing: 2, documentSmoothing: 8 } as const;
/** Typos: unknown words of this many characters (as stemmed) or more are corrected within one edit... */
export const TYPO_MIN_LENGTH = 6;
/** ...and then count this much (an exact word 1) in both stages. */
export const TYPO_WEIGHT = 0.5;
/** Distinct query words whose analysis (stem, stop word, typo correction) is remembered. */
export const ANALYSES_CACHED = 20_000;

export const COMMON_TERMS_MIN_ARTICLES = 1_000;
export const COMMON_TERM_SHARE = 0.05;
export const MAX_QUERY_TERMS = 8;

const primaryLanguage = (code: string) => code.toLowerCase().split('-')[0] ?? '';

/** The filters as one test on an indexed article (computed once per search). */
function filterOf(f: SearchFilters): (entry: Indexed) => boolean {
  const { tier, platform } = f;
  const language = f.language === undefined ? undefined : primaryLanguage(f.language);
  return (entry) => {
    const a = entry.article;
    return (
      (tier === undefined || a.tiers.length === 0 || a.tiers.includes(tier)) &&
      (platform === undefined || a.platforms.length === 0 || a.platforms.includes(platform)) &&
      (language === undefined || entry.language === language)
    );
  };
}

/** A word of the text as indexed: its term, and whether it is a stop word. */
interface Word {
  term: string;
  stop: boolean;
}

/** The words of a text as indexed; each one's spelling (lower case, unstemmed) is added to `spellings`. */
function words(text: string, spellings: Set<string>): Word[] {
  const out: Word[] = [];
  for (const raw of tokenize(text)) {
    const term = processTerm(raw);
    if (term === null) continue;
    out.push({ term, stop: isStopWord(raw) });
    spellings.add(raw.toLowerCase());
  }
  return out;
}

const allTerms = (ws: readonly Word[]) => ws.map((w) => w.term);
const contentOnly = (ws: readonly Word[]) => ws.filter((w) => !w.stop).map((w) => w.term);

/**
 * One word of a query as analysed: `asked` is what the user wrote (stemmed), `term` what is searched (the same, or
 * the correction of a typo, which weighs TYPO_WEIGHT), with its vocabulary id (-1 if unknown) and how many articles
 * index it.
 */
interface QueryWord {
  asked: string;
  term: string;
  stop: boolean;
  weight: number;
  id: number;
  df: number;
}

interface Indexed {
  article: Article;
  /** Primary language subtag, lower case. */
  language: string;
  plain: string;
  terms: ArticleTerms;
}

/**
 * The knowledge base on a MiniSearch full-text index, with a query-likelihood ranking of the best candidates (see
 * CANDIDATE_SEARCH_OPTIONS). An article may give other phrasings of its question (`questions`): each is matched like
 * the title and the best one counts. Filters: an article with no `tiers` (or no `platforms`) is for everyone
 * (everywhere); a filter left undefined does not filter; languages compare on the primary subtag (`en-GB` finds
 * `en`). Ranking: see ranking-signals.ts. Stats are replaced wholesale by `setStats`.
 */
export class MiniSearchKnowledgeBase implements KnowledgeBase {
  private readonly index: MiniSearch<IndexedDoc>;
  private readonly articles = new Map<string, Indexed>();
  private readonly words = new Map<string, ExcerptWord[]>();
  private readonly weights: RankingWeights;
  private readonly now: () => Millis;
  private stats: ReadonlyMap<string, ArticleStats> = new Map();
  private maxViews = 0;
  private readonly vocabulary = new TermVocabulary();
  private readonly likelihood: QueryLikelihoodSettings;
  private readonly analyses = new Map<string, QueryWord | null>();
  /** Every word the articles write, as written (lower case): what a split compound may be joined into. */
  private readonly spellings = new Set<string>();

  constructor(articles: readonly Article[], options: MiniSearchKnowledgeBaseOptions = {}) {
    this.weights = { ...DEFAULT_RANKING_WEIGHTS, ...options.ranking };
    this.now = options.now ?? (() => Date.now());
    // Documents reach MiniSearch already tokenized and stemmed (terms joined by spaces), and so do queries.
    this.index = new MiniSearch<IndexedDoc>({
      fields: ['questions', 'keywords', 'body'],
      tokenize: splitTerms,
      processTerm: (term) => term,
      searchOptions: CANDIDATE_SEARCH_OPTIONS,
    });
    const docs: IndexedDoc[] = [];
    let phrasingWords = 0;
    let phrasingCount = 0;
    let documentWords = 0;
    for (const article of articles) {
      if (this.articles.has(article.id)) throw new Error(`duplicate article id '${article.id}'`);
      const plain = markdownToText(article.body);
      const title = words(article.title, this.spellings);
      const questions = (article.questions ?? []).map((q) => words(q, this.spellings));
      const headings = words(markdownHeadings(article.body).join('\n'), this.spellings);
      const tags = words(article.tags.join(' '), this.spellings);
      const body = words(plain, this.spellings);
      const doc: IndexedDoc = {
        id: article.id,
        questions: [title, ...questions].flatMap(allTerms).join(' '),
        keywords: [...contentOnly(headings), ...contentOnly(tags)].join(' '),
        body: contentOnly(body).join(' '),
      };
      docs.push(doc);
      this.vocabulary.addIndexedArticle([doc.questions, doc.keywords, doc.body].flatMap(splitTerms));
      // The whole text once: title, questions, tags and body (whose plain text holds the headings).
      const document = termCounts(this.vocabulary.addWords([title, ...questions, tags, body].flatMap(allTerms)));
      const phrasings = [title, ...questions]
        .filter((p) => p.length > 0)
        .map((p) => termCounts(p.map((w) => this.vocabulary.idOf(w.term) as number)));
      for (const p of phrasings) phrasingWords += p.length;
      phrasingCount += phrasings.length;
      documentWords += document.length;
      this.articles.set(article.id, {
        article,
        language: primaryLanguage(article.language),
        plain,
        terms: { phrasings, document },
      });
    }
    this.index.addAll(docs);
    const n = Math.max(1, this.articles.size);
    this.likelihood = {
      titleWeight: QUERY_LIKELIHOOD.titleWeight,
      titleSmoothing: QUERY_LIKELIHOOD.titleSmoothing * Math.max(1, phrasingWords / Math.max(1, phrasingCount)),
      documentSmoothing: QUERY_LIKELIHOOD.documentSmoothing * Math.max(1, documentWords / n),
    };
    if (options.stats) this.setStats(options.stats);
  }

  get size(): number {
    return this.articles.size;
  }

  get(id: string): Article | undefined {
    return this.articles.get(id)?.article;
  }

  setStats(stats: ReadonlyMap<string, ArticleStats>): void {
    this.stats = new Map(stats);
    this.maxViews = 0;
    for (const s of stats.values()) this.maxViews = Math.max(this.maxViews, s.views);
  }

  /**
   * A query's words: stemmed, stop words marked, and an unknown word of TYPO_MIN_LENGTH+ characters read as the
   * indexed term one edit away when there is one. Each distinct raw word is analysed once (up to ANALYSES_CACHED).
   * Split compounds are joined first (see `joinCompounds`).
   */
  private queryWords(query: string): QueryWord[] {
    const out: QueryWord[] = [];
    for (const raw of this.joinCompounds(tokenize(query))) {
      let word = this.analyses.get(raw);
      if (word === undefined) {
        word = this.analyse(raw);
        if (this.analyses.size < ANALYSES_CACHED) this.analyses.set(raw, word);
      }
      if (word !== null) out.push(word);
    }
    return out;
  }

  /**
   * Two adjacent query words that the articles write as one are read as that word: "corona virus" -> "coronavirus",
   * "take out" -> "takeout", "it s" (an apostrophe lost) -> "its". Joined when some article writes the concatenation
   * as one word, except two stop words making a content word ("we are" -> "wear"). Queries only: the articles decide.
   * CovidFAQ hit@1 .572 -> .575 (even query ids .576 -> .584, odd .567 -> .567; "corona virus" is in 7% of queries;
   * joining when the concatenation's stem is indexed gave .577 but stemmed every word pair of every search).
   */
  private joinCompounds(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i] as string;
      const second = tokens[i + 1];
      if (second !== undefined && this.isCompound(first, second)) {
        out.push(first + second);
        i++;
        continue;
      }
      out.push(first);
    }
    return out;
  }

  /**
   * Whether `first second` is read as one word (see `joinCompounds`): the articles write it so (a set lookup, no
   * stemming, so it costs nothing measurable per search), and it is not two stop words making a content word.
   */
  private isCompound(first: string, second: string): boolean {
    const joined = (first + second).toLowerCase();
    return this.spellings.has(joined) && !(isStopWord(first) && isStopWord(second) && !isStopWord(joined));
  }

  private analyse(raw: string): QueryWord | null {
    const asked = processTerm(raw);
    if (asked === null) return null;
    const corrected = asked.length >= TYPO_MIN_LENGTH ? this.vocabulary.closest(asked, 1) : undefined;
    const term = corrected ?? asked;
    return {
      asked,
      term,
      stop: isStopWord(raw),
      weight: corrected === undefined ? 1 : TYPO_WEIGHT,
      id: this.vocabulary.idOf(term) ?? -1,
      df: this.vocabulary.documentFrequency(term),
    };
  }

  /**
   * Common-terms cutoff (as Elasticsearch's `cutoff_frequency`): in a large knowledge base, a query word found in
   * more than COMMON_TERM_SHARE of the articles adds almost nothing to BM25 but makes MiniSearch score most of the
   * collection, so it is left out of the candidate stage and of `coverage`; so are words beyond the MAX_QUERY_TERMS
   * rarest ones of a long message. Small collections (under COMMON_TERMS_MIN_ARTICLES) keep every word. Unknown
   * words are kept (they match nothing but count in `coverage`).
   */
  private informativeWords(query: readonly QueryWord[]): QueryWord[] {
    const n = this.articles.size;
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
  private candidateTerms(words: readonly QueryWord[]): Map<string, number> {
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

  search(query: string, filters: SearchFilters = {}, limit = 5): readonly ArticleHit[] {
    if (limit <= 0 || query.trim() === '') return [];
    const asked = this.queryWords(query);
    const informative = this.informativeWords(asked);
    const weights = this.candidateTerms(informative);
    if (weights.size === 0) return [];
    const exact = [...weights.values()].every((w) => w === 1);
    const results = this.index.search(
      [...weights.keys()].join(' '),
      exact ? {} : { boostTerm: (term) => weights.get(term) ?? 1 },
    );

    // Candidates: the best by BM25 (MiniSearch's order) that pass the filters.
    const depth = Math.max(limit, CANDIDATE_DEPTH);
    const candidates: Indexed[] = [];
    const passes = filterOf(filters);
    for (const r of results) {
      const entry = this.articles.get(r.id as string);
      if (entry === undefined || !passes(entry)) continue;
      candidates.push(entry);
      if (candidates.length === depth) break;
    }

    const model = new QueryLikelihood(this.queryModel(asked), this.likelihood);
    // Coverage: the informative content words, each once as asked (a typo and its correction are one word).
    const wanted = new Map<string, number>();
    for (const w of informative) if (!w.stop) wanted.set(w.asked, w.id);
    const wantedIds = [...wanted.values()];
    const now = this.now();
    const scored = candidates.map((entry) => {
      const { article } = entry;
      const multiplier = rankingMultiplier(
        {
          stats: this.stats.get(article.id),
          maxViews: this.maxViews,
          updated: article.updated,
          now,
          intentMatch: filters.intent !== undefined && article.intents.includes(filters.intent),
        },
        this.weights,
      );
      const relevance = model.score(entry.terms);
      let covered = 0;
      for (const id of wantedIds) if (id >= 0 && countOf(entry.terms.document, id) > 0) covered++;
      const coverage = wantedIds.length === 0 ? 0 : covered / wantedIds.length;
      return { entry, relevance, coverage, score: relevance * multiplier };
    });
    scored.sort(
      (a, b) => b.score - a.score || b.relevance - a.relevance || (a.entry.article.id < b.entry.article.id ? -1 : 1),
    );
    return scored.slice(0, limit).map(({ entry, relevance, coverage, score }) => ({
      article: entry.article,
      score,
      relevance,
      coverage,
      excerpt: this.excerpt(entry, wantedIds),
    }));
  }

  /** Every query word the collection knows, with its weight (repeats add up), for the query-likelihood stage. */
  private queryModel(query: readonly QueryWord[]): QueryTerm[] {
    const byId = new Map<number, QueryTerm>();
    for (const w of query) {
      if (w.id < 0) continue;
      const seen = byId.get(w.id);
      if (seen) seen.weight += w.weight;
      else
        byId.set(w.id, {
          id: w.id,
          weight: w.weight,
          collectionProbability: this.vocabulary.collectionProbability(w.id),
        });
    }
    return [...byId.values()].filter((t) => t.collectionProbability > 0);
  }

  /**
   * The excerpt around the query's content words that the article contains: leaving out the others changes nothing
   * in the result but lets makeExcerpt stop at the first window that holds them all.
   */
  private excerpt(entry: Indexed, wantedIds: readonly number[]): string {
    const terms = new Set<string>();
    for (const id of wantedIds)
      if (id >= 0 && countOf(entry.terms.document, id) > 0) terms.add(this.vocabulary.termOf(id));
    const id = entry.article.id;
    let words = this.words.get(id);
    if (words === undefined) {
      words = excerptWords(entry.plain);
      this.words.set(id, words);
    }
    return makeExcerpt(entry.plain, terms, undefined, words);
  }
}

/** The index's tokenizer: documents and queries reach it as stemmed terms joined by single spaces. */
function splitTerms(text: string): string[] {
  return text === '' ? [] : text.split(' ');
}

export function createMiniSearchKnowledgeBase(
  articles: readonly Article[],
  options?: MiniSearchKnowledgeBaseOptions,
): MiniSearchKnowledgeBase {
  return new MiniSearchKnowledgeBase(articles, options);
}
