import type { TicketDims } from '../ports/analytics-store.js';

/** The breakdowns every measurement is reported by. */
export const DIMENSIONS = ['tier', 'platform', 'category', 'priority', 'agent'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const dimValue = (row: TicketDims, dim: Dimension): string | null => row[dim];

/** Group rows by one dimension, keeping the key's first-seen order. */
export function groupBy<T extends TicketDims>(rows: readonly T[], dim: Dimension): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const r of rows) {
    const k = r[dim];
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
