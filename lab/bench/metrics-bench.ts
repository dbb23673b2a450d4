import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnalytics } from '../../core/analytics/create-analytics.js';
import { parseSupportConfig } from '../../core/config/support-config.js';
import { fixedClock } from '../../core/ports/clock.js';
import { openDatabase } from '../../data/open-database.js';
import { createSqliteAnalyticsStore } from '../../data/sqlite-analytics-store.js';
import { refreshDailyRollups } from '../../data/sqlite-daily-rollups.js';
import { createSqliteSupportStore } from '../../data/sqlite-support-store.js';
import { seedTickets } from './seed-tickets.js';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Seed 1,000,000 tickets (over a year, with messages and ratings) into a temp SQLite file and time the 30-day metrics
 * (every aggregate the dashboard shows: groups by tier/platform/category/priority/agent, daily series, percentiles,
 * ratings, sentiment sample), median of `runs` uncached runs.
 */
export async function benchMetrics(
  options: { tickets?: number | undefined; runs?: number | undefined } = {},
): Promise<Record<string, number>> {
  const count = options.tickets ?? 1_000_000;
  const runs = options.runs ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'metrics-bench-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  try {
    const now = Date.UTC(2025, 5, 30, 12);
    let t = performance.now();
    const seeded = seedTickets(db, { count, days: 365, now });
    db.pragma('optimize');
    const seedMs = performance.now() - t;
    // The seed's inserts marked every day dirty (triggers of migration 005): build the roll-ups now, as a deployment
    // does once after migrating, so the timed queries measure the steady state.
    t = performance.now();
    const rollupDays = refreshDailyRollups(db);
    const rollupMs = performance.now() - t;
    const config = parseSupportConfig({});
    if (!config.ok) throw new Error(config.problems.join('\n'));
    const analytics = createAnalytics({
      store: createSqliteAnalyticsStore(db),
      tickets: createSqliteSupportStore(db),
      config: config.config,
      clock: fixedClock(now),
    });
    const times: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      const m = await analytics.metrics('30d');
      times.push(performance.now() - t);
      sizes.push(m.overall.tickets);
    }
    const open: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      await analytics.openTickets(50);
      open.push(performance.now() - t);
    }
    return {
      tickets: seeded.tickets,
      messages: seeded.messages,
      ratings: seeded.ratings,
      seedMs: Math.round(seedMs),
      rollupDays,
      rollupMs: Math.round(rollupMs),
      ticketsIn30d: sizes[0] ?? 0,
      metrics30dFirstMs: Math.round((times[0] ?? 0) * 10) / 10,
      metrics30dMedianMs: Math.round(median(times) * 10) / 10,
      metrics30dMaxMs: Math.round(Math.max(...times) * 10) / 10,
      openTicketsMedianMs: Math.round(median(open) * 10) / 10,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tickets = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(await benchMetrics({ tickets }));
}
