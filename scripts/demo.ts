import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDemoTarget, removeDatabaseFiles } from '../runtime/demo/demo-database.js';
import { fillDemoDesk } from '../runtime/demo/fill-demo-desk.js';
import { formatDemoSummary } from '../runtime/demo/format-demo-summary.js';
import { envWasSet, readEnv } from '../runtime/env.js';
import { loadConfig } from '../runtime/load-config.js';
import { runCli } from '../runtime/run-cli.js';

const USAGE = `usage: npm run demo -- [--database data/demo.sqlite] [--days 30] [--seed 1] [--force]
  Fills a separate database with a simulated month of support (every tier and platform of the configuration),
  driven through the desk's engine, then says how to open it on the dashboard. An earlier demo database at the same
  path is replaced; any other existing database, and the desk's DATABASE_PATH, are refused unless --force.`;

/** `npm run demo`: a realistic month of tickets, ratings and usage in its own SQLite file, to see the dashboard filled. */
runCli(async () => {
  const { values } = parseArgs({
    options: {
      database: { type: 'string', default: 'data/demo.sqlite' },
      days: { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const days = Number(values.days);
  const seed = Number(values.seed);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new Error(`--days must be a whole number from 1 to 365\n${USAGE}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number\n${USAGE}`);

  const env = readEnv();
  const target = checkDemoTarget(values.database, { productionPath: env.DATABASE_PATH, force: values.force });
  if (target.kind === 'refused') {
    console.error(target.reason);
    return 2;
  }
  if (target.kind === 'replace-demo') removeDatabaseFiles(values.database);
  mkdirSync(dirname(values.database), { recursive: true });
  const { config } = loadConfig(env.SUPPORT_CONFIG, envWasSet('SUPPORT_CONFIG'));
  console.log(
    `Simulating ${days} days of ${config.desk.name} into ${values.database}${target.kind === 'replace-demo' ? ' (replacing the earlier demo)' : ''}…`,
  );
  const summary = await fillDemoDesk({
    config,
    databasePath: values.database,
    modelCachePath: env.MODEL_CACHE_PATH,
    days,
    seed,
    end: Date.now(),
    markAsDemo: target.kind !== 'forced',
    onDay: (day, total) => {
      if (process.stdout.isTTY) process.stdout.write(`\r  day ${day}/${total}`);
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\r');
  console.log(formatDemoSummary(summary, values.database));
  return 0;
});
