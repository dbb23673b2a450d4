import { DEFAULT_DUE_SOON_MS, searchPageSize, searchWords } from '../core/engine/search-words.js';
import type { TicketSearch, TicketSearchQuery } from '../core/ports/ticket-search.js';
import type pg from 'pg';
import type { PostgresDatabase } from './open-postgres.js';
import type { PostgresQueryable } from './postgres-ticket-reads.js';
import { ticketFromRow } from './ticket-rows.js';
import type { TicketRow } from './ticket-rows.js';

/** The indexed expression of migration 003, word for word (else the planner cannot use its GIN index). */
const TEXT_VECTOR = (column: string) =>
  `to_tsvector('simple', regexp_replace(left(${column}, 100000), '[^[:alnum:]]+', ' ', 'g'))`;

/** A search with words first checks this many of the newest tickets that pass its filters, one by one. */
export const POSTGRES_SEARCH_WINDOW = 1_000;
/** Past the window, matches are collected from the GIN indexes when there are fewer than this many of each kind. */
export const POSTGRES_COLLECT_LIMIT = 5_000;

export interface PostgresTicketSearchOptions {
  /** Default POSTGRES_SEARCH_WINDOW; for tests. */
  window?: number | undefined;
  /** Default POSTGRES_COLLECT_LIMIT; for tests (0: never collect). */
  collectLimit?: number | undefined;
}

/** SQL conditions with numbered parameters ($1, $2… in push order). */
class Conditions {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];
  /** The placeholder of a new parameter. */
  param(value: unknown, cast = ''): string {
    this.params.push(value);
    return `$${this.params.length}${cast}`;
  }
  add(sql: string): void {
    this.sql.push(sql);
  }
  where(): string {
    return this.sql.length ? `WHERE ${this.sql.join(' AND ')}` : '';
  }
}

/** The filters of a query on the tickets row `t`: the keyset bound (unless null), the ticket fields, the SLA condition. */
function ticketConditions(c: Conditions, query: TicketSearchQuery, before: number | null): void {
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    c.add(
      values.length === 1 ? `t.${column} = ${c.param(values[0])}` : `t.${column} = ANY(${c.param(values)}::text[])`,
    );
  };
  if (before !== null) c.add(`t.id < ${c.param(before, '::bigint')}`);
  anyOf('status', query.statuses);
  anyOf('tier', query.tiers);
  anyOf('priority', query.priorities);
  anyOf('platform', query.platforms);
  if (query.assigneeId === null) c.add('t.assignee_id IS NULL');
  else if (query.assigneeId !== undefined) c.add(`t.assignee_id = ${c.param(query.assigneeId)}`);
  if (query.customerId !== undefined) c.add(`t.customer_id = ${c.param(query.customerId)}`);
  const now = () => c.param(query.now, '::bigint');
  if (query.sla === 'breached')
    c.add(
      `EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND (s.state = 'missed' OR (s.state = 'active' AND s.due_at <= ${now()})))`,
    );
  else if (query.sla === 'due-soon')
    c.add(
      `EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND s.state = 'active' AND s.due_at > ${now()} AND s.due_at <= ${c.param(query.now + (query.dueSoonMs ?? DEFAULT_DUE_SOON_MS), '::bigint')})`,
    );
}

/**
 * Every search statement is sent unnamed (a query config, which the pool's statement naming leaves alone), so it is
 * planned with its values each time. Named, PostgreSQL switches to a generic plan after five runs, and without the
 * values that plan walks the primary key backwards hoping to meet the filters early: a search for a common word among
 * open white-glove critical tickets went from 5 ms to 0.3-0.8 s on 1,000,000 tickets (npm run bench). Planning
 * afresh costs a few hundred microseconds; the list is read by people, not by the hot path.
 */
const unnamed = <R extends pg.QueryResultRow>(on: PostgresQueryable, text: string, values: unknown[]) =>
  on.query<R>({ text, values });

/** tsquery text of the words: each a lexeme (letters and digits only, so no syntax), the last also a prefix. */
const tsquery = (words: readonly string[]) =>
  words.map((w, i) => `'${w}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');

/**
 * The web desk's ticket list on PostgreSQL. Without words: one statement, the tickets that pass the filters newest
 * first, by whichever index the planner picks (the SLA condition is an EXISTS on the clocks). With words, GIN returns
 * matches in no useful order, and parsing a text to check it costs ~50 µs, so a search goes in up to three steps,
 * each only when the one before could not fill the page:
 * 1. walk the window: the newest POSTGRES_SEARCH_WINDOW tickets that pass the filters, newest first, each checked
 *    for the words in its subject or one of its messages (a substring test first, then the parse), until the page
 *    is full: a common word ends here;
 * 2. collect: below the window, the subjects and messages that match, from the GIN indexes of migration 003, at
 *    most POSTGRES_COLLECT_LIMIT of each; under the limit they are every match, and the page is the newest of their
 *    tickets that pass the filters: a rare word ends here;
 * 3. walk on below the window without a bound (a word too common to collect, yet rare among the filtered tickets).
 * Statements are sent unnamed, so each is planned with its values (see `unnamed`).
 */
export function createPostgresTicketSearch(
  db: PostgresDatabase,
  options: PostgresTicketSearchOptions = {},
): TicketSearch {
  const { pool } = db;
  const window = options.window ?? POSTGRES_SEARCH_WINDOW;
  const collectLimit = options.collectLimit ?? POSTGRES_COLLECT_LIMIT;

  /** Steps 1 and 3: the tickets that pass the filters, newest first (the first `bound` only, unless null), checked. */
  async function walk(
    on: PostgresQueryable,
    query: TicketSearchQuery,
    words: readonly string[],
    before: number | null,
    wanted: number,
    bound: number | null,
  ) {
    const c = new Conditions();
    ticketConditions(c, query, before);
    const candidates = `SELECT t.* FROM tickets t ${c.where()} ORDER BY t.id DESC${bound === null ? '' : ` LIMIT ${c.param(bound)}`}`;
    const q = `to_tsquery('simple', ${c.param(tsquery(words))})`;
    const substrings = words.map((w) => c.param(w));
    const has = (column: string) =>
      [...substrings.map((w) => `strpos(lower(${column}), ${w}) > 0`), `${TEXT_VECTOR(column)} @@ ${q}`].join(' AND ');
    // A scalar subquery, not EXISTS: the planner would turn an EXISTS into a hash of every matching message.
    const sql = `SELECT t.* FROM (${candidates}) t
      WHERE (${has('t.subject')}) OR (SELECT true FROM ticket_messages m WHERE m.ticket_id = t.id AND ${has('m.text')} LIMIT 1)
      ORDER BY t.id DESC LIMIT ${c.param(wanted)}`;
    return (await unnamed<TicketRow>(on, sql, c.params)).rows;
  }

  /** Where the window ends: its lowest ticket id, or null when it holds every ticket that passes the filters. */
  async function windowEnd(on: PostgresQueryable, query: TicketSearchQuery, before: number | null) {
    const c = new Conditions();
    ticketConditions(c, query, before);
    const sql = `SELECT count(*) AS n, min(id) AS lowest FROM (SELECT t.id FROM tickets t ${c.where()} ORDER BY t.id DESC LIMIT ${c.param(window)}) w`;
    const row = (await unnamed<{ n: number; lowest: number | null }>(on, sql, c.params)).rows[0];
    return row && row.n >= window ? row.lowest : null;
  }

  /** Step 2: null when a kind of match reached the collect limit (then they are not every match). */
  async function collect(
    on: PostgresQueryable,
    query: TicketSearchQuery,
    words: readonly string[],
    before: number | null,
    wanted: number,
  ) {
    const c = new Conditions();
    const q = `to_tsquery('simple', ${c.param(tsquery(words))})`;
    const cap = c.param(collectLimit, '::bigint');
    const b = before === null ? null : c.param(before, '::bigint');
    c.add('t.id IN (SELECT id FROM m UNION SELECT id FROM s)');
    ticketConditions(c, query, null);
    // `found` is planned on its own, driven by the few collected ids (left to one plan with the LIMIT, the planner
    // would rather walk the whole primary key backwards, hoping to meet them early).
    const sql = `WITH
      m AS MATERIALIZED (SELECT ticket_id AS id FROM ticket_messages
        WHERE ${TEXT_VECTOR('text')} @@ ${q}${b ? ` AND ticket_id < ${b}` : ''} LIMIT ${cap}),
      s AS MATERIALIZED (SELECT id FROM tickets WHERE ${TEXT_VECTOR('subject')} @@ ${q}${b ? ` AND id < ${b}` : ''} LIMIT ${cap}),
      found AS MATERIALIZED (SELECT t.* FROM tickets t ${c.where()})
      SELECT (SELECT count(*) FROM m) AS hits_in_messages, (SELECT count(*) FROM s) AS hits_in_subjects, f.*
      FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT * FROM found ORDER BY id DESC LIMIT ${c.param(wanted)}) f ON true`;
    const { rows } = await unnamed<TicketRow & { hits_in_messages: number; hits_in_subjects: number }>(
      on,
      sql,
      c.params,
    );
    const first = rows[0];
    if (!first || first.hits_in_messages >= collectLimit || first.hits_in_subjects >= collectLimit) return null;
    return rows.filter((r) => r.id !== null);
  }

  /** The steps read one snapshot (a read-only REPEATABLE READ transaction), so the window stays where it was. */
  async function byWords(query: TicketSearchQuery, words: readonly string[], before: number | null, wanted: number) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const found = await walk(client, query, words, before, wanted, window);
      const lowest = found.length === wanted ? null : await windowEnd(client, query, before);
      const rest =
        lowest === null
          ? []
          : ((await collect(client, query, words, lowest, wanted - found.length)) ??
            (await walk(client, query, words, lowest, wanted - found.length, null)));
      await client.query('COMMIT');
      return [...found, ...rest];
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async function byFilters(query: TicketSearchQuery, before: number | null, wanted: number) {
    const c = new Conditions();
    ticketConditions(c, query, before);
    const sql = `SELECT t.* FROM tickets t ${c.where()} ORDER BY t.id DESC LIMIT ${c.param(wanted)}`;
    return (await unnamed<TicketRow>(pool, sql, c.params)).rows;
  }

  return {
    async searchTickets(query) {
      const limit = searchPageSize(query.limit);
      const words = searchWords(query.text ?? '');
      const before =
        query.before === undefined || Number.isNaN(query.before) ? null : Math.min(Math.ceil(query.before), 2 ** 53);
      if (before !== null && before <= 1) return { tickets: [], next: null };
      const rows = words.length
        ? await byWords(query, words, before, limit + 1)
        : await byFilters(query, before, limit + 1);
      const tickets = rows.slice(0, limit).map(ticketFromRow);
      return { tickets, next: rows.length > limit ? (tickets.at(-1)?.id ?? null) : null };
    },
  };
}
