import type { Millis } from '../core/model/types.js';
import type { Article, ArticleHit, ArticleStats, KnowledgeBase, SearchFilters } from '../core/ports/knowledge-base.js';
import { ArticleExcerpts } from './article-excerpts.js';
import { articleFilter } from './article-filter.js';
import { type ArticleIndex, buildArticleIndex } from './article-index.js';
import { candidateTerms, informativeWords } from './candidate-terms.js';
import type { IndexedArticle } from './indexed-article.js';
import { QueryAnalyzer } from './query-analyzer.js';
import { QueryLikelihood } from './query-likelihood.js';
import { queryModel } from './query-model.js';
import { rankCandidates, wantedTermIds } from './rank-candidates.js';
import { DEFAULT_RANKING_WEIGHTS, rankingMultiplier, type RankingWeights } from './ranking-signals.js';
import { CANDIDATE_DEPTH } from './search-settings.js';

export interface MiniSearchKnowledgeBaseOptions {
  /** Clock for the recency signal (time is data; defaults to the system clock). */
  now?: (() => Millis) | undefined;
  ranking?: Partial<RankingWeights> | undefined;
  stats?: ReadonlyMap<string, ArticleStats> | undefined;
}

/**
 * The knowledge base on a MiniSearch full-text index, with a query-likelihood ranking of the best candidates (the two
 * stages: search-settings.ts). The parts: the index (article-index.ts, indexed-article.ts), the query's words
 * (query-analyzer.ts, candidate-terms.ts), the ranking (query-model.ts, rank-candidates.ts, ranking-signals.ts) and
 * the excerpts (article-excerpts.ts). An article may give other phrasings of its question (`questions`): each is
 * matched like the title and the best one counts. Filters: see article-filter.ts. Stats are replaced wholesale by
 * `setStats`.
 */
export class MiniSearchKnowledgeBase implements KnowledgeBase {
  private readonly built: ArticleIndex;
  private readonly queries: QueryAnalyzer;
  private readonly excerpts: ArticleExcerpts;
  private readonly weights: RankingWeights;
  private readonly now: () => Millis;
  private stats: ReadonlyMap<string, ArticleStats> = new Map();
  private maxViews = 0;

  constructor(articles: readonly Article[], options: MiniSearchKnowledgeBaseOptions = {}) {
    this.weights = { ...DEFAULT_RANKING_WEIGHTS, ...options.ranking };
    this.now = options.now ?? (() => Date.now());
    this.built = buildArticleIndex(articles);
    this.queries = new QueryAnalyzer(this.built.vocabulary, this.built.spellings);
    this.excerpts = new ArticleExcerpts(this.built.vocabulary);
    if (options.stats) this.setStats(options.stats);
  }

  get size(): number {
    return this.built.articles.size;
  }

  get(id: string): Article | undefined {
    return this.built.articles.get(id)?.article;
  }

  setStats(stats: ReadonlyMap<string, ArticleStats>): void {
    this.stats = new Map(stats);
    this.maxViews = 0;
    for (const s of stats.values()) this.maxViews = Math.max(this.maxViews, s.views);
  }

  search(query: string, filters: SearchFilters = {}, limit = 5): readonly ArticleHit[] {
    if (limit <= 0 || query.trim() === '') return [];
    const asked = this.queries.words(query);
    const informative = informativeWords(asked, this.built.articles.size);
    const weights = candidateTerms(informative);
    if (weights.size === 0) return [];
    const candidates = this.candidates(weights, filters, Math.max(limit, CANDIDATE_DEPTH));
    const model = new QueryLikelihood(queryModel(asked, this.built.vocabulary), this.built.likelihood);
    const wantedIds = wantedTermIds(informative);
    const multiplierOf = this.multiplierOf(this.now(), filters.intent);
    const ranked = rankCandidates(candidates, model, wantedIds, multiplierOf);
    return ranked.slice(0, limit).map(({ entry, relevance, coverage, score }) => ({
      article: entry.article,
      score,
      relevance,
      coverage,
      excerpt: this.excerpts.excerpt(entry, wantedIds),
    }));
  }

  /** The first `depth` articles by BM25 (MiniSearch's order) for the weighted terms that pass the filters. */
  private candidates(weights: ReadonlyMap<string, number>, filters: SearchFilters, depth: number): IndexedArticle[] {
    const exact = [...weights.values()].every((w) => w === 1);
    const results = this.built.index.search(
      [...weights.keys()].join(' '),
      exact ? {} : { boostTerm: (term) => weights.get(term) ?? 1 },
    );
    const candidates: IndexedArticle[] = [];
    const passes = articleFilter(filters);
    for (const r of results) {
      const entry = this.built.articles.get(r.id as string);
      if (entry === undefined || !passes(entry)) continue;
      candidates.push(entry);
      if (candidates.length === depth) break;
    }
    return candidates;
  }

  /** The ranking signals' multiplier of an article at `now` (ranking-signals.ts). */
  private multiplierOf(now: Millis, intent: string | undefined): (article: Article) => number {
    return (article) =>
      rankingMultiplier(
        {
          stats: this.stats.get(article.id),
          maxViews: this.maxViews,
          updated: article.updated,
          now,
          intentMatch: intent !== undefined && article.intents.includes(intent),
        },
        this.weights,
      );
  }
}

export function createMiniSearchKnowledgeBase(
  articles: readonly Article[],
  options?: MiniSearchKnowledgeBaseOptions,
): MiniSearchKnowledgeBase {
  return new MiniSearchKnowledgeBase(articles, options);
}
