import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Millis } from '../core/model/types.js';
import type { Article, ArticleHit, ArticleStats, KnowledgeBase, SearchFilters } from '../core/ports/knowledge-base.js';
import { excerptWords, makeExcerpt, type ExcerptWord } from './excerpt.js';
import { markdownHeadings, markdownToText } from './markdown-text.js';
import { DEFAULT_RANKING_WEIGHTS, rankingMultiplier, type RankingWeights } from './ranking-signals.js';
import { contentTerms, isStopWord, processTerm, tokenize } from './search-terms.js';

export interface MiniSearchKnowledgeBaseOptions {
  /** Clock for the recency signal (time is data; defaults to the system clock). */
  now?: (() => Millis) | undefined;
  ranking?: Partial<RankingWeights> | undefined;
  stats?: ReadonlyMap<string, ArticleStats> | undefined;
}

interface IndexedDoc {
  id: string;
  title: string;
  headings: string;
  tags: string;
  body: string;
}

/**
 * Text relevance settings, measured on the CovidFAQ retrieval set (`npm run eval -- kb`; figures in the README):
 * - fields: the title says what the article answers, so it weighs 5× the body; headings and tags 2×.
 * - terms: Porter stems (natural), letters and digits split ("covid19"), stop words kept (see search-terms.ts).
 * - fuzzy matching (one edit) for terms of 6+ characters, to forgive typos ("notifcation"); it weighs less than
 *   an exact match. No prefix matching: users send whole messages, and prefixes only added noise.
 * - BM25+ with MiniSearch's defaults (k 1.2, b 0.7, d 0.5); other values changed hit@1 by less than a point.
 * - MiniSearch multiplies a document's score by the number of distinct index terms it matched, counting every
 *   fuzzy variant again; `relevance` divides that back out and keeps BM25's own sum over query terms
 *   (+3 to +4 points of hit@1 whatever the boosts).
 */
export const TEXT_SEARCH_OPTIONS: SearchOptions = {
  boost: { title: 5, headings: 2, tags: 2, body: 1 },
  fuzzy: (term) => (term.length >= 6 ? 1 : false),
  maxFuzzy: 1,
  combineWith: 'OR',
};

export const COMMON_TERMS_MIN_ARTICLES = 1_000;
export const COMMON_TERM_SHARE = 0.05;
export const MAX_QUERY_TERMS = 8;

const matchesTier = (a: Article, f: SearchFilters) => f.tier === undefined || a.tiers.length === 0 || a.tiers.includes(f.tier);
const matchesPlatform = (a: Article, f: SearchFilters) =>
  f.platform === undefined || a.platforms.length === 0 || a.platforms.includes(f.platform);
const primaryLanguage = (code: string) => code.toLowerCase().split('-')[0];
const matchesLanguage = (a: Article, f: SearchFilters) =>
  f.language === undefined || primaryLanguage(a.language) === primaryLanguage(f.language);

/**
 * The knowledge base on a MiniSearch full-text index. Filters: an article with no `tiers` (or no `platforms`) is for
 * everyone (everywhere); a filter left undefined does not filter; languages compare on the primary subtag
 * (`en-GB` finds `en`). Ranking: see ranking-signals.ts. Stats are replaced wholesale by `setStats`.
 */
export class MiniSearchKnowledgeBase implements KnowledgeBase {
  private readonly index: MiniSearch<IndexedDoc>;
  private readonly articles = new Map<string, Article>();
  private readonly plain = new Map<string, string>();
  private readonly words = new Map<string, ExcerptWord[]>();
  private readonly weights: RankingWeights;
  private readonly now: () => Millis;
  private stats: ReadonlyMap<string, ArticleStats> = new Map();
  private maxViews = 0;
  /** Articles containing each indexed term (as MiniSearch indexes it), for the common-terms cutoff. */
  private readonly documentFrequency = new Map<string, number>();

  constructor(articles: readonly Article[], options: MiniSearchKnowledgeBaseOptions = {}) {
    this.weights = { ...DEFAULT_RANKING_WEIGHTS, ...options.ranking };
    this.now = options.now ?? (() => Date.now());
    this.index = new MiniSearch<IndexedDoc>({
      fields: ['title', 'headings', 'tags', 'body'],
      tokenize,
      // Stop words are indexed in titles only: they tell questions apart there ("where did", "how long"), while in
      // bodies they would only make every query touch every document.
      processTerm: (term, field) => (field !== undefined && field !== 'title' && isStopWord(term) ? null : processTerm(term)),
      searchOptions: TEXT_SEARCH_OPTIONS,
    });
    const docs: IndexedDoc[] = [];
    for (const article of articles) {
      if (this.articles.has(article.id)) throw new Error(`duplicate article id '${article.id}'`);
      this.articles.set(article.id, article);
      const plain = markdownToText(article.body);
      this.plain.set(article.id, plain);
      const doc = { id: article.id, title: article.title, headings: markdownHeadings(article.body).join('\n'), tags: article.tags.join(' '), body: plain };
      docs.push(doc);
      this.countTerms(doc);
    }
    this.index.addAll(docs);
    if (options.stats) this.setStats(options.stats);
  }

  get size(): number {
    return this.articles.size;
  }

  get(id: string): Article | undefined {
    return this.articles.get(id);
  }

  setStats(stats: ReadonlyMap<string, ArticleStats>): void {
    this.stats = new Map(stats);
    this.maxViews = 0;
    for (const s of stats.values()) this.maxViews = Math.max(this.maxViews, s.views);
  }

  private countTerms(doc: IndexedDoc): void {
    const seen = new Set<string>();
    for (const [field, text] of [['title', doc.title], ['headings', doc.headings], ['tags', doc.tags], ['body', doc.body]] as const) {
      for (const word of tokenize(text)) {
        if (field !== 'title' && isStopWord(word)) continue;
        const term = processTerm(word);
        if (term !== null) seen.add(term);
      }
    }
    for (const term of seen) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
  }

  /**
   * Common-terms cutoff (as Elasticsearch's `cutoff_frequency`): in a large knowledge base, a query word found in more
   * than COMMON_TERM_SHARE of the articles adds almost nothing to BM25 but makes MiniSearch score most of the
   * collection, so it is left out; so are words beyond the MAX_QUERY_TERMS rarest ones of a long message. Small
   * collections (under COMMON_TERMS_MIN_ARTICLES) are searched with every word. Unknown words are kept (typos).
   */
  private searchableQuery(query: string): string {
    const n = this.articles.size;
    if (n < COMMON_TERMS_MIN_ARTICLES) return query;
    const words = tokenize(query).map((word) => ({ word, df: this.documentFrequency.get(processTerm(word) ?? '') ?? 0 }));
    const rare = words.filter((w) => w.df / n <= COMMON_TERM_SHARE);
    const kept = (rare.length ? rare : [...words].sort((a, b) => a.df - b.df).slice(0, 3)).sort((a, b) => a.df - b.df).slice(0, MAX_QUERY_TERMS);
    return kept.map((w) => w.word).join(' ');
  }

  search(query: string, filters: SearchFilters = {}, limit = 5): readonly ArticleHit[] {
    if (limit <= 0 || query.trim() === '') return [];
    query = this.searchableQuery(query);
    const results = this.index.search(query, {
      filter: (r) => {
        const a = this.articles.get(r.id as string);
        return a !== undefined && matchesTier(a, filters) && matchesPlatform(a, filters) && matchesLanguage(a, filters);
      },
    });
    const now = this.now();
    const wanted = new Set(contentTerms(query));
    const scored = results.map((r) => {
      const article = this.articles.get(r.id as string) as Article;
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
      const relevance = r.score / Math.max(1, r.terms.length);
      const matched = new Set(r.queryTerms.map((t) => processTerm(t) ?? t));
      const coverage = wanted.size === 0 ? 0 : [...wanted].filter((t) => matched.has(t)).length / wanted.size;
      return { article, relevance, coverage, score: relevance * multiplier };
    });
    scored.sort((a, b) => b.score - a.score || b.relevance - a.relevance || (a.article.id < b.article.id ? -1 : 1));
    const queryTerms = new Set(contentTerms(query));
    return scored.slice(0, limit).map((hit) => ({
      ...hit,
      excerpt: this.excerpt(hit.article.id, queryTerms),
    }));
  }

  private excerpt(id: string, queryTerms: ReadonlySet<string>): string {
    const plain = this.plain.get(id) ?? '';
    let words = this.words.get(id);
    if (words === undefined) {
      words = excerptWords(plain);
      this.words.set(id, words);
    }
    return makeExcerpt(plain, queryTerms, undefined, words);
  }
}

export function createMiniSearchKnowledgeBase(
  articles: readonly Article[],
  options?: MiniSearchKnowledgeBaseOptions,
): MiniSearchKnowledgeBase {
  return new MiniSearchKnowledgeBase(articles, options);
}
