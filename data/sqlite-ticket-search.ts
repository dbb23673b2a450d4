import type Database from 'better-sqlite3';
import { DEFAULT_DUE_SOON_MS, searchPageSize, searchWords, textHasWords } from '../core/engine/search-words.js';
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
/** A last word of at most this many characters is a short prefix, which FTS5 answers slowly (see below). */
export const SHORT_PREFIX = 3;
/** With a short last word, a search first checks this many of the newest tickets that pass its filters. */
export const SQLITE_SEARCH_WINDOW = 1_000;
/** Index entries a search examines before it checks the tickets that pass its filters one by one instead. */
export const SQLITE_MATCH_BUDGET = 5_000;

/** The SQLite ticket search, and the step that indexes what the triggers queued (every search does it first). */
export interface SqliteTicketSearch extends TicketSearch {
  /** Index every queued subject and message, in one transaction; returns how many. */
  indexQueued(): number;
}

export interface SqliteTicketSearchOptions {
  /** Default SQLITE_SEARCH_WINDOW; for tests. */
  window?: number | undefined;
  /** Default SQLITE_MATCH_BUDGET; for tests. */
  matchBudget?: number | undefined;
}

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
 * - words: the FTS5 index of migration 013 (`rowid >> 32` is the ticket), newest entry first, the filters checked on
 *   each ticket it yields, so a common word costs about a page of entries, not all its matches. Two cases walk the
 *   tickets that pass the filters instead, newest first, reading each one's subject and messages (`textHasWords`,
 *   the in-memory fake's reading, which splits and folds words as FTS5's unicode61 tokenizer does for the letters
 *   and digits people type): a last word of 1 to 3 characters first tries the newest SQLITE_SEARCH_WINDOW of them (FTS5 would merge
 *   the lists of every indexed word it starts, for `t` nearly the whole index: 0.8 s on 1M tickets); and past
 *   SQLITE_MATCH_BUDGET entries without a full page (a common word, and filters few of its tickets pass) the rest;
 * - SLA, without words: the clocks, missed ones by the partial index sla_timers_missed and running ones due (or due
 *   soon) by sla_timers_by_state, merged newest ticket first;
 * - otherwise the tickets themselves (`id < before` ORDER BY id DESC), by whichever index SQLite's planner picks.
 * Everything of one search reads one snapshot (a read transaction). Before it, the search indexes the subjects and
 * messages the triggers of migration 013 queued since the last time (`indexQueued`), so it sees every row.
 */
export function createSqliteTicketSearch(
  db: SqliteDatabase,
  options: SqliteTicketSearchOptions = {},
): SqliteTicketSearch {
  const window = options.window ?? SQLITE_SEARCH_WINDOW;
  const matchBudget = options.matchBudget ?? SQLITE_MATCH_BUDGET;
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  /** Filters and SLA condition together, on `t`. */
  const conditionsOf = (query: TicketSearchQuery): Conditions => {
    const filters = sqliteTicketConditions(query);
    const sla = query.sla ? slaCondition(query, query.dueSoonMs ?? DEFAULT_DUE_SOON_MS) : { sql: [], params: [] };
    return { sql: [...filters.sql, ...sla.sql], params: [...filters.params, ...sla.params] };
  };
  const texts = () => prepare('SELECT text FROM ticket_messages WHERE ticket_id = ?').pluck();

  /**
   * The tickets that pass the filters, newest first, each read for the words; at most `bound` of them (unless null).
   * `lowest`: the last ticket read when the bound stopped the walk (null when nothing is left below).
   */
  function walk(
    query: TicketSearchQuery,
    words: readonly string[],
    before: number | null,
    wanted: number,
    bound: number | null,
  ) {
    const c = conditionsOf(query);
    const conditions = [...(before === null ? [] : ['t.id < ?']), ...c.sql];
    const statement = prepare(
      `SELECT t.* FROM tickets t ${where(conditions)} ORDER BY t.id DESC${bound === null ? '' : ' LIMIT ?'}`,
    );
    const params = [...(before === null ? [] : [before]), ...c.params, ...(bound === null ? [] : [bound])];
    const messages = texts();
    const rows: TicketRow[] = [];
    let read = 0;
    let last: number | null = null;
    for (const row of statement.iterate(...params) as IterableIterator<TicketRow>) {
      read++;
      last = row.id;
      if (textHasWords(row.subject, words) || (messages.all(row.id) as string[]).some((t) => textHasWords(t, words)))
        rows.push(row);
      if (rows.length === wanted) break;
    }
    return { rows, lowest: bound !== null && read === bound && rows.length < wanted ? last : null };
  }

  /**
   * The index's matches newest first, each ticket's filters checked in the same statement; at most `budget` entries.
   * `stoppedAt`: the ticket the budget stopped at (decided: its filters were checked at its first entry), else null.
   */
  function byIndex(query: TicketSearchQuery, words: readonly string[], before: number | null, wanted: number) {
    const match = words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
    const c = conditionsOf(query);
    // One number per entry, its ticket id * 2 + whether the ticket passes the filters: no row object to build.
    const statement = prepare(
      `SELECT (ticket_search.rowid >> 32) * 2 + ${c.sql.length ? `(${c.sql.join(' AND ')})` : '1'}
       FROM ticket_search CROSS JOIN tickets t ON t.id = ticket_search.rowid >> 32
       WHERE ticket_search MATCH ?${before === null ? '' : ' AND ticket_search.rowid < ? * 4294967296'}
       ORDER BY ticket_search.rowid DESC`,
    ).pluck();
    const ticket = prepare('SELECT * FROM tickets WHERE id = ?');
    const params = [...c.params, match, ...(before === null ? [] : [before])];
    const rows: TicketRow[] = [];
    let examined = 0;
    let previous: number | null = null;
    for (const entry of statement.iterate(...params) as IterableIterator<number>) {
      const id = Math.floor(entry / 2);
      if (id !== previous && entry % 2) rows.push(ticket.get(id) as TicketRow);
      previous = id;
      if (rows.length === wanted) break;
      if (++examined === matchBudget) return { rows, stoppedAt: id };
    }
    return { rows, stoppedAt: null };
  }

  function byWords(query: TicketSearchQuery, words: readonly string[], before: number | null, wanted: number) {
    const rows: TicketRow[] = [];
    let below = before;
    if (Array.from(words.at(-1) ?? '').length <= SHORT_PREFIX) {
      const first = walk(query, words, below, wanted, window);
      rows.push(...first.rows);
      if (rows.length === wanted || first.lowest === null) return rows;
      below = first.lowest;
    }
    const indexed = byIndex(query, words, below, wanted - rows.length);
    rows.push(...indexed.rows);
    if (rows.length === wanted || indexed.stoppedAt === null) return rows;
    rows.push(...walk(query, words, indexed.stoppedAt, wanted - rows.length, null).rows);
    return rows;
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

  const queued = db.prepare('SELECT 1 FROM ticket_search_queue LIMIT 1').pluck();
  const indexQueue = db.prepare(`INSERT INTO ticket_search (rowid, text)
    SELECT entry, substr(text, 1, 100000) FROM (
      SELECT q.entry, CASE WHEN q.message_id IS NULL THEN t.subject ELSE m.text END AS text
      FROM ticket_search_queue q
      LEFT JOIN tickets t ON q.message_id IS NULL AND t.id = q.entry >> 32
      LEFT JOIN ticket_messages m ON m.id = q.message_id)
    WHERE text IS NOT NULL ORDER BY entry`);
  const clearQueue = db.prepare('DELETE FROM ticket_search_queue');
  const indexQueued = db.transaction((): number => {
    if (queued.get() === undefined) return 0;
    indexQueue.run();
    return clearQueue.run().changes;
  });

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
    indexQueued: () => indexQueued(),
    async searchTickets(query) {
      if (query.text && queued.get() !== undefined) indexQueued();
      return search(query);
    },
  };
}
