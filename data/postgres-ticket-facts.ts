import type pg from 'pg';
import type { Millis } from '../core/model/types.js';
import type { TicketFacts, TimeRange } from '../core/ports/analytics-store.js';
import { createTicketFactsAccumulator } from './ticket-facts-accumulator.js';

const DAY = 86_400_000;
const HIT = 1;
const MISSED = 2;
const FCR = 4;
const ESCALATED = 8;
const REOPENED = 16;
const EVER = 32;
const ACTIVE = 64;

/**
 * A ticket's flags as one integer (the bits above), so a row is five values: SLA hit (answered by the due time),
 * missed (answered late, or unanswered past due at `now` = $3), first-contact resolution (resolved with exactly one
 * staff reply; the inner LIMIT stops counting at two, and only resolved tickets are looked up), escalated, reopened,
 * ever resolved, active. The same definitions as the SQLite store's.
 */
const FLAGS = `CASE WHEN first_response_due_at IS NOT NULL AND first_response_at <= first_response_due_at THEN ${HIT} ELSE 0 END
  + CASE WHEN first_response_due_at IS NOT NULL AND (first_response_at > first_response_due_at
      OR (first_response_at IS NULL AND first_response_due_at < $3)) THEN ${MISSED} ELSE 0 END
  + CASE WHEN resolved_at IS NOT NULL AND (SELECT COUNT(*) FROM (SELECT 1 FROM ticket_messages m
      WHERE m.ticket_id = t.id AND m.role = 'staff' LIMIT 2) s) = 1 THEN ${FCR} ELSE 0 END
  + CASE WHEN escalated THEN ${ESCALATED} ELSE 0 END + CASE WHEN reopen_count > 0 THEN ${REOPENED} ELSE 0 END
  + CASE WHEN resolved_at IS NOT NULL OR reopen_count > 0 THEN ${EVER} ELSE 0 END
  + CASE WHEN status IN ('open', 'pending') THEN ${ACTIVE} ELSE 0 END`;

/** One row per ticket opened in [$1, $2): dimension key, day number, durations, flags (by tickets_by_created). */
const FACTS = `SELECT tier || chr(31) || platform || chr(31) || category || chr(31) || priority || chr(31) || COALESCE(assignee_id, ''),
    created_at / ${DAY}, first_response_at - created_at, resolved_at - created_at, ${FLAGS}
  FROM tickets t WHERE created_at >= $1 AND created_at < $2`;

type FactRow = [key: string, day: number, fr: number | null, rs: number | null, flags: number];

const dimsOf = (key: string) => {
  const [tier = '', platform = '', category = '', priority = '', agent = ''] = key.split('\u001f');
  return { tier, platform, category, priority, agent: agent === '' ? null : agent };
};

/**
 * AnalyticsStore.ticketFacts on PostgreSQL, straight from the tickets: one statement computes each ticket's flags
 * and durations, and the shared accumulator sums them per dimension key and day, exactly as the SQLite store does.
 * `range` and `now` must be whole milliseconds (the caller rounds them up).
 */
export async function queryPostgresTicketFacts(pool: pg.Pool, range: TimeRange, now: Millis): Promise<TicketFacts> {
  const { rows } = await pool.query<FactRow>({ text: FACTS, values: [range.from, range.to, now], rowMode: 'array' });
  const facts = createTicketFactsAccumulator<string>();
  for (const [key, day, fr, rs, flags] of rows) {
    facts.add(key, () => dimsOf(key), {
      day: day * DAY,
      firstResponseMs: fr,
      resolutionMs: rs,
      hit: flags & HIT ? 1 : 0,
      missed: flags & MISSED ? 1 : 0,
      fcr: flags & FCR ? 1 : 0,
      escalated: flags & ESCALATED ? 1 : 0,
      reopened: flags & REOPENED ? 1 : 0,
      everResolved: flags & EVER ? 1 : 0,
      active: flags & ACTIVE ? 1 : 0,
    });
  }
  return facts.result();
}
