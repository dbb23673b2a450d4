import type { DailyRatingRow, RatingGroupRow, TicketFacts, TimeRange } from '../core/ports/analytics-store.js';
import type { SqliteDatabase } from './open-database.js';
import { prepareRollupRefresh } from './refresh-rollup-days.js';
import { prepareRollupDailyRatings } from './rollup-daily-ratings.js';
import { createRollupDims } from './rollup-dims.js';
import { prepareRollupRatingGroups } from './rollup-rating-groups.js';
import { prepareRollupTicketFacts } from './rollup-ticket-facts.js';

/**
 * The daily roll-ups of migration 005: recompute the days the triggers marked dirty, then answer the period queries
 * from the derived tables. Gives exactly what the direct queries over tickets and ratings give. The parts: the
 * refresh (refresh-rollup-days.ts), the dimension ids (rollup-dims.ts) and one reader per query.
 */
export function createDailyRollups(db: SqliteDatabase) {
  const refresh = prepareRollupRefresh(db);
  const dims = createRollupDims(db);
  const ticketFacts = prepareRollupTicketFacts(db, dims);
  const ratingGroups = prepareRollupRatingGroups(db, dims);
  const dailyRatings = prepareRollupDailyRatings(db);
  return {
    /** Recompute every dirty day; returns how many. */
    refresh,
    ticketFacts(r: TimeRange, now: number): TicketFacts {
      refresh();
      return ticketFacts(r, now);
    },
    ratingGroups(r: TimeRange): RatingGroupRow[] {
      refresh();
      return ratingGroups(r);
    },
    dailyRatings(r: TimeRange): DailyRatingRow[] {
      refresh();
      return dailyRatings(r);
    },
  };
}

/** Recompute every dirty day now (after a bulk load, so the first dashboard query does not pay for it). */
export function refreshDailyRollups(db: SqliteDatabase): number {
  return createDailyRollups(db).refresh();
}
