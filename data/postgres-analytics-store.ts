/*
 * Design: no daily roll-ups on PostgreSQL; the period metrics are computed from the base tables. SQLite keeps per-day
 * roll-ups (migrations 005/007: triggers, dirty days, packed facts) because moving a period's tickets row by row to
 * JavaScript was its cost. Here one statement gives each ticket of the period as five values (dimension key, day,
 * durations, flags as bits; postgres-ticket-facts.ts) by an index range scan of tickets_by_created, looking up staff
 * replies (first-contact resolution) only for resolved tickets, and the ticket-facts accumulator the SQLite store
 * uses sums them, so both stores give the same rows by construction.
 *
 * Measured on 200,000 tickets seeded by lab/bench/seed-tickets.ts over 73 days (82,192 in the 30-day period, as many
 * as in the 1,000,000-ticket SQLite benchmark's), local PostgreSQL 15 on a quiet 2-core machine, median of 15:
 * ticketFacts('30d') 335 ms (the statement ~160 ms in the server, the transfer ~100 ms, summing ~80 ms); the whole
 * 30-day metrics (createAnalytics().metrics: facts, ratings, daily ratings, sentiment sample) 595 ms. SQLite with its
 * roll-ups, same data and machine: 80 ms and 305 ms. Grouping in SQL instead (GROUP BY the five dimensions, durations
 * by string_agg) was about twice as slow as sending the tickets. The cost follows the tickets in the period, not the
 * table. Porting the roll-ups would save ~250 ms on a query the dashboard caches, at the price of plpgsql triggers on
 * every ticket, staff reply and rating write, dirty-day bookkeeping and a refresh several instances must serialize:
 * not worth it at these figures.
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
