import type { AnalyticsStore, CustomerSupportRow, UsageRecord } from '../core/ports/analytics-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import { wholeRange } from './postgres-period-analytics.js';

/** Every record in one statement; a re-imported date replaces the figures but keeps a known renewal date. */
const USAGE_UPSERT = `INSERT INTO usage_imports (customer_id, date, active_users, seats, events, renewal_date, imported_at)
  SELECT c, d, a, s, e, r, $7 FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::bigint[], $6::text[]) AS x (c, d, a, s, e, r)
  ON CONFLICT (customer_id, date) DO UPDATE SET active_users = excluded.active_users, seats = excluded.seats,
    events = excluded.events, renewal_date = COALESCE(excluded.renewal_date, usage_imports.renewal_date),
    imported_at = excluded.imported_at`;
// COLLATE "C": byte order, as SQLite sorts text.
const USAGE = `SELECT customer_id AS "customerId", date, active_users AS "activeUsers", seats, events, renewal_date AS "renewalDate"
  FROM usage_imports WHERE date >= $1 AND date < $2 AND ($3::text IS NULL OR customer_id = $3)
  ORDER BY customer_id COLLATE "C", date COLLATE "C"`;

const SLA_MISSED = `first_response_due_at IS NOT NULL AND (first_response_at > first_response_due_at
  OR (first_response_at IS NULL AND first_response_due_at < $3))`;
/**
 * Per customer, the tickets opened in [$1, $2) and the ratings given in it, in one statement (one snapshot): the
 * customers with tickets first, then those with ratings only, each by id as the SQLite store lists them.
 */
const CUSTOMER_SUPPORT = `WITH t AS (
    SELECT customer_id, COUNT(*) AS tickets, COUNT(*) FILTER (WHERE priority = 'critical') AS critical,
      COUNT(*) FILTER (WHERE priority = 'high') AS high, COUNT(*) FILTER (WHERE escalated) AS escalated,
      COUNT(*) FILTER (WHERE ${SLA_MISSED}) AS sla_missed, COUNT(*) FILTER (WHERE status IN ('open', 'pending')) AS active
    FROM tickets WHERE created_at >= $1 AND created_at < $2 AND customer_id IS NOT NULL AND ($4::text IS NULL OR customer_id = $4)
    GROUP BY customer_id
  ), r AS (
    SELECT t.customer_id, COUNT(*) FILTER (WHERE r.kind = 'csat') AS csat_count,
      COALESCE(SUM(r.score) FILTER (WHERE r.kind = 'csat'), 0) AS csat_sum, COUNT(*) FILTER (WHERE r.kind = 'nps') AS nps_count,
      COUNT(*) FILTER (WHERE r.kind = 'nps' AND r.score >= 9) AS promoters,
      COUNT(*) FILTER (WHERE r.kind = 'nps' AND r.score <= 6) AS detractors
    FROM ratings r JOIN tickets t ON t.id = r.ticket_id
    WHERE r.at >= $1 AND r.at < $2 AND t.customer_id IS NOT NULL AND ($4::text IS NULL OR t.customer_id = $4)
    GROUP BY t.customer_id
  )
  SELECT customer_id AS "customerId", COALESCE(t.tickets, 0) AS tickets, COALESCE(t.critical, 0) AS critical,
    COALESCE(t.high, 0) AS high, COALESCE(t.escalated, 0) AS escalated, COALESCE(t.sla_missed, 0) AS "slaMissed",
    COALESCE(t.active, 0) AS active, COALESCE(r.csat_count, 0) AS "csatCount", COALESCE(r.csat_sum, 0) AS "csatSum",
    COALESCE(r.nps_count, 0) AS "npsCount", COALESCE(r.promoters, 0) AS "npsPromoters",
    COALESCE(r.detractors, 0) AS "npsDetractors"
  FROM t FULL JOIN r USING (customer_id) ORDER BY t.customer_id IS NULL, customer_id COLLATE "C"`;

/** The records as one row per (customer, date), in order: a later one wins, as a row-by-row upsert would leave it. */
function lastPerDate(records: readonly UsageRecord[]): UsageRecord[] {
  const rows = new Map<string, UsageRecord>();
  for (const r of records) {
    const key = `${r.customerId}\u001f${r.date}`;
    const before = rows.get(key);
    rows.set(key, before && r.renewalDate === null ? { ...r, renewalDate: before.renewalDate } : r);
  }
  return [...rows.values()];
}

export type PostgresCustomerAnalytics = Pick<AnalyticsStore, 'importUsage' | 'usage' | 'customerSupport'>;

/** Imported usage and per-customer support figures of AnalyticsStore on PostgreSQL. */
export function createPostgresCustomerAnalytics(db: PostgresDatabase): PostgresCustomerAnalytics {
  const { pool } = db;
  return {
    async importUsage(records) {
      const rows = lastPerDate(records);
      if (rows.length > 0)
        await pool.query(USAGE_UPSERT, [
          rows.map((r) => r.customerId),
          rows.map((r) => r.date),
          rows.map((r) => r.activeUsers),
          rows.map((r) => r.seats),
          rows.map((r) => r.events),
          rows.map((r) => r.renewalDate),
          Date.now(),
        ]);
      return { imported: records.length };
    },
    async usage(from, to, customerId) {
      return (await pool.query<UsageRecord>(USAGE, [from, to, customerId ?? null])).rows;
    },
    async customerSupport(r, now, customerId) {
      const params = [...wholeRange(r), Math.ceil(now), customerId ?? null];
      return (await pool.query<CustomerSupportRow>(CUSTOMER_SUPPORT, params)).rows;
    },
  };
}
