import type {
  Article,
  ArticleHit,
  ArticleStats,
  KnowledgeBase,
  SearchFilters,
} from '../../core/ports/knowledge-base.js';

const STOP = new Set([
  'a',
  'an',
  'the',
  'how',
  'do',
  'i',
  'my',
  'is',
  'to',
  'of',
  'what',
  'about',
  'with',
  'and',
  'or',
  'it',
]);
const words = (s: string) => new Set((s.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w)));

/** Word-overlap search with the port's filters; enough to test the engine without MiniSearch. */
export function createInMemoryKnowledgeBase(
  articles: readonly Article[],
): KnowledgeBase & { stats: ReadonlyMap<string, ArticleStats> } {
  let stats: ReadonlyMap<string, ArticleStats> = new Map();
  return {
    get size() {
      return articles.length;
    },
    get stats() {
      return stats;
    },
    get: (id) => articles.find((a) => a.id === id),
    setStats(next) {
      stats = next;
    },
    search(query: string, filters: SearchFilters = {}, limit = 5): ArticleHit[] {
      const q = words(query);
      return articles
        .filter(
          (a) =>
            (!filters.tier || !a.tiers.length || a.tiers.includes(filters.tier)) &&
            (!filters.platform || !a.platforms.length || a.platforms.includes(filters.platform)),
        )
        .map((article) => {
          const w = words(`${article.title} ${article.body} ${article.tags.join(' ')}`);
          const relevance = [...q].filter((t) => w.has(t)).length;
          return {
            article,
            relevance,
            coverage: q.size ? relevance / q.size : 0,
            score: relevance,
            excerpt: article.body.slice(0, 120),
          };
        })
        .filter((h) => h.relevance > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}
