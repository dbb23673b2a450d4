import type { TicketStatus } from '../core/model/types.js';
import type { AnalyticsStore, ArticleVoteRow, OpenTicketRow, SearchGapRow } from '../core/ports/analytics-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import { wholeRange } from './postgres-period-analytics.js';

/**
 * Open and pending tickets in one statement (one snapshot): the unanswered ones with a due time first, earliest due
 * first (by the partial index tickets_open_due), then the others, unanswered before answered, newest first. The
 * others are read only when the first part leaves room (a one-time filter: the scan is skipped otherwise).
 */
const OPEN_TICKETS = `WITH due AS (
    SELECT *, 0 AS part, first_response_due_at AS k1, id AS k2 FROM tickets
    WHERE status IN ('open', 'pending') AND first_response_at IS NULL AND first_response_due_at IS NOT NULL
    ORDER BY first_response_due_at, id LIMIT $1
  ), rest AS (
    SELECT *, 1 AS part, CASE WHEN first_response_at IS NULL THEN 0 ELSE 1 END AS k1, -id AS k2 FROM tickets
    WHERE status IN ('open', 'pending') AND NOT (first_response_at IS NULL AND first_response_due_at IS NOT NULL)
      AND (SELECT COUNT(*) FROM due) < $1
    ORDER BY k1, k2 LIMIT $1
  )
  SELECT id, key, subject, status, priority, tier, customer_id AS "customerId", assignee_id AS "assigneeId",
    created_at AS "createdAt", first_response_due_at AS "firstResponseDueAt", first_response_at AS "firstResponseAt"
  FROM (SELECT * FROM due UNION ALL SELECT * FROM rest) open ORDER BY part, k1, k2 LIMIT $1`;

/**
 * Failed searches of the range by normalised query (no results), and searches whose top article was voted more often
 * "not helpful" than "helpful" in the range, by query and article.
 */
const SEARCH_GAPS = `SELECT * FROM (
    SELECT lower(trim(query)) AS query, COUNT(*) AS count, 'no-result' AS reason, NULL::text AS "articleId",
      MAX(at) AS "lastAt", MAX(intent COLLATE "C") AS intent
    FROM kb_searches WHERE result_count = 0 AND at >= $1 AND at < $2 GROUP BY 1
    UNION ALL
    SELECT lower(trim(s.query)), COUNT(*), 'not-helpful', s.top_article_id, MAX(s.at), MAX(s.intent COLLATE "C")
    FROM kb_searches s
    WHERE s.at >= $1 AND s.at < $2 AND s.result_count > 0 AND s.top_article_id IN (
      SELECT article_id FROM kb_votes WHERE at >= $1 AND at < $2 GROUP BY article_id
      HAVING COUNT(*) FILTER (WHERE NOT helpful) > COUNT(*) FILTER (WHERE helpful))
    GROUP BY 1, 4
  ) gaps ORDER BY count DESC, "lastAt" DESC LIMIT $3`;

// COLLATE "C": byte order, as SQLite sorts text.
const ARTICLE_VOTES = `SELECT article_id AS "articleId", COUNT(*) FILTER (WHERE helpful) AS helpful,
    COUNT(*) FILTER (WHERE NOT helpful) AS "notHelpful"
  FROM kb_votes GROUP BY article_id ORDER BY article_id COLLATE "C"`;

export type PostgresDeskAnalytics = Pick<
  AnalyticsStore,
  'openTickets' | 'ticketCountsByStatus' | 'searchGaps' | 'articleVotes'
>;

/** The queue and knowledge-base queries of AnalyticsStore on PostgreSQL. */
export function createPostgresDeskAnalytics(db: PostgresDatabase): PostgresDeskAnalytics {
  const { pool } = db;
  return {
    async openTickets(limit) {
      if (limit <= 0) return [];
      return (await pool.query<OpenTicketRow>(OPEN_TICKETS, [limit])).rows;
    },
    async ticketCountsByStatus() {
      const counts: Record<TicketStatus, number> = { open: 0, pending: 0, resolved: 0, closed: 0 };
      const { rows } = await pool.query<{ status: TicketStatus; n: number }>(
        'SELECT status, COUNT(*) AS n FROM tickets GROUP BY status',
      );
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    async searchGaps(r, limit) {
      return (await pool.query<SearchGapRow>(SEARCH_GAPS, [...wholeRange(r), limit])).rows;
    },
    async articleVotes() {
      return (await pool.query<ArticleVoteRow>(ARTICLE_VOTES)).rows;
    },
  };
}
