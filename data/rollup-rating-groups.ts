import type { RatingGroupRow, TimeRange } from '../core/ports/analytics-store.js';
import type { SqliteDatabase } from './open-database.js';
import { unpackColumns } from './packed-columns.js';
import type { RollupDims } from './rollup-dims.js';
import { splitWholeDays } from './split-whole-days.js';

const KINDS = ['csat', 'nps'] as const;
type EdgeRow = [string, string, string, string, string | null, 'csat' | 'nps', number, number];

/** Rating counts summed per (dims id, kind) and score. */
function createRatingSums(dims: RollupDims) {
  const byDims = new Map<number, Map<number, RatingGroupRow>>();
  return {
    add(dimsId: number, kind: 0 | 1, score: number, count: number): void {
      const key = dimsId * 2 + kind;
      let scores = byDims.get(key);
      if (!scores) {
        scores = new Map();
        byDims.set(key, scores);
      }
      const row = scores.get(score);
      if (row) row.count += count;
      else {
        const k = dims.dim(dimsId);
        const { tier, platform, category, priority, agent } = k;
        scores.set(score, { tier, platform, category, priority, agent, kind: KINDS[kind], score, count });
      }
    },
    rows(): RatingGroupRow[] {
      const out: RatingGroupRow[] = [];
      for (const scores of byDims.values()) for (const row of scores.values()) out.push(row);
      return out;
    },
  };
}

/**
 * ratingGroups from the roll-ups: whole days from the packed rating_fact_days, the partial days at the edges of the
 * range straight from the ratings, merged by dimension id (or, for dimensions with no id yet, by their values).
 */
export function prepareRollupRatingGroups(db: SqliteDatabase, dims: RollupDims): (r: TimeRange) => RatingGroupRow[] {
  const q = {
    days: db.prepare('SELECT day, groups, facts FROM rating_fact_days WHERE day >= ? AND day < ? ORDER BY day').raw(),
    edge: db
      .prepare(`SELECT t.tier, t.platform, t.category, t.priority, t.assignee_id, r.kind, r.score, COUNT(*) FROM ratings r JOIN tickets t ON t.id = r.ticket_id
      WHERE r.at >= ? AND r.at < ? GROUP BY 1, 2, 3, 4, 5, 6, 7`)
      .raw(),
  };
  return (r) => {
    const { firstDay, endDay, edges } = splitWholeDays(r);
    const sums = createRatingSums(dims);
    if (endDay > firstDay) {
      for (const [, n, blob] of q.days.all(firstDay, endDay) as [number, number, Buffer][]) {
        const f = unpackColumns(blob);
        for (let i = 0; i < n; i++)
          sums.add(f[i] as number, f[n + i] as 0 | 1, f[2 * n + i] as number, f[3 * n + i] as number);
      }
    }
    const others = new Map<string, RatingGroupRow>();
    for (const e of edges) {
      for (const [tier, platform, category, priority, agent, kind, score, count] of q.edge.all(
        e.from,
        e.to,
      ) as EdgeRow[]) {
        const id = dims.idOf({ tier, platform, category, priority, agent });
        if (id !== undefined) {
          sums.add(id, kind === 'nps' ? 1 : 0, score, count);
          continue;
        }
        const key = `${tier}\u001f${platform}\u001f${category}\u001f${priority}\u001f${agent ?? ''}\u001f${kind}\u001f${score}`;
        const row = others.get(key);
        if (row) row.count += count;
        else others.set(key, { tier, platform, category, priority, agent, kind, score, count });
      }
    }
    return [...others.values(), ...sums.rows()];
  };
}
