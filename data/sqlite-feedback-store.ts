import type { Rating } from '../core/model/ticket.js';
import type { FeedbackStore, VoteResult } from '../core/ports/feedback-store.js';
import type { ArticleStats } from '../core/ports/knowledge-base.js';
import type { SqliteDatabase } from './open-database.js';

interface RatingRow {
  ticket_id: number;
  kind: Rating['kind'];
  score: number;
  rater_id: string;
  at: number;
}

/** Knowledge-base searches and votes, and satisfaction ratings, on the support database. */
export function createSqliteFeedbackStore(db: SqliteDatabase): FeedbackStore {
  const q = {
    insertSearch: db.prepare(
      'INSERT INTO kb_searches (query, platform, tier, customer_id, result_count, top_article_id, top_score, intent, at) VALUES (@query, @platform, @tier, @customerId, @resultCount, @topArticleId, @topScore, @intent, @at)',
    ),
    voteGet: db.prepare('SELECT helpful FROM kb_votes WHERE article_id = ? AND voter_id = ? AND context = ?').pluck(),
    voteUpsert: db.prepare(
      `INSERT INTO kb_votes (article_id, voter_id, context, helpful, platform, ticket_id, at) VALUES (@articleId, @voterId, @context, @helpful, @platform, @ticketId, @at)
       ON CONFLICT (article_id, voter_id, context) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
    ),
    // One person counts once per article in the ranking (their latest vote), however many answers they voted on.
    voteStats: db.prepare(
      'SELECT article_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS not_helpful FROM (SELECT article_id, helpful, ROW_NUMBER() OVER (PARTITION BY article_id, voter_id ORDER BY at DESC, rowid DESC) AS n FROM kb_votes) WHERE n = 1 GROUP BY article_id',
    ),
    viewStats: db.prepare(
      'SELECT top_article_id AS article_id, COUNT(*) AS views FROM kb_searches WHERE top_article_id IS NOT NULL GROUP BY top_article_id',
    ),
    ratingUpsert: db.prepare(
      'INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES (@ticketId, @kind, @score, @raterId, @at) ON CONFLICT (ticket_id, kind) DO UPDATE SET score = excluded.score, rater_id = excluded.rater_id, at = excluded.at',
    ),
    ratings: db.prepare('SELECT ticket_id, kind, score, rater_id, at FROM ratings WHERE ticket_id = ? ORDER BY kind'),
  };

  const recordVote = db.transaction((vote: Parameters<FeedbackStore['recordVote']>[0]): VoteResult => {
    const before = q.voteGet.get(vote.articleId, vote.voterId, vote.context) as number | undefined;
    const helpful = vote.helpful ? 1 : 0;
    if (before === helpful) return { kind: 'unchanged' };
    q.voteUpsert.run({ ...vote, helpful });
    return before === undefined ? { kind: 'recorded' } : { kind: 'changed' };
  });

  return {
    async recordSearch(entry) {
      q.insertSearch.run(entry);
    },
    async recordVote(vote) {
      return recordVote(vote);
    },
    async articleStats() {
      const stats = new Map<string, ArticleStats>();
      const get = (id: string) => stats.get(id) ?? stats.set(id, { helpful: 0, notHelpful: 0, views: 0 }).get(id)!;
      for (const r of q.voteStats.all() as { article_id: string; helpful: number; not_helpful: number }[]) {
        Object.assign(get(r.article_id), { helpful: r.helpful, notHelpful: r.not_helpful });
      }
      for (const r of q.viewStats.all() as { article_id: string; views: number }[]) get(r.article_id).views = r.views;
      return stats;
    },
    async recordRating(rating) {
      q.ratingUpsert.run(rating);
    },
    async listRatings(ticketId) {
      return (q.ratings.all(ticketId) as RatingRow[]).map((r) => ({
        ticketId: r.ticket_id,
        kind: r.kind,
        score: r.score,
        raterId: r.rater_id,
        at: r.at,
      }));
    },
  };
}
