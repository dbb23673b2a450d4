import type { TicketFacts, TimeRange } from '../core/ports/analytics-store.js';
import type { SqliteDatabase } from './open-database.js';
import { unpackColumns } from './packed-columns.js';
import type { RollupDims } from './rollup-dims.js';
import { createTicketFactsAccumulator } from './ticket-facts-accumulator.js';

const DAY = 86_400_000;
/** Resolved with exactly one staff reply (the inner LIMIT stops counting at two). */
const FCR = `(resolved_at IS NOT NULL AND (SELECT COUNT(*) FROM (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = t.id AND m.role = 'staff' LIMIT 2)) = 1)`;
const HIT = 1;
const LATE = 2;
const FCR_BIT = 4;
const ESCALATED = 8;
const REOPENED = 16;
const EVER = 32;
const ACTIVE = 64;

/** A ticket's flags as one number (the bits above), computed in SQL when its day is rolled up. */
export const TICKET_FACT_FLAGS = `(first_response_due_at IS NOT NULL AND first_response_at IS NOT NULL AND first_response_at <= first_response_due_at)
  + (first_response_due_at IS NOT NULL AND first_response_at IS NOT NULL AND first_response_at > first_response_due_at) * 2
  + ${FCR} * 4 + (escalated <> 0) * 8 + (reopen_count > 0) * 16 + (resolved_at IS NOT NULL OR reopen_count > 0) * 32
  + (status IN ('open', 'pending')) * 64`;
/** created_at, dims id, first response ms, resolution ms, due time while unanswered, flags. */
export const TICKET_FACT_COLUMNS = 6;

/** ticketFacts from the packed days of ticket_fact_days (refreshed by the caller first). */
export function prepareRollupTicketFacts(
  db: SqliteDatabase,
  dims: RollupDims,
): (r: TimeRange, now: number) => TicketFacts {
  const days = db.prepare('SELECT tickets, facts FROM ticket_fact_days WHERE day >= ? AND day < ? ORDER BY day').raw();
  return (r, now) => {
    const facts = createTicketFactsAccumulator<number>();
    const rows = days.all(Math.floor(r.from / DAY), Math.floor((r.to - 1) / DAY) + 1) as [number, Buffer][];
    for (const [n, blob] of rows) {
      const f = unpackColumns(blob);
      for (let i = 0; i < n; i++) {
        const createdAt = f[i] as number;
        if (createdAt < r.from || createdAt >= r.to) continue;
        const dimsId = f[n + i] as number;
        const frv = f[2 * n + i] as number;
        const rsv = f[3 * n + i] as number;
        const duev = f[4 * n + i] as number;
        const flags = f[5 * n + i] as number;
        const due = Number.isNaN(duev) ? null : duev;
        facts.add(dimsId, () => dims.dim(dimsId), {
          day: Math.floor(createdAt / DAY) * DAY,
          firstResponseMs: Number.isNaN(frv) ? null : frv,
          resolutionMs: Number.isNaN(rsv) ? null : rsv,
          hit: flags & HIT ? 1 : 0,
          // An unanswered ticket's clock is missed once its due time has passed: decided at read time.
          missed: flags & LATE || (due !== null && due < now) ? 1 : 0,
          fcr: flags & FCR_BIT ? 1 : 0,
          escalated: flags & ESCALATED ? 1 : 0,
          reopened: flags & REOPENED ? 1 : 0,
          everResolved: flags & EVER ? 1 : 0,
          active: flags & ACTIVE ? 1 : 0,
        });
      }
    }
    return facts.result();
  };
}
