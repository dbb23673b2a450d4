import { parseArgs } from 'node:util';
import { backupDatabaseFile } from '../data/backup-database.js';
import { readEnv } from '../runtime/env.js';
import { runCli } from '../runtime/run-cli.js';

/**
 * npm run backup -- --to <file>: a consistent copy of DATABASE_PATH (or --database) taken with SQLite's online backup
 * API; safe while the desk runs. The copy is checked (integrity_check) before it gets its name. Production, without
 * tsx: node dist/scripts/backup.js --to <file>.
 */
runCli(async () => {
  const { values } = parseArgs({ options: { to: { type: 'string' }, database: { type: 'string' } } });
  if (!values.to) {
    console.error('usage: npm run backup -- --to <file> [--database <path>]   (default database: DATABASE_PATH)');
    return 2;
  }
  const env = readEnv();
  if (env.DATABASE_URL && !values.database) {
    console.error(
      'DATABASE_URL is set: the desk lives in PostgreSQL, which this command does not copy. Back it up with pg_dump (docs/production.md#backups), or pass --database <file> to back up a SQLite file.',
    );
    return 2;
  }
  const from = values.database ?? env.DATABASE_PATH;
  const result = await backupDatabaseFile(from, values.to);
  console.log(
    `backed up ${from} to ${result.path}: ${result.pages} pages, ${(result.bytes / 1024).toFixed(0)} KiB in ${Math.round(result.ms)} ms; integrity ${result.integrity}`,
  );
  return 0;
});
