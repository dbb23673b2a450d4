import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalytics } from '../../core/analytics/create-analytics.js';
import { TICKET_PLATFORMS, TIERS } from '../../core/model/types.js';
import { fixedClock } from '../../core/ports/clock.js';
import { openDatabase } from '../../data/open-database.js';
import { createSqliteAnalyticsStore } from '../../data/sqlite-analytics-store.js';
import { createSqliteSupportStore } from '../../data/sqlite-support-store.js';
import { DEMO_MODEL_CACHE, EXAMPLE_CONFIG_PATH } from '../../test/support/demo-desk.js';
import { loadConfig } from '../load-config.js';
import { isDemoDatabase } from './demo-database.js';
import { fillDemoDesk } from './fill-demo-desk.js';
import type { DemoSummary } from './fill-demo-desk.js';
import { formatDemoSummary } from './format-demo-summary.js';

const END = Date.UTC(2025, 5, 30, 12);

describe('npm run demo (fillDemoDesk)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-fill-'));
  const databasePath = join(dir, 'demo.sqlite');
  const { config } = loadConfig(EXAMPLE_CONFIG_PATH, true);
  let summary: DemoSummary;

  beforeAll(async () => {
    summary = await fillDemoDesk({
      config,
      databasePath,
      modelCachePath: DEMO_MODEL_CACHE,
      days: 7,
      seed: 7,
      end: END,
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fills the dashboard's figures for every tier and platform, with ratings, NPS and escalations", async () => {
    const db = openDatabase(databasePath);
    try {
      const analytics = createAnalytics({
        store: createSqliteAnalyticsStore(db),
        tickets: createSqliteSupportStore(db),
        config,
        clock: fixedClock(END),
      });
      const m = await analytics.metrics('30d');
      const byTier = new Map(m.by.tier.map((s) => [s.key, s]));
      const byPlatform = new Map(m.by.platform.map((s) => [s.key, s]));
      for (const tier of TIERS) expect(byTier.get(tier)?.tickets ?? 0, tier).toBeGreaterThan(0);
      for (const platform of TICKET_PLATFORMS)
        expect(byPlatform.get(platform)?.tickets ?? 0, platform).toBeGreaterThan(0);
      expect(m.overall.tickets).toBe(summary.tickets);
      expect(m.overall.tickets).toBeGreaterThan(40);
      expect(m.overall.firstResponse.p50Ms).not.toBeNull();
      expect(m.overall.sla.hit).toBeGreaterThan(0);
      expect(m.overall.resolution.resolved).toBeGreaterThan(0);
      expect(m.overall.csat.count).toBeGreaterThan(10);
      expect(m.overall.nps.count).toBeGreaterThan(3);
      expect(m.overall.escalationRate).toBeGreaterThan(0);
      expect(m.agents.length).toBeGreaterThan(1);
      // The month is spread over the days, not piled on one.
      expect(m.daily.filter((d) => d.tickets > 0).length).toBeGreaterThanOrEqual(6);

      const imp = await analytics.improvement('30d');
      expect(imp.knowledgeGaps.length).toBeGreaterThan(0);
      expect(imp.knowledgeGaps.map((g) => `${g.suggestedTitle} ${g.examples.join(' ')}`).join(' | ')).not.toMatch(
        /\bdown\b|502|leaked|disappeared|asdf|qwer/i,
      );
      const health = await analytics.health();
      expect(health.every((h) => h.usage.activeUsers !== null)).toBe(true);

      // Everything queued was handed to the (fake) platforms: starting the desk on this file sends nothing old.
      expect(db.prepare('SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND dead_at IS NULL').pluck().get()).toBe(0);
      // Ticket actions and SLA sweeps left their audit trail, as they do live.
      const actions = new Set(db.prepare('SELECT DISTINCT action FROM audit_log').pluck().all() as string[]);
      for (const a of [
        'ticket.opened',
        'ticket.claim',
        'ticket.resolve',
        'ticket.close',
        'ticket.first-response',
        'rating.csat',
        'rating.nps',
      ])
        expect(actions, a).toContain(a);
    } finally {
      db.close();
    }
    expect(summary.sweeps.breaches).toBeGreaterThan(0);
    expect(summary.sweeps.pages).toBeGreaterThan(0);
    expect(summary.usageRows).toBeGreaterThan(0);
    expect(isDemoDatabase(databasePath)).toBe(true);
    expect(formatDemoSummary(summary, 'data/demo.sqlite')).toMatch(/DATABASE_PATH=data\/demo\.sqlite DASHBOARD_TOKEN=/);
  });

  it('is the same month for the same seed', async () => {
    const run = async (name: string) => {
      const { elapsedMs: _, ...s } = await fillDemoDesk({
        config,
        databasePath: join(dir, name),
        modelCachePath: DEMO_MODEL_CACHE,
        days: 2,
        seed: 3,
        end: END,
      });
      return s;
    };
    expect(await run('a.sqlite')).toEqual(await run('b.sqlite'));
  }, 60_000);
});
