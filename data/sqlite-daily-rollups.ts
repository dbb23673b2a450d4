import type { DailyRatingRow, RatingGroupRow, TicketFacts, TimeRange } from '../core/ports/analytics-store.js';
import type { SqliteDatabase } from './open-database.js';
import { createTicketFactsAccumulator } from './ticket-facts-accumulator.js';

const DAY = 86_400_000;
/** Resolved with exactly one staff reply (the inner LIMIT stops counting at two). */
const FCR = `(resolved_at IS NOT NULL AND (SELECT COUNT(*) FROM (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = t.id AND m.role = 'staff' LIMIT 2)) = 1)`;
const FLAGS = `(first_response_due_at IS NOT NULL AND first_response_at IS NOT NULL AND first_response_at <= first_response_due_at)
  + (first_response_due_at IS NOT NULL AND first_response_at IS NOT NULL AND first_response_at > first_response_due_at) * 2
  + ${FCR} * 4 + (escalated <> 0) * 8 + (reopen_count > 0) * 16 + (resolved_at IS NOT NULL OR reopen_count > 0) * 32
  + (status IN ('open', 'pending')) * 64`;
const HIT = 1;
const LATE = 2;
const FCR_BIT = 4;
const ESCALATED = 8;
const REOPENED = 16;
const EVER = 32;
const ACTIVE = 64;

type Dims = { tier: string; platform: string; category: string; priority: string; agent: string | null };
const FACT_COLUMNS = 6;

const RATING_COLUMNS = 4;
const KINDS = ['csat', 'nps'] as const;

const unpack = (blob: Buffer) =>
  new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));

/** A day's rows as column-major float64 arrays (NaN for NULL). */
function pack(rows: readonly (number | null)[][], columns: number): Buffer {
  const n = rows.length;
  const f = new Float64Array(n * columns);
  rows.forEach((row, i) => {
    for (let c = 0; c < columns; c++) f[c * n + i] = row[c] ?? Number.NaN;
  });
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

/**
 * The daily roll-ups of migration 005: recompute the days the triggers marked dirty, then answer the period queries
 * from the derived tables. Gives exactly what the direct queries over tickets and ratings give.
 */
export function createDailyRollups(db: SqliteDatabase) {
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
        CASE WHEN t.first_response_at IS NULL THEN t.first_response_due_at END, ${FLAGS}
      FROM tickets t INDEXED BY tickets_analytics
      JOIN rollup_dims d ON d.tier = t.tier AND d.platform = t.platform AND d.category = t.category AND d.priority = t.priority AND d.agent = COALESCE(t.assignee_id, '')
      WHERE t.created_at >= @from AND t.created_at < @to`)
      .raw(),
    putFacts: db.prepare('INSERT OR REPLACE INTO ticket_fact_days (day, tickets, facts) VALUES (?, ?, ?)'),
    dropFacts: db.prepare('DELETE FROM ticket_fact_days WHERE day = ?'),
    dayRatings: db
      .prepare(`SELECT d.id, r.kind = 'nps', r.score, COUNT(*) FROM ratings r JOIN tickets t ON t.id = r.ticket_id
      JOIN rollup_dims d ON d.tier = t.tier AND d.platform = t.platform AND d.category = t.category AND d.priority = t.priority AND d.agent = COALESCE(t.assignee_id, '')
      WHERE r.at >= @from AND r.at < @to GROUP BY 1, 2, 3`)
      .raw(),
    putRatings: db.prepare('INSERT OR REPLACE INTO rating_fact_days (day, groups, facts) VALUES (?, ?, ?)'),
    dropRatings: db.prepare('DELETE FROM rating_fact_days WHERE day = ?'),
    dims: db
      .prepare('SELECT id, tier, platform, category, priority, agent FROM rollup_dims WHERE id > ? ORDER BY id')
      .raw(),
    facts: db.prepare('SELECT tickets, facts FROM ticket_fact_days WHERE day >= ? AND day < ? ORDER BY day').raw(),
    ratingDays: db
      .prepare('SELECT day, groups, facts FROM rating_fact_days WHERE day >= ? AND day < ? ORDER BY day')
      .raw(),
    ratingEdge: db
      .prepare(`SELECT t.tier, t.platform, t.category, t.priority, t.assignee_id, r.kind, r.score, COUNT(*) FROM ratings r JOIN tickets t ON t.id = r.ticket_id
      WHERE r.at >= ? AND r.at < ? GROUP BY 1, 2, 3, 4, 5, 6, 7`)
      .raw(),
    ratingEdgeDaily: db
      .prepare(
        `SELECT (at / ${DAY}) * ${DAY}, kind, score, COUNT(*) FROM ratings WHERE at >= ? AND at < ? GROUP BY 1, 2, 3`,
      )
      .raw(),
  };

  const dims: Dims[] = [];
  const ids = new Map<string, number>();
  const dimsKey = (k: Dims) =>
    `${k.tier}\u001f${k.platform}\u001f${k.category}\u001f${k.priority}\u001f${k.agent ?? ''}`;
  const loadDims = () => {
    for (const [id, tier, platform, category, priority, agent] of q.dims.all(dims.length - 1) as [
      number,
      string,
      string,
      string,
      string,
      string,
    ][]) {
      const k = { tier, platform, category, priority, agent: agent === '' ? null : agent };
      dims[id] = k;
      ids.set(dimsKey(k), id);
    }
  };
  /** The id of a dimension key, if it has one yet. */
  const dimsId = (k: Dims): number | undefined => {
    const key = dimsKey(k);
    if (!ids.has(key)) loadDims();
    return ids.get(key);
  };
  const dim = (id: number): Dims => {
    if (dims[id] === undefined) loadDims();
    return dims[id] as Dims;
  };

  /** Recompute every dirty day; returns how many. One write transaction, so a concurrent writer waits or is waited for. */
  const refreshTx = db.transaction(() => {
    const days = q.dirty.all() as ['tickets' | 'ratings', number][];
    for (const [kind, day] of days) {
      const range = { from: day * DAY, to: (day + 1) * DAY };
      if (kind === 'tickets') {
        q.addDims.run(range);
        const rows = q.dayFacts.all(range) as (number | null)[][];
        if (rows.length === 0) q.dropFacts.run(day);
        else q.putFacts.run(day, rows.length, pack(rows, FACT_COLUMNS));
      } else {
        q.addRatingDims.run(range);
        const rows = q.dayRatings.all(range) as number[][];
        if (rows.length === 0) q.dropRatings.run(day);
        else q.putRatings.run(day, rows.length, pack(rows, RATING_COLUMNS));
      }
      q.clean.run(kind, day);
    }
    return days.length;
  });
  const refresh = (): number => (q.anyDirty.get() === undefined ? 0 : refreshTx.immediate());

  /** Whole days inside [from, to): days d with d*DAY >= from and (d+1)*DAY <= to, and the partial ranges around them. */
  function split(r: TimeRange): { firstDay: number; endDay: number; edges: TimeRange[] } {
    const firstDay = Math.ceil(r.from / DAY);
    const endDay = Math.floor(r.to / DAY);
    if (endDay <= firstDay) return { firstDay: 0, endDay: 0, edges: r.to > r.from ? [r] : [] };
    const edges: TimeRange[] = [];
    if (r.from < firstDay * DAY) edges.push({ from: r.from, to: firstDay * DAY });
    if (endDay * DAY < r.to) edges.push({ from: endDay * DAY, to: r.to });
    return { firstDay, endDay, edges };
  }

  return {
    refresh,
    ticketFacts(r: TimeRange, now: number): TicketFacts {
      refresh();
      const days = q.facts.all(Math.floor(r.from / DAY), Math.floor((r.to - 1) / DAY) + 1) as [number, Buffer][];
      const facts = createTicketFactsAccumulator<number>();
      for (const [n, blob] of days) {
        const f = unpack(blob);
        for (let i = 0; i < n; i++) {
          const createdAt = f[i] as number;
          if (createdAt < r.from || createdAt >= r.to) continue;
          const dimsId = f[n + i] as number;
          const frv = f[2 * n + i] as number;
          const rsv = f[3 * n + i] as number;
          const duev = f[4 * n + i] as number;
          const flags = f[5 * n + i] as number;
          const due = Number.isNaN(duev) ? null : duev;
          facts.add(dimsId, () => dim(dimsId), {
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
    },
    ratingGroups(r: TimeRange): RatingGroupRow[] {
      refresh();
      const { firstDay, endDay, edges } = split(r);
      // Whole days: summed per (dims id, kind) and score from the packed days.
      const byDims = new Map<number, Map<number, RatingGroupRow>>();
      const addById = (dimsId: number, kind: 0 | 1, score: number, count: number) => {
        const key = dimsId * 2 + kind;
        let scores = byDims.get(key);
        if (!scores) {
          scores = new Map();
          byDims.set(key, scores);
        }
        const row = scores.get(score);
        if (row) row.count += count;
        else {
          const k = dim(dimsId);
          scores.set(score, {
            tier: k.tier,
            platform: k.platform,
            category: k.category,
            priority: k.priority,
            agent: k.agent,
            kind: KINDS[kind],
            score,
            count,
          });
        }
      };
      if (endDay > firstDay) {
        for (const [, n, blob] of q.ratingDays.all(firstDay, endDay) as [number, number, Buffer][]) {
          const f = unpack(blob);
          for (let i = 0; i < n; i++)
            addById(f[i] as number, f[n + i] as 0 | 1, f[2 * n + i] as number, f[3 * n + i] as number);
        }
      }
      // Partial edge days straight from the ratings, merged by the dimension values.
      const others = new Map<string, RatingGroupRow>();
      for (const e of edges) {
        for (const [tier, platform, category, priority, agent, kind, score, count] of q.ratingEdge.all(
          e.from,
          e.to,
        ) as [string, string, string, string, string | null, 'csat' | 'nps', number, number][]) {
          const id = dimsId({ tier, platform, category, priority, agent });
          if (id !== undefined) {
            addById(id, kind === 'nps' ? 1 : 0, score, count);
            continue;
          }
          const key = `${tier}\u001f${platform}\u001f${category}\u001f${priority}\u001f${agent ?? ''}\u001f${kind}\u001f${score}`;
          const row = others.get(key);
          if (row) row.count += count;
          else others.set(key, { tier, platform, category, priority, agent, kind, score, count });
        }
      }
      const out: RatingGroupRow[] = [...others.values()];
      for (const scores of byDims.values()) for (const row of scores.values()) out.push(row);
      return out;
    },
    dailyRatings(r: TimeRange): DailyRatingRow[] {
      refresh();
      const { firstDay, endDay, edges } = split(r);
      const out: DailyRatingRow[] = [];
      if (endDay > firstDay) {
        for (const [day, n, blob] of q.ratingDays.all(firstDay, endDay) as [number, number, Buffer][]) {
          const f = unpack(blob);
          const sums = [new Map<number, number>(), new Map<number, number>()] as const;
          for (let i = 0; i < n; i++) {
            const scores = sums[f[n + i] as 0 | 1];
            const score = f[2 * n + i] as number;
            scores.set(score, (scores.get(score) ?? 0) + (f[3 * n + i] as number));
          }
          sums.forEach((scores, kind) => {
            for (const [score, count] of scores)
              out.push({ day: day * DAY, kind: KINDS[kind] as 'csat' | 'nps', score, count });
          });
        }
      }
      // Edge days are partial, so they never share a day with the whole days above.
      for (const e of edges)
        for (const [day, kind, score, count] of q.ratingEdgeDaily.all(e.from, e.to) as [
          number,
          'csat' | 'nps',
          number,
          number,
        ][])
          out.push({ day, kind, score, count });
      return out;
    },
  };
}

/** Recompute every dirty day now (after a bulk load, so the first dashboard query does not pay for it). */
export function refreshDailyRollups(db: SqliteDatabase): number {
  return createDailyRollups(db).refresh();
}
