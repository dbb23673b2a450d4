import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { copySqliteToPostgres } from '../data/copy-sqlite-to-postgres.js';
import { openDatabase } from '../data/open-database.js';
import { openPostgres } from '../data/open-postgres.js';
import { redactDatabaseUrl } from '../data/redact-database-url.js';
import { runCli } from '../runtime/run-cli.js';

const USAGE = 'usage: npm run db:copy -- --from <file.sqlite> --to <postgres://user:pass@host:5432/db>';

/**
 * npm run db:copy -- --from data/support.sqlite --to postgres://…: move a SQLite desk to an empty PostgreSQL
 * database, in one transaction (all or nothing), ids kept. Both sides are migrated first (the SQLite file in place).
 * Stop the desk while it runs, and start it on DATABASE_URL afterwards. Takes its inputs from arguments only.
 */
runCli(async () => {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(values.from)) throw new Error(`no SQLite file at ${values.from} (--from): nothing to copy`);
  if (!/^postgres(ql)?:\/\//.test(values.to))
    throw new Error(`--to must be a postgres:// URL, got ${redactDatabaseUrl(values.to)}\n${USAGE}`);
  const target = redactDatabaseUrl(values.to);
  const sqlite = openDatabase(values.from);
  try {
    const pg = await openPostgres(values.to, { max: 2 }).catch((error: unknown) => {
      throw new Error(`cannot open PostgreSQL at ${target}: ${error instanceof Error ? error.message : error}`);
    });
    try {
      const started = performance.now();
      const report = await copySqliteToPostgres(sqlite, pg);
      const ms = Math.round(performance.now() - started);
      console.log(`copied ${values.from} to ${target} in ${ms} ms (one transaction, committed):`);
      const width = Math.max(...report.tables.map((t) => t.name.length), 5);
      const rows = (n: number) => `${String(n).padStart(9)} ${n === 1 ? 'row' : 'rows'}`;
      for (const t of report.tables) console.log(`  ${t.name.padEnd(width)} ${rows(t.rows)}`);
      for (const s of report.skipped) console.log(`  ${s.name.padEnd(width)}   skipped: ${s.reason}`);
      for (const d of report.droppedColumns)
        console.log(`  warning: ${d.table} columns not in PostgreSQL, not copied: ${d.columns.join(', ')}`);
      console.log(`  ${'total'.padEnd(width)} ${rows(report.total)} in ${report.tables.length} tables`);
      return 0;
    } finally {
      await pg.close();
    }
  } finally {
    sqlite.close();
  }
});
