import type { AnalyticsStore } from '../core/ports/analytics-store.js';
import type { CorrectionStore } from '../core/ports/correction-store.js';
import type { DashboardSessionStore } from '../core/ports/dashboard-session-store.js';
import type { CallStore } from '../core/ports/call-store.js';
import type { SignInLinkStore } from '../core/ports/sign-in-link-store.js';
import type { TicketSearch } from '../core/ports/ticket-search.js';
import type { EmailStore } from '../core/ports/email-store.js';
import type { Logger } from '../core/ports/logger.js';
import { silentLogger } from '../core/ports/logger.js';
import type { SupportConfig } from '../core/config/support-config.js';
import { createDirectory } from '../core/directory/create-directory.js';
import { createSlaTicketHook } from '../core/sla/create-sla-ticket-hook.js';
import type { Env } from './env.js';
import type { SlaStore, SlaTransactionSink } from '../core/ports/sla-store.js';
import type { SupportStore } from '../core/ports/support-store.js';
import type { TicketChangeHook } from '../core/ports/ticket-change-hook.js';
import { pageSizeAdvice } from '../data/convert-page-size.js';
import { openDatabase } from '../data/open-database.js';
import type { SqliteDatabase } from '../data/open-database.js';
import { openPostgres } from '../data/open-postgres.js';
import { redactDatabaseUrl } from '../data/redact-database-url.js';
import { createAdvisoryLock, soleLeaderLock } from '../data/postgres-advisory-lock.js';
import type { LeaderLock } from '../data/postgres-advisory-lock.js';
import type { PostgresDatabase } from '../data/open-postgres.js';
import { createPostgresAnalyticsStore } from '../data/postgres-analytics-store.js';
import { createPostgresCallStore } from '../data/postgres-call-store.js';
import { createPostgresCorrectionStore } from '../data/postgres-correction-store.js';
import { createPostgresDashboardSessionStore } from '../data/postgres-dashboard-session-store.js';
import { createPostgresEmailStore } from '../data/postgres-email-store.js';
import { createPostgresSignInLinkStore } from '../data/postgres-sign-in-link-store.js';
import { createPostgresSlaStore } from '../data/postgres-sla-store.js';
import { createPostgresSupportStore } from '../data/postgres-support-store.js';
import { createPostgresTicketSearch } from '../data/postgres-ticket-search.js';
import { createSqliteAnalyticsStore } from '../data/sqlite-analytics-store.js';
import { createSqliteCallStore } from '../data/sqlite-call-store.js';
import { createSqliteCorrectionStore } from '../data/sqlite-correction-store.js';
import { createSqliteDashboardSessionStore } from '../data/sqlite-dashboard-session-store.js';
import { createSqliteEmailStore } from '../data/sqlite-email-store.js';
import { createSqliteSignInLinkStore } from '../data/sqlite-sign-in-link-store.js';
import { createSqliteSlaStore } from '../data/sqlite-sla-store.js';
import { createSqliteSupportStore } from '../data/sqlite-support-store.js';
import { createSqliteTicketSearch } from '../data/sqlite-ticket-search.js';
import { startWalCheckpointer } from '../data/start-wal-checkpointer.js';

/** Where the desk keeps its data: DATABASE_URL (PostgreSQL) when set, else the SQLite file at DATABASE_PATH. */
export interface StoreLocation {
  databasePath: string;
  databaseUrl?: string | undefined;
  /** PostgreSQL pool size per instance. */
  poolSize?: number | undefined;
}

/** How often the SQLite ticket search indexes its queue between searches. */
const SEARCH_INDEX_INTERVAL_MS = 60_000;

/** Every store port of the desk, on one database. */
export interface DeskStores {
  kind: 'sqlite' | 'postgres';
  /** Where, for logs and /healthz (a PostgreSQL URL without its password). */
  where: string;
  store: SupportStore;
  sla: SlaStore;
  analytics: AnalyticsStore;
  corrections: CorrectionStore;
  email: EmailStore;
  sessions: DashboardSessionStore;
  /** One-time sign-in links for staff (the web desk). */
  links: SignInLinkStore;
  /** The web desk's ticket list: filters and full-text search (FTS5 on SQLite, tsvector on PostgreSQL). */
  search: TicketSearch;
  /** Video-call offers and bookings. */
  calls: CallStore;
  /** The SQLite file's handle (backups, the demo mark), null on PostgreSQL. */
  sqlite: SqliteDatabase | null;
  /** The PostgreSQL pool (leadership locks), null on SQLite. */
  postgres: PostgresDatabase | null;
  /** The lock whose holder runs `name` (the Discord gateway, the IMAP mailbox): one instance of those sharing the database. */
  leaderLock(name: string): LeaderLock;
  /** Resolves when the database answers a query; rejects when it is unreachable (/readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Open the desk's database and every store on it. `hookFor` builds the ticket-change hook (SLA clocks) on the SLA
 * store's transaction sink, so clocks are written in their ticket's transaction on either database.
 */
export async function openStores(
  where: StoreLocation,
  options: { ticketPrefix: string; hookFor: (sink: SlaTransactionSink) => TicketChangeHook; log: Logger },
): Promise<DeskStores> {
  const { log } = options;
  if (where.databaseUrl) {
    const db = await openPostgres(where.databaseUrl, {
      max: where.poolSize,
      onError: (error) => log.warn({ err: error.message }, 'a pooled database connection failed; it is replaced'),
    });
    const sla = createPostgresSlaStore(db);
    const store = createPostgresSupportStore(db, {
      ticketPrefix: options.ticketPrefix,
      onTicketChange: options.hookFor(sla.sink),
      clocks: sla.clocks,
    });
    return {
      kind: 'postgres',
      where: redactDatabaseUrl(where.databaseUrl),
      store,
      sla,
      analytics: createPostgresAnalyticsStore(db),
      corrections: createPostgresCorrectionStore(db),
      email: createPostgresEmailStore(db),
      sessions: createPostgresDashboardSessionStore(db),
      links: createPostgresSignInLinkStore(db),
      search: createPostgresTicketSearch(db),
      calls: createPostgresCallStore(db),
      sqlite: null,
      postgres: db,
      leaderLock: (name) => createAdvisoryLock(db.url, name),
      async ping() {
        await db.pool.query('SELECT 1');
      },
      close: () => store.close(),
    };
  }

  const db = openDatabase(where.databasePath);
  const advice = pageSizeAdvice(db);
  if (advice !== null) log.info({}, advice);
  // WAL checkpoints (and their fsyncs) run on a worker thread, not inside a message's COMMIT.
  const checkpointer =
    where.databasePath === ':memory:'
      ? null
      : startWalCheckpointer(db, { onError: (error) => log.error({ err: error }, 'WAL checkpoint failed') });
  const sla = createSqliteSlaStore(db);
  const store = createSqliteSupportStore(db, {
    ticketPrefix: options.ticketPrefix,
    onTicketChange: options.hookFor(sla.sink),
  });
  // The ticket search indexes what its triggers queued before each search; between searches, every minute as well, so
  // the first search after a busy day does not index the whole day while a person waits.
  const search = createSqliteTicketSearch(db);
  const searchIndexer = setInterval(() => {
    try {
      search.indexQueued();
    } catch (error) {
      log.warn({ err: String(error) }, 'ticket search not indexed yet; the next search or minute does it');
    }
  }, SEARCH_INDEX_INTERVAL_MS);
  searchIndexer.unref();
  return {
    kind: 'sqlite',
    where: where.databasePath,
    store,
    sla,
    analytics: createSqliteAnalyticsStore(db),
    corrections: createSqliteCorrectionStore(db),
    email: createSqliteEmailStore(db),
    sessions: createSqliteDashboardSessionStore(db),
    links: createSqliteSignInLinkStore(db),
    search,
    calls: createSqliteCallStore(db),
    sqlite: db,
    postgres: null,
    leaderLock: () => soleLeaderLock,
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      clearInterval(searchIndexer);
      await checkpointer?.stop();
      await store.close();
    },
  };
}

/** The stores as `npm start` opens them (DATABASE_URL or DATABASE_PATH), for the one-shot commands (report, train…). */
export function openConfiguredStores(
  env: Pick<Env, 'DATABASE_PATH' | 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  config: SupportConfig,
  log: Logger = silentLogger,
): Promise<DeskStores> {
  const directory = createDirectory(config);
  return openStores(
    { databasePath: env.DATABASE_PATH, databaseUrl: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE },
    {
      ticketPrefix: config.desk.ticketPrefix,
      hookFor: (sink) => createSlaTicketHook({ config, directory, sink }),
      log,
    },
  );
}
