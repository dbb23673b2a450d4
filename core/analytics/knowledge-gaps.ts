import type { Category } from '../model/types.js';
import type { ArticleVoteRow, SearchGapRow } from '../ports/analytics-store.js';
import { CRITICAL_CATEGORIES } from '../policy/priority-for.js';
import { looksLikeGibberish } from './gibberish.js';
import { contentStems, contentWords } from './text-terms.js';

export interface KnowledgeGap {
  /** The article to write. */
  suggestedTitle: string;
  /** Searches in the group (sum of counts). */
  searches: number;
  noResult: number;
  notHelpful: number;
  /** Up to five distinct queries, most frequent first. */
  examples: string[];
  /** The articles that were shown and voted "not helpful", if any. */
  articleIds: string[];
}

export interface ArticleUpdateTask {
  articleId: string;
  helpful: number;
  notHelpful: number;
  helpfulRatio: number;
  reason: string;
}

const jaccard = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union ? inter / union : 0;
};

const QUESTION_LEAD =
  /^(how (do|can|should) (i|we|you)|how to|can (i|we|you)|is (it|there) (a way to)?|what is|what's|why (does|is|do)|where (do|can|is) (i|we)?|i (want|need) to|help( with)?)\s+/i;

/** "how do I rotate the slack token?" -> "How to rotate the slack token". */
export function titleFromQuery(query: string): string {
  const q = query
    .trim()
    .replace(/[?!.]+$/, '')
    .replace(/\s+/g, ' ');
  const lead = QUESTION_LEAD.exec(q);
  const rest = lead ? q.slice(lead[0].length) : q;
  const core = rest.length ? rest : q;
  const isHowTo = lead ? /^(how|can|i (want|need)|help)/i.test(lead[0]) : false;
  const text = isHowTo ? `How to ${core}` : core;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Messages whose classification says they were never a question an article answers: incident reports (outages,
 * security issues, data loss: the desk opens a critical ticket and pages someone) and problem reports (bugs, slowness,
 * feature requests: they need a fix, not a page of documentation). Their failed searches are no knowledge gap.
 */
export const NOT_ARTICLE_INTENTS: ReadonlySet<string> = new Set<Category>([
  ...CRITICAL_CATEGORIES,
  'bug',
  'performance-issue',
  'feature-request',
]);

/** Whether a failed search may suggest an article: a question, not an incident or problem report, and not gibberish. */
export function isArticleCandidate(row: Pick<SearchGapRow, 'query' | 'intent'>): boolean {
  if (row.intent && NOT_ARTICLE_INTENTS.has(row.intent)) return false;
  return !looksLikeGibberish(row.query);
}

/**
 * Group failed searches (no result, or a top article voted "not helpful") by similarity: single-link clustering on
 * the Jaccard similarity of their content-word stems (>= `threshold`, default 0.5). Each group suggests an article
 * titled after its most frequent query. Largest groups first. Incident and problem reports and gibberish are left
 * out (`isArticleCandidate`).
 */
export function knowledgeGaps(
  rows: readonly SearchGapRow[],
  options: { threshold?: number; limit?: number } = {},
): KnowledgeGap[] {
  const threshold = options.threshold ?? 0.5;
  const items = rows
    .filter(isArticleCandidate)
    .map((r) => ({ row: r, stems: new Set(contentStems(r.query)) }))
    .filter((i) => i.stems.size > 0)
    .sort((a, b) => b.row.count - a.row.count || a.row.query.localeCompare(b.row.query));
  const groups: (typeof items)[] = [];
  for (const item of items) {
    const home = groups.find((g) => g.some((m) => jaccard(m.stems, item.stems) >= threshold));
    if (home) home.push(item);
    else groups.push([item]);
  }
  const gaps = groups.map((g): KnowledgeGap => {
    const byQuery = new Map<string, number>();
    for (const m of g)
      byQuery.set(m.row.query.trim().toLowerCase(), (byQuery.get(m.row.query.trim().toLowerCase()) ?? 0) + m.row.count);
    const examples = [...byQuery.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length).map(([q]) => q);
    const top = examples[0] ?? '';
    return {
      suggestedTitle: titleFromQuery(contentWords(top).length ? top : g[0]!.row.query),
      searches: g.reduce((n, m) => n + m.row.count, 0),
      noResult: g.filter((m) => m.row.reason === 'no-result').reduce((n, m) => n + m.row.count, 0),
      notHelpful: g.filter((m) => m.row.reason === 'not-helpful').reduce((n, m) => n + m.row.count, 0),
      examples: examples.slice(0, 5),
      articleIds: [...new Set(g.map((m) => m.row.articleId).filter((a): a is string => a !== null))],
    };
  });
  gaps.sort((a, b) => b.searches - a.searches || a.suggestedTitle.localeCompare(b.suggestedTitle));
  return gaps.slice(0, options.limit ?? 20);
}

/** Articles with at least `minVotes` votes whose helpful ratio is below `threshold` (default 0.5) need an update. */
export function articleUpdateTasks(
  votes: readonly ArticleVoteRow[],
  options: { threshold?: number; minVotes?: number } = {},
): ArticleUpdateTask[] {
  const threshold = options.threshold ?? 0.5;
  const minVotes = options.minVotes ?? 5;
  return votes
    .filter((v) => v.helpful + v.notHelpful >= minVotes)
    .map((v) => ({ ...v, helpfulRatio: v.helpful / (v.helpful + v.notHelpful) }))
    .filter((v) => v.helpfulRatio < threshold)
    .sort((a, b) => a.helpfulRatio - b.helpfulRatio || b.notHelpful - a.notHelpful)
    .map((v) => ({
      ...v,
      reason: `${v.notHelpful} of ${v.helpful + v.notHelpful} votes say "not helpful" (helpful ratio ${Math.round(v.helpfulRatio * 100)}% < ${Math.round(threshold * 100)}%): review and update the article`,
    }));
}
