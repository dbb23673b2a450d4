import { parseArgs } from 'node:util';
import { createAnalytics } from '../core/analytics/create-analytics.js';
import { formatCallUsageText } from '../core/analytics/format-report-text.js';
import { PeriodError } from '../core/analytics/period.js';
import { callUsageRows } from '../core/calls/call-usage-rows.js';
import { systemClock } from '../core/ports/clock.js';
import { envWasSet, readEnv } from '../runtime/env.js';
import { loadConfig } from '../runtime/load-config.js';
import { openConfiguredStores } from '../runtime/open-stores.js';

/**
 * `npm run report -- --period 30d [--format json]`: the improvement report in the terminal, and the video calls of
 * each customer in their current month (`calls` in JSON).
 */
const USAGE = 'usage: npm run report -- [--period 30d] [--format text|json]';
try {
  const { values } = parseArgs({
    options: {
      period: { type: 'string', default: '30d' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.format !== 'text' && values.format !== 'json')
    throw new PeriodError(`--format must be text or json\n${USAGE}`);
  const env = readEnv();
  const { config } = loadConfig(env.SUPPORT_CONFIG, envWasSet('SUPPORT_CONFIG'));
  const stores = await openConfiguredStores(env, config);
  const analytics = createAnalytics({
    store: stores.analytics,
    tickets: stores.store,
    config,
    clock: systemClock,
  });
  const callUsage = () =>
    callUsageRows({ customers: config.customers, tiers: config.tiers, calls: stores.calls, now: systemClock.now() });
  if (values.format === 'json') {
    const [metrics, improvement, health, calls] = await Promise.all([
      analytics.metrics(values.period),
      analytics.improvement(values.period),
      analytics.health(),
      callUsage(),
    ]);
    process.stdout.write(`${JSON.stringify({ metrics, improvement, health, calls }, null, 2)}\n`);
  } else {
    const [text, calls] = await Promise.all([analytics.reportText(values.period), callUsage()]);
    process.stdout.write(`${text}\n\n${formatCallUsageText(calls)}\n`);
  }
  await stores.close();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
