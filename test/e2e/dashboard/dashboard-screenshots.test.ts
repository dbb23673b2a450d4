import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/ports/clock.js';
import { fillDemoDesk } from '../../../runtime/demo/fill-demo-desk.js';
import { loadConfig } from '../../../runtime/load-config.js';
import { DEMO_MODEL_CACHE, EXAMPLE_CONFIG_PATH, exampleConfigInput } from '../../support/demo-desk.js';
import { startTestServer } from '../../support/start-test-server.js';
import type { TestServer } from '../../support/start-test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'dash-token-for-screenshots';
const END = Date.UTC(2025, 5, 30, 12);
/** The README's picture; rewritten when missing, or on UPDATE_SCREENSHOTS=1 (it differs by a few pixels between machines). */
const README_SHOT = join(process.cwd(), 'docs', 'images', 'dashboard-demo.png');

interface ChartFacts {
  title: string;
  noData: boolean;
  emptyText: string | null;
  yTicks: string[];
  xTicks: string[];
  series: Record<string, { d: string; dots: number }>;
  references: string[];
  /** Text of the chart drawn (partly) outside its picture. */
  clipped: string[];
}

/** What each chart shows, read from the rendered page (positions as laid out by Chromium). */
function chartFacts(page: Page): Promise<ChartFacts[]> {
  return page.locator('figure.chart').evaluateAll((figures) =>
    figures.map((f) => {
      const svg = f.querySelector('svg')!;
      const box = svg.getBoundingClientRect();
      const texts = (selector: string) => [...svg.querySelectorAll(selector)].map((t) => t.textContent ?? '');
      const series: Record<string, { d: string; dots: number }> = {};
      for (const g of svg.querySelectorAll('g.series'))
        series[g.getAttribute('data-series') ?? ''] = {
          d: g.querySelector('path')?.getAttribute('d') ?? '',
          dots: g.querySelectorAll('circle').length,
        };
      const clipped = [...svg.querySelectorAll('text')]
        .filter((t) => {
          const r = t.getBoundingClientRect();
          return (
            r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5
          );
        })
        .map((t) => t.textContent ?? '');
      return {
        title: f.getAttribute('data-chart') ?? '',
        noData: f.classList.contains('no-data'),
        emptyText: svg.querySelector('text.empty')?.textContent ?? null,
        yTicks: texts('text.tick.y'),
        xTicks: texts('text.tick.x'),
        series,
        references: [...svg.querySelectorAll('path.reference')].map((p) => p.getAttribute('data-series') ?? ''),
        clipped,
      };
    }),
  );
}

async function signIn(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('#token', TOKEN);
  await Promise.all([page.waitForURL(`${url}/`), page.click('button[type=submit]')]);
  return page;
}

describe('dashboard screenshots: a new desk and a demo month, in headless Chromium', () => {
  const shots = mkdtempSync(join(tmpdir(), 'dashboard-shots-'));
  const demoDir = mkdtempSync(join(tmpdir(), 'dashboard-demo-'));
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  let empty: TestServer;
  let demo: TestServer;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install Debian's package with \`apt-get update && apt-get install -y chromium\``,
      );
    const { config } = loadConfig(EXAMPLE_CONFIG_PATH, true);
    // The server's database file is <dir>/support.sqlite: filled first by the demo, then served.
    await fillDemoDesk({
      config,
      databasePath: join(demoDir, 'support.sqlite'),
      modelCachePath: DEMO_MODEL_CACHE,
      days: 30,
      seed: 1,
      end: END,
    });
    const input = exampleConfigInput();
    demo = await startTestServer({
      dir: demoDir,
      config: input,
      env: { DASHBOARD_TOKEN: TOKEN },
      clock: fixedClock(END),
    });
    empty = await startTestServer({ config: input, env: { DASHBOARD_TOKEN: TOKEN }, clock: fixedClock(END) });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1400, height: 1000 },
    });
  }, 90_000);
  afterAll(async () => {
    await context?.close();
    await demo?.dispose();
    await empty?.dispose();
    for (const d of [demoDir, profile, shots]) rmSync(d, { recursive: true, force: true });
  });

  it('a new desk says how to fill it, and each chart shows its empty state (no "0.0h" axis, no lone target line)', async () => {
    const page = await signIn(context, empty.url);
    await expect(page.locator('#getting-started').textContent()).resolves.toMatch(
      /No tickets yet.*npm run demo.*DATABASE_PATH=data\/demo\.sqlite/s,
    );
    await expect(page.locator('[data-card="Tickets"] .value').textContent()).resolves.toBe('0');
    const charts = await chartFacts(page);
    expect(charts).toHaveLength(6);
    for (const c of charts) {
      expect(c.noData, c.title).toBe(true);
      expect(c.emptyText, c.title).toMatch(/^no .* in this period$/);
      expect(c.yTicks, c.title).toEqual([]);
      expect(c.references, c.title).toEqual([]);
      expect(c.clipped, c.title).toEqual([]);
    }
    await expect(page.locator('#knowledge-gaps').textContent()).resolves.toMatch(/No failed searches/);

    const shot = join(shots, 'dashboard-empty.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    mkdirSync('test-output', { recursive: true });
    copyFileSync(shot, join('test-output', 'dashboard-empty.png'));

    // Prometheus leaves SLA compliance, CSAT and NPS out rather than reporting 0 (alerts would fire on a fresh desk).
    const prom = await (await fetch(`${empty.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(prom).not.toMatch(/^support_(sla_compliance_ratio|csat_average|nps)\b/m);
    expect(prom).toMatch(/^support_tickets\{status="open"\} 0$/m);
    await page.close();
  });

  it('the demo month fills every panel with readable charts', async () => {
    const page = await signIn(context, demo.url);
    expect(await page.locator('#getting-started').count()).toBe(0);
    expect(Number(await page.locator('[data-card="Tickets"] .value').textContent())).toBeGreaterThan(150);
    await expect(page.locator('[data-card="CSAT"] .value').textContent()).resolves.toMatch(/^[1-5]\.\d\d$/);
    await expect(page.locator('[data-card="NPS"] .value').textContent()).resolves.toMatch(/^-?\d+$/);
    await expect(page.locator('[data-card="SLA compliance"] .value').textContent()).resolves.toMatch(/^\d+\.\d%$/);
    expect(await page.locator('#open-tickets tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('#at-risk > li').count()).toBeGreaterThan(0);

    const charts = new Map((await chartFacts(page)).map((c) => [c.title, c]));
    for (const c of charts.values()) {
      expect(c.noData, c.title).toBe(false);
      expect(c.yTicks.length, c.title).toBeGreaterThanOrEqual(3);
      expect(new Set(c.yTicks).size, `${c.title}: ${c.yTicks.join(', ')}`).toBe(c.yTicks.length); // no repeated tick label
      expect(new Set(c.xTicks).size, c.title).toBe(c.xTicks.length);
      expect(c.clipped, c.title).toEqual([]); // every label inside its picture (the last date was cut off)
    }
    const response = charts.get('First response time (p50, p90)')!;
    for (const t of response.yTicks) expect(t).toMatch(/^(0|\d+m|\d+h( \d+m)?|\d+d)$/);
    expect(charts.get('Ticket volume per day')!.yTicks.every((t) => /^\d+$/.test(t))).toBe(true);
    expect(charts.get('CSAT distribution')!.yTicks.every((t) => /^\d+$/.test(t))).toBe(true);
    expect(charts.get('Ticket volume per day')!.xTicks.at(-1)).toBe('Jun 30');
    const sla = charts.get('SLA compliance')!;
    expect(sla.references).toEqual(['target 95%']);
    expect(sla.series.compliance?.d.match(/L/g)?.length ?? 0).toBeGreaterThan(15); // the series itself, not only its target
    expect(sla.yTicks).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(charts.get('CSAT (daily average)')!.series.CSAT?.d.match(/L/g)?.length ?? 0).toBeGreaterThan(10);

    const gaps = (await page.locator('#knowledge-gaps').textContent()) ?? '';
    expect(gaps).toMatch(/okta sso|zendesk|helm/i);
    expect(gaps).not.toMatch(/\bdown\b|502|leaked|disappeared|asdf|qwer/i);

    const shot = join(shots, 'dashboard-demo.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(100_000);
    copyFileSync(shot, join('test-output', 'dashboard-demo.png'));
    if (!existsSync(README_SHOT) || process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(process.cwd(), 'docs', 'images'), { recursive: true });
      copyFileSync(shot, README_SHOT);
    }
    await page.close();
  });
});
