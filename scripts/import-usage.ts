import { readFileSync } from 'node:fs';
import { createAnalytics } from '../core/analytics/create-analytics.js';
import { parseUsageCsv } from '../core/analytics/parse-usage.js';
import { systemClock } from '../core/ports/clock.js';
import { envWasSet, readEnv } from '../runtime/env.js';
import { loadConfig } from '../runtime/load-config.js';
import { openConfiguredStores } from '../runtime/open-stores.js';

/**
 * `npm run import:usage -- file.csv`: per-customer activity figures, header
 * `customer_id,date,active_users,seats,events,renewal_date` (the last three optional). All rows or none.
 */
const file = process.argv[2];
if (!file) {
  console.error(
    'usage: npm run import:usage -- usage.csv\n  columns: customer_id,date,active_users[,seats,events,renewal_date] (dates YYYY-MM-DD)',
  );
  process.exit(2);
}
try {
  const { records, problems } = parseUsageCsv(readFileSync(file, 'utf8'));
  const env = readEnv();
  const { config } = loadConfig(env.SUPPORT_CONFIG, envWasSet('SUPPORT_CONFIG'));
  const known = new Set(config.customers.map((c) => c.id));
  const unknown = [...new Set(records.map((r) => r.customerId).filter((id) => !known.has(id)))];
  if (unknown.length)
    problems.push(
      `unknown customer id${unknown.length === 1 ? '' : 's'} (not in ${env.SUPPORT_CONFIG}): ${unknown.join(', ')}`,
    );
  if (problems.length) {
    console.error(`${file}: nothing imported:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  const stores = await openConfiguredStores(env, config);
  const analytics = createAnalytics({
    store: stores.analytics,
    tickets: stores.store,
    config,
    clock: systemClock,
  });
  const { imported } = await analytics.importUsage(records);
  console.log(
    `imported ${imported} usage row${imported === 1 ? '' : 's'} for ${new Set(records.map((r) => r.customerId)).size} customer(s) from ${file}`,
  );
  await stores.close();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
