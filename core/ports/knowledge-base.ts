import type { Millis, Platform, Tier } from '../model/types.js';

export interface Article {
  id: string;
  title: string;
  /**
   * Other phrasings of the question the article answers, besides the title (front matter `questions`), e.g. "How
   * do I reset my password?" and "I forgot my password". Search matches each phrasing on its own, like the title,
   * and the best one counts; none by default.
   */
  questions?: readonly string[] | undefined;
  body: string;
  tags: readonly string[];
  /** Intent categories this article answers (see CATEGORIES). */
  intents: readonly string[];
  /** Tiers that may see it; empty = everyone. */
  tiers: readonly Tier[];
  /** Platforms where it is offered; empty = everywhere. */
  platforms: readonly Platform[];
  language: string;
  updated: Millis;
  /** Relative path of the source file, for reports and links. */
  path?: string | undefined;
  url?: string | undefined;
}

export interface SearchFilters {
  tier?: Tier | undefined;
  platform?: Platform | undefined;
  language?: string | undefined;
  /** Prefer (boost) articles tagged with this intent category. */
  intent?: string | undefined;
}

export interface ArticleHit {
  article: Article;
  /** Final ranking score (text relevance combined with feedback, popularity and recency). */
  score: number;
  /** Text relevance alone. */
  relevance: number;
  /**
   * Share of the query's content words (stop words aside) that the article matches, in [0, 1]. Unlike the score
   * it compares across queries, so callers use it to decide whether a hit answers the question at all.
   */
  coverage: number;
  excerpt: string;
}

/** Per-article feedback the ranking weighs. */
export interface ArticleStats {
  helpful: number;
  notHelpful: number;
  /** Times shown as a search result or suggestion. */
  views: number;
}

export interface KnowledgeBase {
  readonly size: number;
  search(query: string, filters?: SearchFilters, limit?: number): readonly ArticleHit[];
  get(id: string): Article | undefined;
  /** Replace the feedback figures used by the ranking (called at start and after votes). */
  setStats(stats: ReadonlyMap<string, ArticleStats>): void;
}
