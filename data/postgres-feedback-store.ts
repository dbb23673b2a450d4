import type { Rating } from '../core/model/ticket.js';
import type { FeedbackStore, NewSearchLog } from '../core/ports/feedback-store.js';
import type { ArticleStats } from '../core/ports/knowledge-base.js';
import type { PostgresDatabase } from './open-postgres.js';
import type { PostgresQueryable } from './postgres-ticket-reads.js';

interface RatingRow {
  ticket_id: number;
  kind: Rating['kind'];
  score: number;
  rater_id: string;
  at: number;
}

/** The INSERT of a knowledge-base search row (recordSearch, and a ticket commit's `searches`). */
export async function insertSearchRow(q: PostgresQueryable, s: NewSearchLog): Promise<void> {
  await q.query(
    `INSERT INTO kb_searches (query, platform, tier, customer_id, result_count, top_article_id, top_score, intent, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [s.query, s.platform, s.tier, s.customerId, s.resultCount, s.topArticleId, s.topScore, s.intent, s.at],
  );
}

/**
 * One vote per (article, voter, context): a first vote inserts; a different answer replaces it; the same answer
 * changes nothing (not even `at`). One statement, so concurrent votes of one person cannot both count as new: the
 * second waits for the first and then takes the ON CONFLICT path. `xmax = 0` marks a row this statement inserted
 * (an updated row carries the updating transaction's id there).
 */
const VOTE_UPSERT = `INSERT INTO kb_votes (article_id, voter_id, context, helpful, platform, ticket_id, at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (article_id, voter_id, context) DO UPDATE SET helpful = excluded.helpful, at = excluded.at
  WHERE kb_votes.helpful <> excluded.helpful
  RETURNING (xmax = 0) AS inserted`;

/**
 * Votes and views per article, read in one statement (one snapshot). One person counts once per article in the
 * ranking (their latest vote), however many answers they voted on. SQLite breaks a tie of `at` by rowid (the later
 * write); PostgreSQL has no rowid, so the tie goes to the greater context, which is at least deterministic.
 */
const ARTICLE_STATS = `WITH latest AS (
    SELECT article_id, helpful, ROW_NUMBER() OVER (PARTITION BY article_id, voter_id ORDER BY at DESC, context DESC) AS n
    FROM kb_votes
  ), votes AS (
    SELECT article_id, COUNT(*) FILTER (WHERE helpful) AS helpful, COUNT(*) FILTER (WHERE NOT helpful) AS not_helpful
    FROM latest WHERE n = 1 GROUP BY article_id
  ), views AS (
    SELECT top_article_id AS article_id, COUNT(*) AS views FROM kb_searches WHERE top_article_id IS NOT NULL
    GROUP BY top_article_id
  )
  SELECT COALESCE(v.article_id, w.article_id) AS article_id, COALESCE(v.helpful, 0) AS helpful,
    COALESCE(v.not_helpful, 0) AS not_helpful, COALESCE(w.views, 0) AS views
  FROM votes v FULL JOIN views w ON w.article_id = v.article_id`;

/** Knowledge-base searches and votes, and satisfaction ratings, on PostgreSQL. */
export function createPostgresFeedbackStore(db: PostgresDatabase): FeedbackStore {
  const { pool } = db;
  return {
    recordSearch: (entry) => insertSearchRow(pool, entry),
    async recordVote(v) {
      const { rows } = await pool.query<{ inserted: boolean }>(VOTE_UPSERT, [
        v.articleId,
        v.voterId,
        v.context,
        v.helpful,
        v.platform,
        v.ticketId,
        v.at,
      ]);
      if (!rows[0]) return { kind: 'unchanged' };
      return rows[0].inserted ? { kind: 'recorded' } : { kind: 'changed' };
    },
    async articleStats() {
      const { rows } = await pool.query<{ article_id: string; helpful: number; not_helpful: number; views: number }>(
        ARTICLE_STATS,
      );
      const stats = new Map<string, ArticleStats>();
      for (const r of rows) stats.set(r.article_id, { helpful: r.helpful, notHelpful: r.not_helpful, views: r.views });
      return stats;
    },
    async recordRating(r) {
      await pool.query(
        `INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (ticket_id, kind) DO UPDATE SET score = excluded.score, rater_id = excluded.rater_id, at = excluded.at`,
        [r.ticketId, r.kind, r.score, r.raterId, r.at],
      );
    },
    async listRatings(ticketId) {
      const { rows } = await pool.query<RatingRow>(
        'SELECT ticket_id, kind, score, rater_id, at FROM ratings WHERE ticket_id = $1 ORDER BY kind',
        [ticketId],
      );
      return rows.map((r) => ({ ticketId: r.ticket_id, kind: r.kind, score: r.score, raterId: r.rater_id, at: r.at }));
    },
  };
}
