import { DEFAULT_DUE_SOON_MS, searchPageSize, searchWords } from '../core/engine/search-words.js';
import type { TicketSearch, TicketSearchQuery } from '../core/ports/ticket-search.js';
import type { PostgresDatabase } from './open-postgres.js';
import { ticketFromRow } from './ticket-rows.js';
import type { TicketRow } from './ticket-rows.js';

/** The indexed expression of migration 003, word for word (else the planner cannot use its GIN index). */
const TEXT_VECTOR = (column: string) =>
  `to_tsvector('simple', regexp_replace(left(${column}, 100000), '[^[:alnum:]]+', ' ', 'g'))`;

/**
 * Above this many matching subjects or messages, a search walks the tickets newest first and checks the words on
 * each, instead of collecting every match from the GIN indexes first (GIN returns matches in no useful order, so
 * collecting costs a heap visit per match; walking costs a check per ticket and stops at a page).
 */
export const POSTGRES_COLLECT_LIMIT = 5_000;

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
  if (query.sla === 'breached')
    c.add(
      `EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND (s.state = 'missed' OR (s.state = 'active' AND s.due_at <= ${c.param(query.now, '::bigint')})))`,
    );
  else if (query.sla === 'due-soon')
    c.add(
      `EXISTS (SELECT 1 FROM sla_timers s WHERE s.ticket_id = t.id AND s.state = 'active' AND s.due_at > ${c.param(query.now, '::bigint')} AND s.due_at <= ${c.param(query.now + (query.dueSoonMs ?? DEFAULT_DUE_SOON_MS), '::bigint')})`,
    );
}

/** tsquery text of the words: each a lexeme (letters and digits only, so no syntax), the last also a prefix. */
const tsquery = (words: readonly string[]) =>
  words.map((w, i) => `'${w}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');

/**
 * The web desk's ticket list on PostgreSQL. Without words: one statement, tickets newest first by whichever index the
 * planner picks (the SLA condition an EXISTS on the clocks). With words, two ways, tried in this order:
 * - collect: the subjects and messages that match, from the GIN indexes of migration 003, at most
 *   POSTGRES_COLLECT_LIMIT of each; when neither reached the limit they are every match, and the page is the newest
 *   of their tickets that pass the filters;
 * - walk (a common word): the tickets that pass the filters, newest first, each checked for the words in its subject
 *   or one of its messages, until a page is full.
 * Statements are named prepared statements (the pool names every parameterised one, see open-postgres.ts).
 * `collectLimit` (default POSTGRES_COLLECT_LIMIT) is for tests: 0 makes every search with words walk.
 */
export function createPostgresTicketSearch(
  db: PostgresDatabase,
  options: { collectLimit?: number | undefined } = {},
): TicketSearch {
  const { pool } = db;
  const collectLimit = options.collectLimit ?? POSTGRES_COLLECT_LIMIT;

  async function collect(query: TicketSearchQuery, words: readonly string[], before: number | null, wanted: number) {
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
    const { rows } = await pool.query<TicketRow & { hits_in_messages: number; hits_in_subjects: number }>(
      sql,
      c.params,
    );
    const first = rows[0];
    if (!first || first.hits_in_messages >= collectLimit || first.hits_in_subjects >= collectLimit) return null;
    return rows.filter((r) => r.id !== null);
  }

  async function walk(query: TicketSearchQuery, words: readonly string[], before: number | null, wanted: number) {
    const c = new Conditions();
    ticketConditions(c, query, before);
    const q = `to_tsquery('simple', ${c.param(tsquery(words))})`;
    // Computing a text's tsvector costs ~50 µs (PostgreSQL's parser and the regexp), a substring test ~1 µs: only a
    // text that holds every word as a substring (a word of it always is one) is parsed. Cheaper conditions first.
    const has = (column: string) =>
      [...words.map((w) => `strpos(lower(${column}), ${c.param(w)}) > 0`), `${TEXT_VECTOR(column)} @@ ${q}`].join(
        ' AND ',
      );
    c.add(
      `((${has('t.subject')}) OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = t.id AND ${has('m.text')}))`,
    );
    const sql = `SELECT t.* FROM tickets t ${c.where()} ORDER BY t.id DESC LIMIT ${c.param(wanted)}`;
    return (await pool.query<TicketRow>(sql, c.params)).rows;
  }

  async function byFilters(query: TicketSearchQuery, before: number | null, wanted: number) {
    const c = new Conditions();
    ticketConditions(c, query, before);
    const sql = `SELECT t.* FROM tickets t ${c.where()} ORDER BY t.id DESC LIMIT ${c.param(wanted)}`;
    return (await pool.query<TicketRow>(sql, c.params)).rows;
  }

  return {
    async searchTickets(query) {
      const limit = searchPageSize(query.limit);
      const words = searchWords(query.text ?? '');
      const before =
        query.before === undefined || Number.isNaN(query.before) ? null : Math.min(Math.ceil(query.before), 2 ** 53);
      if (before !== null && before <= 1) return { tickets: [], next: null };
      const rows = words.length
        ? ((await collect(query, words, before, limit + 1)) ?? (await walk(query, words, before, limit + 1)))
        : await byFilters(query, before, limit + 1);
      const tickets = rows.slice(0, limit).map(ticketFromRow);
      return { tickets, next: rows.length > limit ? (tickets.at(-1)?.id ?? null) : null };
    },
  };
}
