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
const hash = (x: number, k: number, m: number) => Math.floor(((x * (MULTIPLIERS[k] as number)) % 4294967296) / 65536) % m;
const hashSql = (x: string, k: number, m: number) => `(((${x}) * ${MULTIPLIERS[k]}::bigint) % 4294967296 / 65536 % ${m})`;

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

/** A rare word: one that only one or two message texts of the pool hold (each text is used by ~10 messages). */
function rareWord(messages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) for (const w of new Set(m.split(' '))) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (let rank = VOCABULARY - 1; rank > HEAD.length; rank--) {
    const n = counts.get(word(rank)) ?? 0;
    if (n >= 1 && n <= 2 && ![...counts.keys()].some((w) => w !== word(rank) && w.startsWith(word(rank))))
      return word(rank);
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
