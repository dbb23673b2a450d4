import { parseArgs } from 'node:util';
import { convertPageSize, pageSizeAdvice } from '../data/convert-page-size.js';
import { MIGRATIONS_DIR, appliedMigrations, migrate } from '../data/migrate.js';
import { appliedPostgresMigrations, migratePostgres } from '../data/migrate-postgres.js';
import { openDatabase } from '../data/open-database.js';
import { openPostgres } from '../data/open-postgres.js';
import { readEnv } from '../runtime/env.js';
import { redactDatabaseUrl } from '../data/redact-database-url.js';
import { runCli } from '../runtime/run-cli.js';

const names = (ms: { name: string }[]) => ms.map((m) => m.name).join(', ');
const summary = (where: string, all: { name: string }[], now: { name: string }[]) =>
  `${where}: schema at ${names(all)}${now.length ? ` (applied now: ${names(now)})` : ' (up to date)'}`;

/**
 * npm run migrate: apply pending migrations to the desk's database (DATABASE_URL, else DATABASE_PATH) and list what
 * was applied. Safe while instances run: PostgreSQL migrations take an advisory lock, so concurrent runs wait.
 * npm run migrate -- --page-size N (SQLite only): also rewrite the file with N-byte pages (new databases get
 * PAGE_SIZE), with the desk stopped.
 */
runCli(async () => {
  const { values } = parseArgs({ options: { 'page-size': { type: 'string' } } });
  const env = readEnv();
  if (env.DATABASE_URL) {
    if (values['page-size'] !== undefined) throw new Error('--page-size is for a SQLite file; unset DATABASE_URL');
    const db = await openPostgres(env.DATABASE_URL, { migrate: false, max: 2 });
    try {
      const applied = await migratePostgres(db.pool);
      console.log(summary(redactDatabaseUrl(env.DATABASE_URL), await appliedPostgresMigrations(db.pool), applied));
      return 0;
    } finally {
      await db.close();
    }
  }
  const db = openDatabase(env.DATABASE_PATH, { migrate: false }); // applied below, to say which were new
  try {
    const applied = migrate(db, MIGRATIONS_DIR);
    console.log(summary(env.DATABASE_PATH, appliedMigrations(db), applied));
    if (values['page-size'] !== undefined) {
      const started = performance.now();
      const change = convertPageSize(db, Number(values['page-size']));
      console.log(
        change.changed
          ? `page size ${change.from} -> ${change.to} bytes (rewritten in ${Math.round(performance.now() - started)} ms)`
          : `page size already ${change.to} bytes`,
      );
    } else {
      const advice = pageSizeAdvice(db);
      if (advice !== null) console.log(advice);
    }
    return 0;
  } finally {
    db.close();
  }
});
