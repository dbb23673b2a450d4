import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../../core/classifier/seeded-random.js';
import type { TicketSearch, TicketSearchQuery } from '../../core/ports/ticket-search.js';
import { openDatabase } from '../../data/open-database.js';
import type { SqliteDatabase } from '../../data/open-database.js';
import { openPostgres } from '../../data/open-postgres.js';
import type { PostgresDatabase } from '../../data/open-postgres.js';
import { createPostgresTicketSearch } from '../../data/postgres-ticket-search.js';
import { createSqliteTicketSearch } from '../../data/sqlite-ticket-search.js';
import { createTestSchema } from '../../test/support/postgres/test-postgres.js';
import { percentileOfSorted } from '../metrics/percentile.js';

export interface TicketSearchTiming {
  query: string;
  medianMs: number;
  p95Ms: number;
  /** Tickets on the page. */
  found: number;
  /** PostgreSQL: whether its page holds the same tickets as SQLite's (the same rows in both). */
  sameAsSqlite?: boolean;
}

export interface TicketSearchStoreBench {
  fillMs: number;
  /** SQLite: the file; PostgreSQL: tickets, messages and clocks with their indexes. */
  sizeMiB: number;
  /** The search index alone (FTS5's tables; the two GIN indexes). */
  searchIndexMiB: number;
  timings: TicketSearchTiming[];
}

export interface TicketSearchBench {
  tickets: number;
  messages: number;
  words: { common: string; rare: string; prefix: string };
  sqlite: TicketSearchStoreBench;
  postgres: TicketSearchStoreBench | null;
}

const NOW = Date.UTC(2026, 5, 30, 12);
const H = 3_600_000;
const MESSAGE_TEXTS = 200_000;
const SUBJECT_TEXTS = 20_000;
const VOCABULARY = 30_000;
/** The most frequent words first (a Zipf head); the rest of the vocabulary is made of syllables. */
const HEAD = `the to i is it a and not on in my we error with for this after when from can you but our
  webhook login page slack api token deploy update export invoice dashboard timeout failed users working data
  still again please help since version app sync billing account email password reset crash slow issue request
  server build github discord thread channel message reply team plan upgrade sso saml csv report integration
  permission denied config setting limit rate queue job retry backup restore database migration notification`
  .split(/\s+/)
  .filter(Boolean);
const SYLLABLES = 'ka lo mer tin sa vo ri pel dan qua zor bex lu fen gri mo tas vel nor pix'.split(' ');
const TIERS = ['community', 'professional', 'enterprise', 'white-glove'];
const PLATFORMS = ['slack', 'discord', 'github', 'email'];
const MULTIPLIERS = [2654435761, 2246822519, 3266489917, 668265263, 374761393, 2869860233, 1103515245, 1664525];

/** A deterministic hash of an id into 0..m-1, the same in JavaScript and in SQL (`hashSql`). */
const hash = (x: number, k: number, m: number) => Math.floor(((x * (MULTIPLIERS[k] as number)) % 4294967296) / 256) % m;
const hashSql = (x: string, k: number, m: number) => `((${x})::bigint * ${MULTIPLIERS[k]} % 4294967296 / 256 % ${m})`;

/** Word `rank` (1-based) of the vocabulary. */
function word(rank: number): string {
  if (rank <= HEAD.length) return HEAD[rank - 1] as string;
  let n = rank;
  let w = '';
  do {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return w;
}

/** Text pools: messages of 8-20 words and subjects of 3-7, words drawn by Zipf's law (rank = VOCABULARY^u). */
function textPools() {
  const r = seededRandom(24);
  const sentence = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(r() * (max - min + 1)) }, () =>
      word(Math.max(1, Math.floor(VOCABULARY ** r()))),
    ).join(' ');
  const messages = Array.from({ length: MESSAGE_TEXTS }, () => sentence(8, 20));
  const subjects = Array.from({ length: SUBJECT_TEXTS }, () => sentence(3, 7));
  return { messages, subjects };
}

/**
 * A rare word: one that only one or two message texts of the pool hold (each text is used by ~10 messages) and no
 * subject, and that starts no other word (the last word of a search is also a prefix).
 */
function rareWord(pools: { messages: readonly string[]; subjects: readonly string[] }): string {
  const counts = new Map<string, number>();
  for (const m of pools.messages) for (const w of new Set(m.split(' '))) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const m of pools.subjects) for (const w of m.split(' ')) counts.set(w, Number.POSITIVE_INFINITY);
  const sorted = [...counts.keys()].sort();
  for (let i = 0; i < sorted.length; i++) {
    const w = sorted[i] as string;
    if ((counts.get(w) ?? 0) <= 2 && w.length >= 6 && !sorted[i + 1]?.startsWith(w)) return w;
  }
  throw new Error('no rare word');
}

/** Every ticket's fields as a function of its id (`i` below), in JavaScript and SQL alike. */
function ticketOf(i: number, count: number) {
  const recent = i > count - 6_000;
  const u = hash(i, 0, 1000);
  const status = recent
    ? u < 600
      ? 'open'
      : u < 850
        ? 'pending'
        : 'resolved'
    : u < 2
      ? 'open'
      : u < 5
        ? 'pending'
        : u < 300
          ? 'resolved'
          : 'closed';
  const p = hash(i, 2, 100);
  const assignee = hash(i, 4, 20);
  const tier = TIERS[hash(i, 1, 4)] as string;
  return {
    status,
    priority: p < 5 ? 'critical' : p < 25 ? 'high' : p < 70 ? 'medium' : 'low',
    tier,
    platform: PLATFORMS[hash(i, 3, 4)] as string,
    assignee: assignee < 4 ? null : `agent-${assignee - 4}`,
    customer: tier === 'community' ? null : `customer-${hash(i, 5, 300)}`,
    createdAt: NOW - (count - i) * 30_000,
  };
}

/** The first-response clock of ticket `i`: running while open or pending (due 8 h after opening), else hit or missed. */
function clockOf(i: number, status: string): 'active' | 'missed' | 'hit' {
  return status === 'open' || status === 'pending' ? 'active' : hash(i, 7, 100) < 8 ? 'missed' : 'hit';
}

type Pools = ReturnType<typeof textPools>;

/** One transaction of prepared inserts into a fresh file (B-tree indexes built afterwards; the triggers queue FTS5's entries). */
function fillSqlite(db: SqliteDatabase, count: number, pools: Pools): void {
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('tickets', 'ticket_messages', 'sla_timers')",
    )
    .all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const ticket = db.prepare(`INSERT INTO tickets (id, key, status, priority, category, tier, customer_id, requester_id,
    platform, channel_id, conversation_key, subject, assignee_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'bug', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const message = db.prepare(
    'INSERT INTO ticket_messages (id, ticket_id, platform, author_id, role, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const timer = db.prepare(`INSERT INTO sla_timers (ticket_id, kind, state, started_at, due_at, breached_at, stopped_at,
    updated_at) VALUES (?, 'first-response', ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const t = ticketOf(i, count);
      const channel = `C${i % 300}`;
      ticket.run(
        i,
        `SUP-${i}`,
        t.status,
        t.priority,
        t.tier,
        t.customer,
        `user-${i % 5000}`,
        t.platform,
        channel,
        `${t.platform}:${channel}:${i}`,
        pools.subjects[hash(i, 7, SUBJECT_TEXTS)],
        t.assignee,
        t.createdAt,
        t.createdAt,
      );
      for (let j = 0; j < 2; j++) {
        const m = 2 * (i - 1) + j;
        message.run(
          m + 1,
          i,
          t.platform,
          j ? 'agent' : `user-${i % 5000}`,
          j ? 'staff' : 'customer',
          pools.messages[hash(m, 6, MESSAGE_TEXTS)],
          t.createdAt + j * 60_000,
        );
      }
      const state = clockOf(i, t.status);
      const due = t.createdAt + 8 * H;
      timer.run(i, state, t.createdAt, due, state === 'missed' ? due : null, state === 'active' ? null : due, due);
    }
  })();
  for (const i of indexes) db.exec(i.sql);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/** INSERT … SELECT generate_series, the same rows as fillSqlite; the GIN indexes built afterwards. */
async function fillPostgres(db: PostgresDatabase, count: number, pools: Pools): Promise<void> {
  const q = (sql: string, params?: unknown[]) => db.pool.query(sql, params);
  for (const [table, texts] of [
    ['bench_texts', pools.messages],
    ['bench_subjects', pools.subjects],
  ] as const) {
    await q(`CREATE UNLOGGED TABLE ${table} (i INTEGER PRIMARY KEY, text TEXT NOT NULL)`);
    for (let at = 0; at < texts.length; at += 20_000) {
      const slice = texts.slice(at, at + 20_000);
      await q(`INSERT INTO ${table} SELECT * FROM unnest($1::int[], $2::text[])`, [slice.map((_, k) => at + k), slice]);
    }
  }
  const gin = (
    await q("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%gin%'")
  ).rows as { indexname: string; indexdef: string }[];
  for (const i of gin) await q(`DROP INDEX ${i.indexname}`);
  const arr = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(', ')}]`;
  await q(`INSERT INTO tickets (id, key, status, priority, category, tier, customer_id, requester_id, platform, channel_id,
      conversation_key, subject, assignee_id, created_at, updated_at)
    SELECT g, 'SUP-' || g,
      CASE WHEN g > ${count - 6_000} THEN CASE WHEN u < 600 THEN 'open' WHEN u < 850 THEN 'pending' ELSE 'resolved' END
        ELSE CASE WHEN u < 2 THEN 'open' WHEN u < 5 THEN 'pending' WHEN u < 300 THEN 'resolved' ELSE 'closed' END END,
      CASE WHEN p < 5 THEN 'critical' WHEN p < 25 THEN 'high' WHEN p < 70 THEN 'medium' ELSE 'low' END,
      'bug', tier, CASE WHEN tier = 'community' THEN NULL ELSE 'customer-' || c END, 'user-' || (g % 5000), platform,
      'C' || (g % 300), platform || ':C' || (g % 300) || ':' || g, (SELECT text FROM bench_subjects WHERE i = s),
      CASE WHEN a < 4 THEN NULL ELSE 'agent-' || (a - 4) END, created, created
    FROM (SELECT g, ${hashSql('g', 0, 1000)} AS u, ${hashSql('g', 2, 100)} AS p, ${hashSql('g', 4, 20)} AS a,
        ${hashSql('g', 5, 300)} AS c, ${hashSql('g', 7, SUBJECT_TEXTS)} AS s, ${NOW} - (${count} - g) * 30000 AS created,
        (${arr(TIERS)})[1 + ${hashSql('g', 1, 4)}::int] AS tier, (${arr(PLATFORMS)})[1 + ${hashSql('g', 3, 4)}::int] AS platform
      FROM generate_series(1::bigint, ${count}) g) x`);
  await q(`INSERT INTO ticket_messages (id, ticket_id, platform, author_id, role, text, at)
    SELECT m + 1, m / 2 + 1, (${arr(PLATFORMS)})[1 + ${hashSql('m / 2 + 1', 3, 4)}::int],
      CASE WHEN m % 2 = 1 THEN 'agent' ELSE 'user-' || ((m / 2 + 1) % 5000) END,
      CASE WHEN m % 2 = 1 THEN 'staff' ELSE 'customer' END,
      (SELECT text FROM bench_texts WHERE i = ${hashSql('m', 6, MESSAGE_TEXTS)}),
      ${NOW} - (${count} - (m / 2 + 1)) * 30000 + (m % 2) * 60000
    FROM generate_series(0::bigint, ${2 * count - 1}) m`);
  await q(`INSERT INTO sla_timers (ticket_id, kind, state, started_at, due_at, breached_at, stopped_at, updated_at)
    SELECT id, 'first-response', state, created_at, created_at + ${8 * H},
      CASE WHEN state = 'missed' THEN created_at + ${8 * H} END, CASE WHEN state <> 'active' THEN created_at + ${8 * H} END,
      created_at + ${8 * H}
    FROM (SELECT id, created_at, CASE WHEN status IN ('open', 'pending') THEN 'active'
      WHEN ${hashSql('id', 7, 100)} < 8 THEN 'missed' ELSE 'hit' END AS state FROM tickets) x`);
  await q('DROP TABLE bench_texts, bench_subjects');
  await q("SET maintenance_work_mem = '512MB'");
  for (const i of gin) await q(i.indexdef);
  await q('VACUUM ANALYZE tickets, ticket_messages, sla_timers');
}

/** Median and p95 of `runs` timed calls (after two untimed ones). */
async function time(search: TicketSearch, name: string, query: TicketSearchQuery, runs: number) {
  await search.searchTickets(query);
  const ids = (await search.searchTickets(query)).tickets.map((t) => t.id);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await search.searchTickets(query);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    timing: {
      query: name,
      medianMs: round(percentileOfSorted(ms, 50)),
      p95Ms: round(percentileOfSorted(ms, 95)),
      found: ids.length,
    },
    ids: ids.join(','),
  };
}

/** The queries of the staff's ticket list, each timed on `search`; `reference`: another store's pages, to compare. */
async function timeQueries(
  search: TicketSearch,
  words: TicketSearchBench['words'],
  runs: number,
  reference?: Map<string, string>,
) {
  const base = { now: NOW, limit: 50 };
  let before: number | undefined;
  for (let page = 1; page < 5; page++)
    before = (await search.searchTickets({ ...base, text: words.common, before })).next ?? undefined;
  const queries: [string, TicketSearchQuery][] = [
    ['open tickets, first page', { ...base, statuses: ['open'] }],
    [`rare word "${words.rare}"`, { ...base, text: words.rare }],
    [`common word "${words.common}", status open`, { ...base, text: words.common, statuses: ['open'] }],
    ['tier enterprise + priority critical', { ...base, tiers: ['enterprise'], priorities: ['critical'] }],
    ['SLA breached', { ...base, sla: 'breached' }],
    [`common word "${words.common}", page 5`, { ...base, text: words.common, before }],
    [`a short prefix "${words.prefix}"`, { ...base, text: words.prefix }],
    ['one letter "t" (as typing starts)', { ...base, text: 't' }],
    [
      `common word "${words.common}", open, white-glove, critical (few tickets pass)`,
      { ...base, text: words.common, statuses: ['open'], tiers: ['white-glove'], priorities: ['critical'] },
    ],
    ['unassigned, open or pending', { ...base, assigneeId: null, statuses: ['open', 'pending'] }],
    ["one agent's tickets", { ...base, assigneeId: 'agent-3' }],
    ['SLA due within the hour', { ...base, sla: 'due-soon' }],
  ];
  const timings: TicketSearchTiming[] = [];
  const pages = new Map<string, string>();
  for (const [name, query] of queries) {
    const { timing, ids } = await time(search, name, query, runs);
    pages.set(name, ids);
    timings.push(reference ? { ...timing, sameAsSqlite: reference.get(name) === ids } : timing);
  }
  return { timings, pages };
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * Fill `tickets` tickets (1,000,000 by default; two transcript messages each, words drawn by Zipf's law from a
 * 30,000-word vocabulary, one first-response clock each) into a temporary SQLite file and, unless `postgres` is
 * false, a temporary schema of TEST_DATABASE_URL's server (the same rows), time the ticket list's queries on each
 * (median and p95 of `runs`), and remove both.
 */
export async function benchTicketSearch(
  options: { tickets?: number | undefined; runs?: number | undefined; postgres?: boolean | undefined } = {},
): Promise<TicketSearchBench> {
  const count = options.tickets ?? 1_000_000;
  const runs = options.runs ?? 30;
  const pools = textPools();
  const words = { common: 'error', rare: rareWord(pools), prefix: 're' };
  const dir = mkdtempSync(join(tmpdir(), 'ticket-search-bench-'));
  let sqlite: TicketSearchStoreBench;
  let sqlitePages = new Map<string, string>();
  try {
    const path = join(dir, 'bench.sqlite');
    const db = openDatabase(path);
    try {
      const t = performance.now();
      fillSqlite(db, count, pools);
      const search = createSqliteTicketSearch(db);
      search.indexQueued(); // the whole queue in one transaction, as the first search after the fill would
      const fillMs = Math.round(performance.now() - t);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const fts = db.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'ticket\\_search%' ESCAPE '\\'").pluck();
      const { timings, pages } = await timeQueries(search, words, runs);
      sqlitePages = pages;
      sqlite = { fillMs, sizeMiB: mib(statSync(path).size), searchIndexMiB: mib(fts.get() as number), timings };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let postgres: TicketSearchStoreBench | null = null;
  if (options.postgres !== false) {
    const schema = await createTestSchema();
    const db = await openPostgres(schema.url, { max: 4 });
    try {
      const t = performance.now();
      await fillPostgres(db, count, pools);
      const fillMs = Math.round(performance.now() - t);
      const size = async (sql: string) => Number((await db.pool.query(sql)).rows[0].n);
      postgres = {
        fillMs,
        sizeMiB: mib(
          await size(
            "SELECT pg_total_relation_size('tickets') + pg_total_relation_size('ticket_messages') + pg_total_relation_size('sla_timers') AS n",
          ),
        ),
        searchIndexMiB: mib(
          await size(
            "SELECT pg_relation_size('tickets_subject_search') + pg_relation_size('ticket_messages_text_search') AS n",
          ),
        ),
        timings: (await timeQueries(createPostgresTicketSearch(db), words, runs, sqlitePages)).timings,
      };
    } finally {
      await db.close();
      await schema.drop();
    }
  }
  return { tickets: count, messages: 2 * count, words, sqlite, postgres };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tickets = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await benchTicketSearch({ tickets, postgres: process.argv[3] !== 'sqlite' }), null, 2));
}
