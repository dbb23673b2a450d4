import { MIGRATIONS_DIR } from './migrate.js';
import { POSTGRES_MIGRATIONS_DIR, migrationFiles } from './migrate-postgres.js';
import type { SqliteDatabase } from './open-database.js';
import type { PostgresDatabase } from './open-postgres.js';
import type { PostgresClient } from './postgres-transaction.js';
import { inTransaction } from './postgres-transaction.js';
import type { PostgresColumn, PostgresTable } from './read-postgres-tables.js';
import { readPostgresTables, tablesParentsFirst } from './read-postgres-tables.js';

export interface CopyReport {
  /** The tables copied, parents before children, with the rows each received. */
  tables: { name: string; rows: number }[];
  /** Tables of either side that were not copied, and why. */
  skipped: { name: string; reason: string }[];
  /** Columns of the SQLite file that PostgreSQL does not have, so were not copied (none expected). */
  droppedColumns: { table: string; columns: string[] }[];
  /** Rows copied in all. */
  total: number;
}

export interface CopyOptions {
  /** Called when a table has been copied (inside the transaction: nothing is committed before the end). */
  onTable?(name: string, rows: number): void;
  /** Rows per multi-row INSERT (default 1,000; fewer when a table's columns would pass PostgreSQL's 65,535 parameters). */
  batchRows?: number;
}

export type CopyErrorCode = 'target-not-empty' | 'source-not-migrated' | 'target-not-migrated' | 'bad-value';

export class CopyError extends Error {
  constructor(
    readonly code: CopyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CopyError';
  }
}

/** SQLite's derived roll-ups: rebuilt from the base tables, never copied. */
const isRollup = (name: string) => /^(rollup_|ticket_fact_days|rating_fact_days)/.test(name);
/** Tables both sides have that are deliberately not copied, and why. */
const NOT_COPIED = new Map([
  ['sign_in_links', 'one-time sign-in links live 10 minutes: not copied, ask for a new link after the move'],
]);
/** A batch is sent early once its BYTEA values pass this, so attachments do not make one huge statement. */
const BATCH_BYTES = 16 * 1024 * 1024;
const MAX_PARAMETERS = 65_535;

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Copy a SQLite desk into an empty PostgreSQL database: every table both have (the list read from PostgreSQL), the
 * columns both have (PostgreSQL-only columns get their defaults), parents before children, in batches, all in ONE
 * PostgreSQL transaction read from one SQLite snapshot. Ids are kept, and every identity continues after the highest
 * id copied (or after SQLite's AUTOINCREMENT high-water mark, when higher: no id SQLite handed out is handed out
 * again). Refuses a target that has any row, and a source or target that is not migrated to the latest schema.
 */
export async function copySqliteToPostgres(
  sqlite: SqliteDatabase,
  pg: PostgresDatabase,
  options: CopyOptions = {},
): Promise<CopyReport> {
  checkSourceMigrated(sqlite);
  // Ordinary tables only, and not the ticket search's queue: an FTS5 index (the ticket search of migration 013, a
  // virtual table, its shadow tables and its queue) is derived from the base tables, and PostgreSQL indexes those
  // itself (its migration 003).
  const sqliteTables = new Map(
    (
      sqlite
        .prepare(
          `SELECT m.name, m.sql FROM sqlite_master m JOIN pragma_table_list l ON l.schema = 'main' AND l.name = m.name
           WHERE m.type = 'table' AND l.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
             AND m.name <> 'ticket_search_queue'`,
        )
        .all() as { name: string; sql: string }[]
    ).map((t) => [t.name, t.sql]),
  );
  return inTransaction(pg.pool, async (client) => {
    await checkTargetMigrated(client);
    const pgTables = await readPostgresTables(client);
    const names = pgTables.map((t) => t.name);
    // Writers wait (and a second copy waits, then finds rows and refuses) until this transaction ends.
    if (names.length) await client.query(`LOCK TABLE ${names.map(q).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
    await checkTargetEmpty(client, names);

    const report: CopyReport = { tables: [], skipped: [], droppedColumns: [], total: 0 };
    const toCopy: PostgresTable[] = [];
    for (const table of pgTables) {
      if (isRollup(table.name))
        report.skipped.push({ name: table.name, reason: 'derived roll-up: rebuilt from the base tables, not copied' });
      else if (NOT_COPIED.has(table.name))
        report.skipped.push({ name: table.name, reason: NOT_COPIED.get(table.name) as string });
      else if (!sqliteTables.has(table.name))
        report.skipped.push({ name: table.name, reason: 'not in the SQLite file' });
      else toCopy.push(table);
    }
    for (const name of sqliteTables.keys())
      if (name !== 'schema_migrations' && !isRollup(name) && !names.includes(name))
        report.skipped.push({ name, reason: 'not in PostgreSQL: its rows were NOT copied' });

    const startedRead = !sqlite.inTransaction;
    if (startedRead) sqlite.exec('BEGIN'); // one snapshot of the file for every table
    try {
      const highWater = autoincrementCounters(sqlite);
      for (const table of tablesParentsFirst(toCopy)) {
        const sqliteColumns = (sqlite.pragma(`table_info(${q(table.name)})`) as { name: string }[]).map((c) => c.name);
        const dropped = sqliteColumns.filter((c) => !table.columns.some((p) => p.name === c));
        if (dropped.length) report.droppedColumns.push({ table: table.name, columns: dropped });
        const rows = await copyTable(sqlite, client, table, sqliteColumns, sqliteTables.get(table.name) ?? '', options);
        await continueIdentities(client, table, sqliteColumns, highWater.get(table.name) ?? 0);
        report.tables.push({ name: table.name, rows });
        report.total += rows;
        options.onTable?.(table.name, rows);
      }
    } finally {
      if (startedRead) sqlite.exec('COMMIT');
    }
    return report;
  });
}

async function copyTable(
  sqlite: SqliteDatabase,
  client: PostgresClient,
  table: PostgresTable,
  sqliteColumns: readonly string[],
  sqliteSql: string,
  options: CopyOptions,
): Promise<number> {
  const columns = table.columns.filter((c) => !c.generated && sqliteColumns.includes(c.name));
  if (!columns.length) return 0;
  // Rows in the order SQLite wrote them (rowid), so identities PostgreSQL fills (email_messages.seq) keep that order.
  const order = /without\s+rowid/i.test(sqliteSql) ? primaryKeyOrder(sqlite, table.name) : 'ORDER BY rowid';
  const select = sqlite.prepare(`SELECT ${columns.map((c) => q(c.name)).join(', ')} FROM ${q(table.name)} ${order}`);
  select.safeIntegers(true); // every integer exactly, whatever its size
  select.raw(true);
  const insertHead = `INSERT INTO ${q(table.name)} (${columns.map((c) => q(c.name)).join(', ')})${
    columns.some((c) => c.identity === 'ALWAYS') ? ' OVERRIDING SYSTEM VALUE' : ''
  } VALUES `;
  const batchRows = Math.max(1, Math.min(options.batchRows ?? 1000, Math.floor(MAX_PARAMETERS / columns.length)));
  let batch: unknown[][] = [];
  let bytes = 0;
  let copied = 0;
  const flush = async () => {
    if (!batch.length) return;
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const start = params.length;
      params.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await client.query(insertHead + tuples.join(', '), params);
    copied += batch.length;
    batch = [];
    bytes = 0;
  };
  for (const raw of select.iterate() as IterableIterator<unknown[]>) {
    const row = raw.map((value, i) => toPostgres(value, table.name, columns[i] as PostgresColumn));
    for (const v of row) if (Buffer.isBuffer(v)) bytes += v.length;
    batch.push(row);
    if (batch.length >= batchRows || bytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return copied;
}

/** A SQLite value as the PostgreSQL column takes it: 0/1 to a boolean, integers exactly (as text), blobs as BYTEA. */
function toPostgres(value: unknown, table: string, column: PostgresColumn): unknown {
  if (value === null) return null;
  if (column.type === 'boolean') {
    if (value === 0n || value === 1n) return value === 1n;
    throw new CopyError('bad-value', `${table}.${column.name} holds ${String(value)}, which is not a boolean (0 or 1)`);
  }
  if (column.type === 'bytea' && typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function primaryKeyOrder(sqlite: SqliteDatabase, table: string): string {
  const pk = (sqlite.pragma(`table_info(${q(table)})`) as { name: string; pk: number }[])
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk);
  return pk.length ? `ORDER BY ${pk.map((c) => q(c.name)).join(', ')}` : '';
}

/** SQLite's AUTOINCREMENT counters (the highest id each table ever handed out), by table. */
function autoincrementCounters(sqlite: SqliteDatabase): Map<string, number> {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").get();
  if (!exists) return new Map();
  const rows = sqlite.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[];
  return new Map(rows.map((r) => [r.name, Number(r.seq)]));
}

/** Each copied identity continues after MAX(id), or after SQLite's AUTOINCREMENT counter when that is higher. */
async function continueIdentities(
  client: PostgresClient,
  table: PostgresTable,
  sqliteColumns: readonly string[],
  highWater: number,
): Promise<void> {
  for (const column of table.columns) {
    if (!column.identity || !sqliteColumns.includes(column.name)) continue;
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(MAX(${q(column.name)}), $3::bigint))
       FROM ${q(table.name)} HAVING GREATEST(MAX(${q(column.name)}), $3::bigint) > 0`,
      [q(table.name), column.name, highWater],
    );
  }
}

function checkSourceMigrated(sqlite: SqliteDatabase): void {
  const latest = migrationFiles(MIGRATIONS_DIR).at(-1)?.version ?? 0;
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  const at = hasTable.get()
    ? ((sqlite.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0)
    : 0;
  if (at > latest)
    throw new CopyError(
      'source-not-migrated',
      `the SQLite file is at migration ${at}, newer than this desk's schema (${latest}): copy it with the desk version that wrote it`,
    );
  if (at < latest)
    throw new CopyError(
      'source-not-migrated',
      `the SQLite file is at migration ${at}, this desk's schema at ${latest}: run npm run migrate on it (DATABASE_PATH=<file>) with this version of the desk, then copy`,
    );
}

async function checkTargetMigrated(client: PostgresClient): Promise<void> {
  const latest = migrationFiles(POSTGRES_MIGRATIONS_DIR).at(-1)?.version ?? 0;
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  const at = exists.rows[0]?.t
    ? ((await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]?.v ?? 0)
    : 0;
  if (at !== latest)
    throw new CopyError(
      'target-not-migrated',
      `the PostgreSQL database is at migration ${at}, this desk's schema at ${latest}: run npm run migrate with DATABASE_URL set to it, then copy`,
    );
}

async function checkTargetEmpty(client: PostgresClient, tables: readonly string[]): Promise<void> {
  if (!tables.length) return;
  const { rows } = await client.query<{ name: string }>(
    tables
      .map((t) => `SELECT ${`'${t.replaceAll("'", "''")}'`} AS name WHERE EXISTS (SELECT 1 FROM ${q(t)})`)
      .join(' UNION ALL '),
  );
  if (rows.length)
    throw new CopyError(
      'target-not-empty',
      `the PostgreSQL database already has rows in ${rows.map((r) => r.name).join(', ')}: db:copy only fills an empty database and never merges; point --to at a new database (or schema), nothing was copied`,
    );
}
