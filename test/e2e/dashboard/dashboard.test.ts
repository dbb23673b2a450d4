import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/ports/clock.js';
import { queryDesk } from '../../support/query-desk.js';
import { startTestServer } from '../../support/start-test-server.js';
import type { TestServer } from '../../support/start-test-server.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'dash-token-for-tests';
const NOW = Date.UTC(2025, 5, 30, 12);
const H = 3_600_000;
const D = 24 * H;
const OUT = join(process.cwd(), 'test-output');

/**
 * Tickets, ratings and failed searches written straight into the server's database, SQLite or PostgreSQL (`?`
 * placeholders; `escalated` as 1 or 0, which PostgreSQL takes for its BOOLEAN column). Each INSERT returns a column,
 * as queryDesk reads rows.
 */
async function seed(server: TestServer) {
  const run = (sql: string, params: unknown[]) => queryDesk<{ id: number }>(server.desk.stores, sql, params);
  const ticket = async (...values: unknown[]) => {
    const [row] = await run(
      `INSERT INTO tickets (key, status, priority, category, tier, customer_id, requester_id, platform, channel_id, conversation_key, subject, assignee_id,
    created_at, updated_at, first_response_due_at, first_response_at, resolved_at, escalated) VALUES (?, ?, ?, ?, ?, ?, 'u1', 'slack', 'C_ACME', ?, ?, ?, ?, ?, ?, ?, ?, ?)
    RETURNING id`,
      values,
    );
    return row!.id;
  };
  const msg = (...values: unknown[]) =>
    run(
      "INSERT INTO ticket_messages (ticket_id, platform, author_id, role, text, at) VALUES (?, 'slack', ?, ?, ?, ?) RETURNING id",
      values,
    );
  const rating = (...values: unknown[]) =>
    run(
      "INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES (?, ?, ?, 'u1', ?) RETURNING ticket_id",
      values,
    );
  for (let i = 0; i < 40; i++) {
    const created = NOW - (i % 28) * D - 5 * H;
    const late = i % 5 === 0;
    const id = await ticket(
      `SUP-${i + 1}`,
      'resolved',
      i % 4 === 0 ? 'high' : 'medium',
      i % 3 ? 'bug' : 'setup-help',
      'enterprise',
      'acme',
      `k${i}`,
      'Webhook fails with a 500',
      'alice',
      created,
      created,
      created + 4 * H,
      created + (late ? 6 : 1) * H,
      created + 8 * H,
      i % 10 === 0 ? 1 : 0,
    );
    await msg(
      id,
      'u1',
      'customer',
      i % 2 ? 'Thanks, that fixed it!' : 'The webhook is still broken and this is really frustrating.',
      created,
    );
    await msg(id, 'alice', 'staff', 'Looking into it', created + H);
    await rating(id, 'csat', 2 + (i % 4), created + 9 * H);
    await rating(id, 'nps', i % 11, created + 9 * H);
  }
  await ticket(
    'SUP-41',
    'open',
    'critical',
    'service-down',
    'enterprise',
    'acme',
    'k41',
    'Production is down for EU users',
    null,
    NOW - 3 * H,
    NOW - 3 * H,
    NOW - H,
    null,
    null,
    1,
  );
  await ticket(
    'SUP-42',
    'open',
    'high',
    'bug',
    'professional',
    'globex',
    'k42',
    'Export drops columns',
    null,
    NOW - H,
    NOW - H,
    NOW + 3 * H,
    null,
    null,
    0,
  );
  for (const q of ['how do I configure okta sso', 'configure okta sso', 'okta sso configuration'])
    await run(
      "INSERT INTO kb_searches (query, platform, tier, result_count, at) VALUES (?, 'slack', 'enterprise', 0, ?) RETURNING id",
      [q, NOW - D],
    );
}

describe('dashboard', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { DASHBOARD_TOKEN: TOKEN }, clock: fixedClock(NOW) });
    await seed(server);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('refuses every read without the token (401 for the API, redirect to the login form for the page)', async () => {
    const api = await fetch(`${server.url}/api/metrics?period=30d`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await fetch(`${server.url}/api/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const page = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login');
    expect(
      (await fetch(`${server.url}/`, { redirect: 'manual', headers: { cookie: 'desk_dashboard=forged' } })).status,
    ).toBe(303);
  });

  it('serves the JSON API, usage import and Prometheus metrics with the bearer token', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const m = (await (await fetch(`${server.url}/api/metrics?period=30d`, { headers: auth })).json()) as {
      overall: { tickets: number; sla: { compliance: number } };
    };
    expect(m.overall.tickets).toBe(42);
    expect(m.overall.sla.compliance).toBeCloseTo(32 / 41); // 8 of 40 answered late, SUP-41 overdue, SUP-42 still running
    expect((await fetch(`${server.url}/api/metrics?period=soon`, { headers: auth })).status).toBe(400);
    const tickets = (await (await fetch(`${server.url}/api/tickets`, { headers: auth })).json()) as {
      tickets: { key: string }[];
    };
    expect(tickets.tickets.map((t) => t.key)).toEqual(['SUP-41', 'SUP-42']);
    const bad = await fetch(`${server.url}/api/usage`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: 'customer_id,date,active_users\nacme,yesterday,3\n',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: string[] }).problems[0]).toMatch(/line 2: date: must be YYYY-MM-DD/);
    const csv =
      'customer_id,date,active_users,seats,events,renewal_date\nacme,2025-06-25,4,40,200,2025-08-01\nacme,2025-05-25,30,40,9000,\n';
    const ok = await fetch(`${server.url}/api/usage`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(await ok.json()).toEqual({ imported: 2 });
    const health = (await (await fetch(`${server.url}/api/customers/acme/health`, { headers: auth })).json()) as {
      risk: string;
      factors: { name: string }[];
    };
    expect(health.risk).toBe('at-risk');
    expect(health.factors.map((f) => f.name)).toEqual(['usage', 'engagement', 'support', 'satisfaction', 'growth']);
    expect((await fetch(`${server.url}/api/customers/nobody/health`, { headers: auth })).status).toBe(404);
    const prom = await (await fetch(`${server.url}/metrics`, { headers: auth })).text();
    expect(prom).toMatch(/support_tickets\{status="open"\} 2/);
    expect(prom).toMatch(/support_sla_compliance_ratio 0\.78/);
  });

  it('loads in headless Chromium after signing in, shows the figures, and saves a screenshot', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install Debian's package with \`apt-get update && apt-get install -y chromium\` (CI: add it to .ci/run)`,
      );
    }
    const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
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
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.fill('#token', 'wrong');
      await page.click('button[type=submit]');
      await expect(page.locator('.error').textContent()).resolves.toMatch(/not right/);
      await page.fill('#token', TOKEN);
      await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type=submit]')]);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'desk_dashboard')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

      await expect(page.locator('[data-card="Tickets"] .value').textContent()).resolves.toBe('42');
      await expect(page.locator('[data-card="SLA compliance"] .value').textContent()).resolves.toBe('78.0%');
      await expect(page.locator('[data-card="SLA compliance"]').getAttribute('class')).resolves.toMatch(/warn/);
      const charts = await page
        .locator('figure.chart')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')));
      expect(charts).toEqual([
        'Ticket volume per day',
        'First response time (p50, p90)',
        'SLA compliance',
        'CSAT (daily average)',
        'NPS (daily)',
        'CSAT distribution',
      ]);
      expect(await page.locator('figure.chart svg rect').count()).toBeGreaterThan(20);
      const rows = await page.locator('#open-tickets tbody tr').allTextContents();
      expect(rows[0]).toMatch(/SUP-41.*Production is down.*overdue 1h 0m/);
      expect(rows[1]).toMatch(/SUP-42.*in 3h 0m/);
      // The countdown ticks in the browser.
      await page.waitForFunction("/overdue 1h/.test(document.querySelector('.countdown')?.textContent ?? '')");
      await expect(page.locator('#on-call').textContent()).resolves.toMatch(/Now: Alice Agent/);
      await expect(page.locator('#at-risk').textContent()).resolves.toMatch(/Acme Corp.*at-risk/);
      await expect(page.locator('#knowledge-gaps').textContent()).resolves.toMatch(/Configure okta sso.*3 searches/);
      await expect(page.locator('#opportunities').textContent()).resolves.toMatch(/sla-compliance/);

      mkdirSync(OUT, { recursive: true });
      // One file per store: the sqlite and postgres projects run at the same time.
      const shot = join(OUT, server.store === 'sqlite' ? 'dashboard.png' : 'dashboard-postgres.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

describe('dashboard without DASHBOARD_TOKEN', () => {
  it('is refused with a message saying how to enable it, not left open', async () => {
    const server = await startTestServer();
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/no DASHBOARD_TOKEN is configured/);
      const api = await fetch(`${server.url}/api/metrics`, { headers: { authorization: 'Bearer anything' } });
      expect(api.status).toBe(503);
      expect(((await api.json()) as { message: string }).message).toMatch(/DASHBOARD_TOKEN/);
    } finally {
      await server.dispose();
    }
  });
});
