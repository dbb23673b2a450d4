import type { TimeRange } from '../core/ports/analytics-store.js';

const DAY = 86_400_000;

/**
 * The whole UTC days inside [from, to) (day numbers d with d*DAY >= from and (d+1)*DAY <= to, as [firstDay, endDay)),
 * and the partial ranges around them.
 */
export function splitWholeDays(r: TimeRange): { firstDay: number; endDay: number; edges: TimeRange[] } {
  const firstDay = Math.ceil(r.from / DAY);
  const endDay = Math.floor(r.to / DAY);
  if (endDay <= firstDay) return { firstDay: 0, endDay: 0, edges: r.to > r.from ? [r] : [] };
  const edges: TimeRange[] = [];
  if (r.from < firstDay * DAY) edges.push({ from: r.from, to: firstDay * DAY });
  if (endDay * DAY < r.to) edges.push({ from: endDay * DAY, to: r.to });
  return { firstDay, endDay, edges };
}
