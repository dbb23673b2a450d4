import type { DailyRatingRow, TimeRange } from '../core/ports/analytics-store.js';
import type { SqliteDatabase } from './open-database.js';
import { unpackColumns } from './packed-columns.js';
import { splitWholeDays } from './split-whole-days.js';

const DAY = 86_400_000;
const KINDS = ['csat', 'nps'] as const;

/** One packed day of rating_fact_days summed per kind and score. */
function sumDay(day: number, n: number, blob: Buffer): DailyRatingRow[] {
  const f = unpackColumns(blob);
  const sums = [new Map<number, number>(), new Map<number, number>()] as const;
  for (let i = 0; i < n; i++) {
    const scores = sums[f[n + i] as 0 | 1];
    const score = f[2 * n + i] as number;
    scores.set(score, (scores.get(score) ?? 0) + (f[3 * n + i] as number));
  }
  const out: DailyRatingRow[] = [];
  sums.forEach((scores, kind) => {
    for (const [score, count] of scores)
      out.push({ day: day * DAY, kind: KINDS[kind] as 'csat' | 'nps', score, count });
  });
  return out;
}

/** dailyRatings from the roll-ups: whole days from rating_fact_days, the partial edge days from the ratings. */
export function prepareRollupDailyRatings(db: SqliteDatabase): (r: TimeRange) => DailyRatingRow[] {
  const q = {
    days: db.prepare('SELECT day, groups, facts FROM rating_fact_days WHERE day >= ? AND day < ? ORDER BY day').raw(),
    edge: db
      .prepare(
        `SELECT (at / ${DAY}) * ${DAY}, kind, score, COUNT(*) FROM ratings WHERE at >= ? AND at < ? GROUP BY 1, 2, 3`,
      )
      .raw(),
  };
  return (r) => {
    const { firstDay, endDay, edges } = splitWholeDays(r);
    const out: DailyRatingRow[] = [];
    if (endDay > firstDay)
      for (const [day, n, blob] of q.days.all(firstDay, endDay) as [number, number, Buffer][])
        out.push(...sumDay(day, n, blob));
    // Edge days are partial, so they never share a day with the whole days above.
    for (const e of edges)
      for (const [day, kind, score, count] of q.edge.all(e.from, e.to) as [number, 'csat' | 'nps', number, number][])
        out.push({ day, kind, score, count });
    return out;
  };
}
