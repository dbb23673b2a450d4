import type { SqliteDatabase } from './open-database.js';
import { packColumns } from './packed-columns.js';
import { TICKET_FACT_COLUMNS, TICKET_FACT_FLAGS } from './rollup-ticket-facts.js';

const DAY = 86_400_000;
const RATING_COLUMNS = 4;
const DIMS_JOIN =
  "JOIN rollup_dims d ON d.tier = t.tier AND d.platform = t.platform AND d.category = t.category AND d.priority = t.priority AND d.agent = COALESCE(t.assignee_id, '')";

/**
 * Recompute the days the triggers of migration 005 marked dirty (rollup_dirty_days): a day's tickets into
 * ticket_fact_days, its ratings into rating_fact_days, packed by packColumns. The returned function does it in one
 * write transaction (so a concurrent writer waits or is waited for) and returns how many days it recomputed.
 */
export function prepareRollupRefresh(db: SqliteDatabase): () => number {
  const q = {
    dirty: db.prepare('SELECT kind, day FROM rollup_dirty_days ORDER BY kind, day').raw(),
    anyDirty: db.prepare('SELECT 1 FROM rollup_dirty_days LIMIT 1').pluck(),
    clean: db.prepare('DELETE FROM rollup_dirty_days WHERE kind = ? AND day = ?'),
    addDims: db.prepare(`INSERT OR IGNORE INTO rollup_dims (tier, platform, category, priority, agent)
      SELECT DISTINCT tier, platform, category, priority, COALESCE(assignee_id, '') FROM tickets INDEXED BY tickets_analytics WHERE created_at >= @from AND created_at < @to`),
    addRatingDims: db.prepare(`INSERT OR IGNORE INTO rollup_dims (tier, platform, category, priority, agent)
      SELECT DISTINCT t.tier, t.platform, t.category, t.priority, COALESCE(t.assignee_id, '') FROM ratings r JOIN tickets t ON t.id = r.ticket_id WHERE r.at >= @from AND r.at < @to`),
    dayFacts: db
      .prepare(`SELECT t.created_at, d.id, t.first_response_at - t.created_at, t.resolved_at - t.created_at,
        CASE WHEN t.first_response_at IS NULL THEN t.first_response_due_at END, ${TICKET_FACT_FLAGS}
      FROM tickets t INDEXED BY tickets_analytics
      ${DIMS_JOIN}
      WHERE t.created_at >= @from AND t.created_at < @to`)
      .raw(),
    putFacts: db.prepare('INSERT OR REPLACE INTO ticket_fact_days (day, tickets, facts) VALUES (?, ?, ?)'),
    dropFacts: db.prepare('DELETE FROM ticket_fact_days WHERE day = ?'),
    dayRatings: db
      .prepare(`SELECT d.id, r.kind = 'nps', r.score, COUNT(*) FROM ratings r JOIN tickets t ON t.id = r.ticket_id
      ${DIMS_JOIN}
      WHERE r.at >= @from AND r.at < @to GROUP BY 1, 2, 3`)
      .raw(),
    putRatings: db.prepare('INSERT OR REPLACE INTO rating_fact_days (day, groups, facts) VALUES (?, ?, ?)'),
    dropRatings: db.prepare('DELETE FROM rating_fact_days WHERE day = ?'),
  };

  const refreshDay = (kind: 'tickets' | 'ratings', day: number) => {
    const range = { from: day * DAY, to: (day + 1) * DAY };
    if (kind === 'tickets') {
      q.addDims.run(range);
      const rows = q.dayFacts.all(range) as (number | null)[][];
      if (rows.length === 0) q.dropFacts.run(day);
      else q.putFacts.run(day, rows.length, packColumns(rows, TICKET_FACT_COLUMNS));
    } else {
      q.addRatingDims.run(range);
      const rows = q.dayRatings.all(range) as number[][];
      if (rows.length === 0) q.dropRatings.run(day);
      else q.putRatings.run(day, rows.length, packColumns(rows, RATING_COLUMNS));
    }
    q.clean.run(kind, day);
  };
  const refreshTx = db.transaction(() => {
    const days = q.dirty.all() as ['tickets' | 'ratings', number][];
    for (const [kind, day] of days) refreshDay(kind, day);
    return days.length;
  });
  return () => (q.anyDirty.get() === undefined ? 0 : refreshTx.immediate());
}
