import { parseArgs } from 'node:util';
import { convertPageSize, pageSizeAdvice } from '../data/convert-page-size.js';
import { MIGRATIONS_DIR, appliedMigrations, migrate } from '../data/migrate.js';
import { openDatabase } from '../data/open-database.js';
import { readEnv } from '../runtime/env.js';
import { runCli } from '../runtime/run-cli.js';

/**
 * npm run migrate: apply pending migrations to DATABASE_PATH and list what was applied.
 * npm run migrate -- --page-size N: also rewrite the file with N-byte pages (new databases get PAGE_SIZE), with the
 * desk stopped.
 */
runCli(async () => {
  const { values } = parseArgs({ options: { 'page-size': { type: 'string' } } });
  const env = readEnv();
  const db = openDatabase(env.DATABASE_PATH, { migrate: false }); // applied below, to say which were new
  try {
    const applied = migrate(db, MIGRATIONS_DIR);
    const names = (ms: { name: string }[]) => ms.map((m) => m.name).join(', ');
    console.log(
      `${env.DATABASE_PATH}: schema at ${names(appliedMigrations(db))}${applied.length ? ` (applied now: ${names(applied)})` : ' (up to date)'}`,
    );
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
