import type { AnalyticsStore, DailyRatingRow, RatingGroupRow, TimeRange } from '../core/ports/analytics-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import { queryPostgresTicketFacts } from './postgres-ticket-facts.js';

const DAY = 86_400_000;

const RATING_GROUPS = `SELECT t.tier, t.platform, t.category, t.priority, t.assignee_id AS agent, r.kind, r.score, COUNT(*) AS count
  FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.at >= $1 AND r.at < $2 GROUP BY 1, 2, 3, 4, 5, 6, 7`;
const DAILY_RATINGS = `SELECT (at / ${DAY}) * ${DAY} AS day, kind, score, COUNT(*) AS count
  FROM ratings WHERE at >= $1 AND at < $2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
// Newest first by the (role, at) and (created_at) indexes, read backwards: no sort of the period.
const CUSTOMER_MESSAGES = `SELECT text FROM ticket_messages WHERE role = 'customer' AND at >= $1 AND at < $2
  ORDER BY at DESC LIMIT $3`;
const SUBJECTS =
  'SELECT subject FROM tickets WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at DESC LIMIT $3';

/**
 * A range as the BIGINT parameters the queries compare with: rounded up, which keeps `x >= from` and `x < to` true
 * for exactly the same whole-millisecond times (a fractional bound would not parse as BIGINT).
 */
export const wholeRange = (r: TimeRange): [number, number] => [Math.ceil(r.from), Math.ceil(r.to)];

export type PostgresPeriodAnalytics = Pick<
  AnalyticsStore,
  'ticketFacts' | 'ratingGroups' | 'dailyRatings' | 'customerMessages' | 'ticketSubjects'
>;

/** The period queries of AnalyticsStore on PostgreSQL: aggregates over the tickets, ratings and messages of a range. */
export function createPostgresPeriodAnalytics(db: PostgresDatabase): PostgresPeriodAnalytics {
  const { pool } = db;
  return {
    ticketFacts(r, now) {
      const [from, to] = wholeRange(r);
      return queryPostgresTicketFacts(pool, { from, to }, Math.ceil(now));
    },
    async ratingGroups(r) {
      return (await pool.query<RatingGroupRow>(RATING_GROUPS, wholeRange(r))).rows;
    },
    async dailyRatings(r) {
      return (await pool.query<DailyRatingRow>(DAILY_RATINGS, wholeRange(r))).rows;
    },
    async customerMessages(r, limit) {
      const { rows } = await pool.query<[string]>({
        text: CUSTOMER_MESSAGES,
        values: [...wholeRange(r), limit],
        rowMode: 'array',
      });
      return rows.map((x) => x[0]);
    },
    async ticketSubjects(r, limit) {
      const { rows } = await pool.query<[string]>({
        text: SUBJECTS,
        values: [...wholeRange(r), limit],
        rowMode: 'array',
      });
      return rows.map((x) => x[0]);
    },
  };
}
