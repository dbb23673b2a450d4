/*
 * Design: no roll-ups on PostgreSQL. SQLite keeps per-day roll-ups (migrations 005/007: triggers, dirty days, packed
 * facts) because its row-by-row transfer of a period's tickets to JavaScript was the cost. PostgreSQL computes the
 * period's facts straight from the tickets in one statement (an index range scan of tickets_by_created, the
 * first-contact lookup by ticket_messages_by_ticket_role for resolved tickets only), which is fast enough that the
 * roll-ups' triggers, dirty-day bookkeeping and refresh transaction are not worth their cost and complexity here:
 *
 *   200,000 seeded tickets (lab/bench/seed-tickets.ts over 73 days, so a 30-day period holds 82,192 tickets, as many
 *   as the 1,000,000-ticket SQLite benchmark's), local PostgreSQL 15, 2 cores: ticketFacts('30d') median 200 ms
 *   (the statement alone ~130 ms without the first-contact lookups; the rest is the transfer); the whole 30-day
 *   metrics (createAnalytics().metrics: facts, ratings, daily ratings, sentiment sample) median ~XXX ms.
 *   Aggregating in SQL instead (GROUP BY the five dimensions, durations by string_agg) was slower: ~410 ms.
 *
 * The cost grows with the tickets in the period, not with the table (the scan is by created_at), as it does on
 * SQLite. Results are the SQLite store's: the same definitions, summed by the same ticket-facts accumulator, checked by
 * test/contracts/analytics-store-contract.ts on both stores.
 */
import type { AnalyticsStore } from '../core/ports/analytics-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import { createPostgresCustomerAnalytics } from './postgres-customer-analytics.js';
import { createPostgresDeskAnalytics } from './postgres-desk-analytics.js';
import { createPostgresOutreachRecords } from './postgres-outreach-records.js';
import { createPostgresPeriodAnalytics } from './postgres-period-analytics.js';

/**
 * The analytics queries on PostgreSQL, aggregated in SQL. Every method is one statement or one transaction; an
 * outreach record that queued a message announces it on `db.signal` after its COMMIT.
 */
export function createPostgresAnalyticsStore(db: PostgresDatabase): AnalyticsStore {
  return {
    ...createPostgresPeriodAnalytics(db),
    ...createPostgresDeskAnalytics(db),
    ...createPostgresCustomerAnalytics(db),
    ...createPostgresOutreachRecords(db),
  };
}
