import { z } from 'zod';
import type { UsageRecord } from '../ports/analytics-store.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const count = z.coerce.number().int().min(0);
const usageRow = z.object({
  customer_id: z.string().min(1, 'is required'),
  date,
  active_users: count,
  seats: z.union([z.literal(''), z.null(), count]).optional(),
  events: z.union([z.literal(''), count]).optional(),
  renewal_date: z.union([z.literal(''), z.null(), date]).optional(),
});

export interface UsageParseResult {
  records: UsageRecord[];
  /** `line N: field: problem` (CSV) or `records.N.field: problem` (JSON). */
  problems: string[];
}

const toRecord = (r: z.output<typeof usageRow>): UsageRecord => ({
  customerId: r.customer_id,
  date: r.date,
  activeUsers: r.active_users,
  seats: r.seats === '' || r.seats === null || r.seats === undefined ? null : r.seats,
  events: r.events === '' || r.events === undefined ? 0 : r.events,
  renewalDate: r.renewal_date === '' || r.renewal_date === null || r.renewal_date === undefined ? null : r.renewal_date,
});

/** Validate objects with the CSV's column names (`customer_id,date,active_users,seats,events,renewal_date`). */
export function parseUsageObjects(
  rows: readonly unknown[],
  where: (i: number) => string = (i) => `records.${i}`,
): UsageParseResult {
  const records: UsageRecord[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const parsed = usageRow.safeParse(row);
    if (parsed.success) records.push(toRecord(parsed.data));
    else
      problems.push(
        ...parsed.error.issues.map((issue) => `${where(i)}: ${issue.path.join('.') || '(row)'}: ${issue.message}`),
      );
  });
  return { records, problems };
}

/**
 * CSV with a header line; columns customer_id, date, active_users (required) and seats, events, renewal_date
 * (optional, any order). Values may be quoted; blank lines and lines starting with # are skipped.
 */
export function parseUsageCsv(text: string): UsageParseResult {
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ l: l.trim(), n: i + 1 }))
    .filter(({ l }) => l && !l.startsWith('#'));
  const header = lines.shift();
  if (!header)
    return {
      records: [],
      problems: ['the file is empty: expected a header line customer_id,date,active_users,seats,events,renewal_date'],
    };
  const cols = header.l.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const missing = ['customer_id', 'date', 'active_users'].filter((c) => !cols.includes(c));
  if (missing.length) return { records: [], problems: [`line ${header.n}: the header lacks ${missing.join(', ')}`] };
  const rows = lines.map(({ l }) =>
    Object.fromEntries(l.split(',').map((v, i) => [cols[i] ?? `column${i + 1}`, v.trim().replace(/^"|"$/g, '')])),
  );
  return parseUsageObjects(rows, (i) => `line ${lines[i]?.n}`);
}
