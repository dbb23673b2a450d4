import type Database from 'better-sqlite3';
import { DEFAULT_DUE_SOON_MS, searchPageSize, searchWords } from '../core/engine/search-words.js';
import type { TicketSearch, TicketSearchPage, TicketSearchQuery } from '../core/ports/ticket-search.js';
import type { SqliteDatabase } from './open-database.js';
import { ticketFromRow } from './ticket-rows.js';
import type { TicketRow } from './ticket-rows.js';

/** Conditions on the tickets row `t`, with their parameters in order. */
interface Conditions {
  sql: string[];
  params: unknown[];
}

/** The highest keyset bound that keeps `bound * 2^32` (the search index's rowid) an integer. */
const MAX_BEFORE = 2 ** 31;

/** The ticket filters of a query (not its words or SLA condition), as SQL on `t`. */
function sqliteTicketConditions(query: TicketSearchQuery): Conditions {
  const sql: string[] = [];
  const params: unknown[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    sql.push(values.length === 1 ? `t.${column} = ?` : `t.${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  anyOf('status', query.statuses);
  anyOf('tier', query.tiers);
  anyOf('priority', query.priorities);
  anyOf('platform', query.platforms);
  if (query.assigneeId === null) sql.push('t.assignee_id IS NULL');
  else if (query.assigneeId !== undefined) {
    sql.push('t.assignee_id = ?');
    params.push(query.assigneeId);
  }
  if (query.customerId !== undefined) {
    sql.push('t.customer_id = ?');
    params.push(query.customerId);
  }
  return { sql, params };
}

/** The SLA condition on `t`: some clock of the ticket is breached, or due soon, at `now`. */
function slaCondition(query: TicketSearchQuery, dueSoonMs: number): Conditions {
  return query.sla === 'breached'
    ? {
        sql: [
          "EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND (s.state = 'missed' OR (s.state = 'active' AND s.due_at <= ?)))",
        ],
        params: [query.now],
      }
    : {
        sql: [
          "EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND s.state = 'active' AND s.due_at > ? AND s.due_at <= ?)",
        ],
        params: [query.now, query.now + dueSoonMs],
      };
}

const where = (conditions: readonly string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

/** Up to `wanted` distinct tickets of rows that come newest first (one ticket's rows together). */
function distinctTickets(rows: Iterable<TicketRow>, wanted: number): TicketRow[] {
  const found: TicketRow[] = [];
  for (const row of rows) {
    if (found.at(-1)?.id === row.id) continue;
    found.push(row);
    if (found.length === wanted) break;
  }
  return found;
}

/** Ticket ids of several streams that each come newest first, merged newest first without repeats. */
function* mergeDescending(streams: Iterator<number>[]): Generator<number> {
  const heads = streams.map((s) => s.next());
  let previous = Number.POSITIVE_INFINITY;
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i] as IteratorResult<number>;
      if (!h.done && (best < 0 || h.value > (heads[best] as IteratorYieldResult<number>).value)) best = i;
    }
    if (best < 0) return;
    const id = (heads[best] as IteratorYieldResult<number>).value;
    heads[best] = (streams[best] as Iterator<number>).next();
    if (id < previous) yield id;
    previous = Math.min(previous, id);
  }
}

/**
 * The web desk's ticket list on SQLite. Each query walks its tickets newest first and stops at a page (plus one, to
 * know whether there is a next page), driven by what narrows it most:
 * - words: the FTS5 index of migration 013 (`rowid >> 32` is the ticket), newest entry first; every other filter is
 *   checked on each ticket it yields, so a common word costs about a page of entries, not all its matches;
 * - SLA, without words: the clocks, missed ones by the partial index sla_timers_missed and running ones due (or due
 *   soon) by sla_timers_by_state, merged newest ticket first;
 * - otherwise the tickets themselves (`id < before` ORDER BY id DESC), by whichever index SQLite's planner picks.
 * Everything of one search reads one snapshot (a read transaction).
 */
export function createSqliteTicketSearch(db: SqliteDatabase): TicketSearch {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  function byWords(query: TicketSearchQuery, words: readonly string[], before: number | null, wanted: number) {
    const match = words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
    const filters = sqliteTicketConditions(query);
    const sla = query.sla ? slaCondition(query, query.dueSoonMs ?? DEFAULT_DUE_SOON_MS) : { sql: [], params: [] };
    const conditions = [
      'ticket_search MATCH ?',
      ...(before === null ? [] : ['ticket_search.rowid < ? * 4294967296']),
      ...filters.sql,
      ...sla.sql,
    ];
    const statement = prepare(
      `SELECT t.* FROM ticket_search CROSS JOIN tickets t ON t.id = ticket_search.rowid >> 32 ${where(conditions)} ORDER BY ticket_search.rowid DESC`,
    );
    const params = [match, ...(before === null ? [] : [before]), ...filters.params, ...sla.params];
    return distinctTickets(statement.iterate(...params) as IterableIterator<TicketRow>, wanted);
  }

  function bySla(query: TicketSearchQuery, before: number | null, wanted: number) {
    const bound = before === null ? '' : ' AND ticket_id < ?';
    const bounded = (...params: unknown[]) => (before === null ? params : [...params, before]);
    const ids = (sql: string, params: unknown[]) =>
      (
        prepare(sql)
          .pluck()
          .iterate(...params) as IterableIterator<number>
      )[Symbol.iterator]();
    const dueSoonMs = query.dueSoonMs ?? DEFAULT_DUE_SOON_MS;
    const streams =
      query.sla === 'breached'
        ? [
            ids(`SELECT ticket_id FROM sla_timers WHERE state = 'missed'${bound} ORDER BY ticket_id DESC`, bounded()),
            ids(
              `SELECT DISTINCT ticket_id FROM sla_timers WHERE state = 'active' AND due_at <= ?${bound} ORDER BY ticket_id DESC`,
              bounded(query.now),
            ),
          ]
        : [
            ids(
              `SELECT DISTINCT ticket_id FROM sla_timers WHERE state = 'active' AND due_at > ? AND due_at <= ?${bound} ORDER BY ticket_id DESC`,
              bounded(query.now, query.now + dueSoonMs),
            ),
          ];
    const filters = sqliteTicketConditions(query);
    const ticket = prepare(`SELECT t.* FROM tickets t ${where(['t.id = ?', ...filters.sql])}`);
    const found: TicketRow[] = [];
    try {
      for (const id of mergeDescending(streams)) {
        const row = ticket.get(id, ...filters.params) as TicketRow | undefined;
        if (row) found.push(row);
        if (found.length === wanted) break;
      }
    } finally {
      for (const s of streams) s.return?.();
    }
    return found;
  }

  function byFilters(query: TicketSearchQuery, before: number | null, wanted: number) {
    const filters = sqliteTicketConditions(query);
    const conditions = [...(before === null ? [] : ['t.id < ?']), ...filters.sql];
    const statement = prepare(`SELECT t.* FROM tickets t ${where(conditions)} ORDER BY t.id DESC LIMIT ?`);
    return statement.all(...(before === null ? [] : [before]), ...filters.params, wanted) as TicketRow[];
  }

  const search = db.transaction((query: TicketSearchQuery): TicketSearchPage => {
    const limit = searchPageSize(query.limit);
    const words = searchWords(query.text ?? '');
    const before =
      query.before === undefined || Number.isNaN(query.before) ? null : Math.min(Math.ceil(query.before), MAX_BEFORE);
    if (before !== null && before <= 1) return { tickets: [], next: null };
    const rows = words.length
      ? byWords(query, words, before, limit + 1)
      : query.sla
        ? bySla(query, before, limit + 1)
        : byFilters(query, before, limit + 1);
    const tickets = rows.slice(0, limit).map(ticketFromRow);
    return { tickets, next: rows.length > limit ? (tickets.at(-1)?.id ?? null) : null };
  });

  return {
    async searchTickets(query) {
      return search(query);
    },
  };
}
