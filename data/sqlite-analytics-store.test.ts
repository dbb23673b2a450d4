import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalytics } from '../core/analytics/create-analytics.js';
import { parseSupportConfig } from '../core/config/support-config.js';
import { fixedClock } from '../core/ports/clock.js';
import { openDatabase } from './open-database.js';
import type { SqliteDatabase } from './open-database.js';
import { createSqliteAnalyticsStore } from './sqlite-analytics-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.UTC(2025, 5, 30, 12);

interface Seed {
  tier: string;
  platform: string;
  category: string;
  priority: string;
  agent: string | null;
  customer: string | null;
  status: string;
  created: number;
  due: number | null;
  responded: number | null;
  resolved: number | null;
  reopen?: number;
  escalated?: boolean;
  staffReplies: number;
}

/** Hand-made tickets; the expected figures in the tests below are worked out from this table. */
const SEED: Seed[] = [
  {
    tier: 'enterprise',
    platform: 'slack',
    category: 'bug',
    priority: 'high',
    agent: 'alice',
    customer: 'acme',
    status: 'resolved',
    created: NOW - 10 * D,
    due: NOW - 10 * D + 4 * H,
    responded: NOW - 10 * D + 1 * H,
    resolved: NOW - 10 * D + 5 * H,
    staffReplies: 1,
  },
  {
    tier: 'enterprise',
    platform: 'slack',
    category: 'bug',
    priority: 'critical',
    agent: 'alice',
    customer: 'acme',
    status: 'closed',
    created: NOW - 9 * D,
    due: NOW - 9 * D + 2 * H,
    responded: NOW - 9 * D + 3 * H,
    resolved: NOW - 9 * D + 10 * H,
    escalated: true,
    staffReplies: 2,
  },
  {
    tier: 'professional',
    platform: 'github',
    category: 'setup-help',
    priority: 'medium',
    agent: 'bob',
    customer: 'globex',
    status: 'pending',
    created: NOW - 5 * D,
    due: NOW - 4 * D,
    responded: NOW - 5 * D + 2 * H,
    resolved: null,
    staffReplies: 1,
  },
  {
    tier: 'professional',
    platform: 'discord',
    category: 'setup-help',
    priority: 'low',
    agent: null,
    customer: 'globex',
    status: 'open',
    created: NOW - 1 * D,
    due: NOW - 1 * D + 2 * H,
    responded: null,
    resolved: null,
    staffReplies: 0,
  },
  {
    tier: 'community',
    platform: 'discord',
    category: 'general-question',
    priority: 'low',
    agent: null,
    customer: null,
    status: 'open',
    created: NOW - 1 * H,
    due: NOW + 3 * D,
    responded: null,
    resolved: null,
    staffReplies: 0,
  },
  {
    tier: 'enterprise',
    platform: 'slack',
    category: 'performance-issue',
    priority: 'high',
    agent: 'alice',
    customer: 'acme',
    status: 'resolved',
    created: NOW - 3 * D,
    due: NOW - 3 * D + 4 * H,
    responded: NOW - 3 * D + 0.5 * H,
    resolved: NOW - 3 * D + 2 * H,
    reopen: 1,
    staffReplies: 1,
  },
  {
    tier: 'enterprise',
    platform: 'slack',
    category: 'bug',
    priority: 'high',
    agent: 'alice',
    customer: 'acme',
    status: 'closed',
    created: NOW - 40 * D,
    due: NOW - 40 * D + 4 * H,
    responded: NOW - 40 * D + 9 * H,
    resolved: NOW - 40 * D + 20 * H,
    staffReplies: 1,
  },
];

function seed(db: SqliteDatabase) {
  const ticket =
    db.prepare(`INSERT INTO tickets (key, status, priority, category, tier, customer_id, requester_id, platform, channel_id, conversation_key, subject, assignee_id,
    created_at, updated_at, first_response_due_at, first_response_at, resolved_at, reopen_count, escalated) VALUES (?, ?, ?, ?, ?, ?, 'u1', ?, 'C1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const msg = db.prepare(
    'INSERT INTO ticket_messages (ticket_id, platform, author_id, role, text, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  SEED.forEach((s, i) => {
    const id = Number(
      ticket.run(
        `SUP-${i + 1}`,
        s.status,
        s.priority,
        s.category,
        s.tier,
        s.customer,
        s.platform,
        `k${i}`,
        i < 3 ? 'webhook timeout on deploy' : 'login broken',
        s.agent,
        s.created,
        s.created,
        s.due,
        s.responded,
        s.resolved,
        s.reopen ?? 0,
        s.escalated ? 1 : 0,
      ).lastInsertRowid,
    );
    msg.run(
      id,
      s.platform,
      'u1',
      'customer',
      i === 1 ? 'This is not acceptable, the service is down!' : 'Thanks, that fixed it!',
      s.created,
    );
    for (let r = 0; r < s.staffReplies; r++)
      msg.run(id, s.platform, s.agent ?? 'x', 'staff', 'on it', (s.responded ?? s.created) + r);
  });
  const rating = db.prepare('INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES (?, ?, ?, ?, ?)');
  rating.run(1, 'csat', 5, 'u1', NOW - 9 * D);
  rating.run(2, 'csat', 2, 'u1', NOW - 8 * D);
  rating.run(2, 'nps', 3, 'u1', NOW - 8 * D);
  rating.run(6, 'nps', 10, 'u1', NOW - 2 * D);
  rating.run(7, 'csat', 1, 'u1', NOW - 39 * D); // outside the 30-day window
  const search = db.prepare(
    "INSERT INTO kb_searches (query, platform, tier, result_count, top_article_id, at) VALUES (?, 'slack', 'enterprise', ?, ?, ?)",
  );
  search.run('How do I configure Okta SSO', 0, null, NOW - 2 * D);
  search.run('how do i configure okta sso', 0, null, NOW - 1 * D);
  search.run('okta sso configuration', 0, null, NOW - 1 * D);
  search.run('rotate slack token', 3, 'slack-tokens', NOW - 1 * D);
  const vote = db.prepare(
    "INSERT INTO kb_votes (article_id, voter_id, context, helpful, platform, at) VALUES (?, ?, 'm', ?, 'slack', ?)",
  );
  for (let v = 0; v < 5; v++) vote.run('slack-tokens', `v${v}`, v === 0 ? 1 : 0, NOW - D);
}

describe('SqliteAnalyticsStore on a real SQLite file', () => {
  let dir: string;
  let db: SqliteDatabase;
  const config = parseSupportConfig({
    customers: [
      { id: 'acme', name: 'Acme', tier: 'enterprise', successManager: 'carol' },
      { id: 'globex', name: 'Globex', tier: 'professional' },
    ],
    staff: [
      { id: 'alice', name: 'Alice', roles: ['agent'] },
      { id: 'carol', name: 'Carol', slack: 'U_CAROL', roles: ['customer-success-manager'] },
    ],
    slack: { staffChannel: 'C_STAFF' },
  });
  if (!config.ok) throw new Error(config.problems.join());
  const make = () =>
    createAnalytics({
      store: createSqliteAnalyticsStore(db),
      tickets: createSqliteSupportStore(db),
      config: config.config,
      clock: fixedClock(NOW),
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'analytics-'));
    db = openDatabase(join(dir, 'desk.sqlite'));
    seed(db);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('computes the 30-day measurements in SQL (hand-checked)', async () => {
    const m = await make().metrics('30d');
    const o = m.overall;
    expect(o.tickets).toBe(6);
    expect(o.active).toBe(3);
    // Responses 1h, 3h, 2h, 0.5h: avg 1.625h, p50 1.5h.
    expect(o.firstResponse.count).toBe(4);
    expect(o.firstResponse.avgMs).toBeCloseTo(1.625 * H);
    expect(o.firstResponse.p50Ms).toBeCloseTo(1.5 * H);
    // Clocks hit: #1, #3, #6; missed: #2 (late) and #4 (unanswered past due); #5 still running.
    expect(o.sla).toEqual({ hit: 3, missed: 2, compliance: 0.6 });
    // Resolved #1, #2, #6; one staff reply on #1 and #6.
    expect(o.resolution.resolved).toBe(3);
    expect(o.resolution.fcrRate).toBeCloseTo(2 / 3);
    expect(o.resolution.avgMs).toBeCloseTo(((5 + 10 + 2) / 3) * H);
    expect(o.escalationRate).toBeCloseTo(1 / 6);
    expect(o.reopenRate).toBeCloseTo(1 / 3);
    expect(o.csat).toMatchObject({ count: 2, avg: 3.5, distribution: [0, 1, 0, 0, 1] });
    expect(o.nps).toMatchObject({ count: 2, promoters: 1, detractors: 1, score: 0 });
    expect(m.feedbackVolume).toBe(4);
    const enterprise = m.by.tier.find((s) => s.key === 'enterprise')!;
    expect(enterprise.tickets).toBe(3);
    expect(enterprise.sla.compliance).toBeCloseTo(2 / 3);
    expect(m.by.platform.map((s) => [s.key, s.tickets])).toEqual([
      ['slack', 3],
      ['discord', 2],
      ['github', 1],
    ]);
    expect(m.agents[0]).toMatchObject({
      agent: 'alice',
      name: 'Alice',
      handled: 3,
      resolved: 3,
      medianHandlingMs: 5 * H,
    });
    expect(m.unassigned).toBe(2);
    expect(m.daily).toHaveLength(31); // a 30-day window from noon touches 31 UTC days
    expect(m.daily.reduce((n, d) => n + d.tickets, 0)).toBe(6);
    expect(m.sentiment.sampled).toBe(6);
    expect(m.sentiment.negative).toBe(1);
    expect(m.opportunities.map((x) => x.metric)).toEqual(['sla-compliance', 'first-contact-resolution', 'csat']);
  });

  it('reads the period through the covering index', () => {
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT tier, COUNT(*) FROM tickets INDEXED BY tickets_analytics WHERE created_at >= 0 AND created_at < 1 GROUP BY tier',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/COVERING INDEX tickets_analytics/);
  });

  it('lists open tickets by due time and counts statuses', async () => {
    const a = make();
    const open = await a.openTickets(10);
    expect(open.map((t) => t.key)).toEqual(['SUP-4', 'SUP-5', 'SUP-3']);
    expect(open[0]!.dueInMs).toBe(-22 * H);
    expect(open[2]!.dueInMs).toBeNull(); // answered
    expect(await a.ticketCountsByStatus()).toEqual({ open: 2, pending: 1, resolved: 2, closed: 2 });
  });

  it('finds knowledge gaps and articles to update', async () => {
    const imp = await make().improvement('30d');
    expect(imp.knowledgeGaps[0]).toMatchObject({
      suggestedTitle: 'How to configure okta sso',
      searches: 3,
      noResult: 3,
    });
    expect(imp.knowledgeGaps.find((g) => g.articleIds.includes('slack-tokens'))).toMatchObject({ notHelpful: 1 });
    expect(imp.articleUpdates.map((t) => t.articleId)).toEqual(['slack-tokens']);
  });

  it("passes each failed search's intent on, so outage reports and gibberish are no articles to write", async () => {
    const search = db.prepare(
      "INSERT INTO kb_searches (query, platform, tier, result_count, intent, at) VALUES (?, 'slack', 'enterprise', 0, ?, ?)",
    );
    for (let i = 0; i < 5; i++)
      search.run('Production API is down, every request returns 502', 'service-down', NOW - D);
    for (let i = 0; i < 4; i++) search.run('asdf qwer', 'greeting-thanks', NOW - D);
    const gaps = await createSqliteAnalyticsStore(db).searchGaps({ from: NOW - 30 * D, to: NOW }, 100);
    expect(gaps.find((g) => g.query.startsWith('production api'))).toMatchObject({ count: 5, intent: 'service-down' });
    const titles = (await make().improvement('30d')).knowledgeGaps.map((g) => g.suggestedTitle);
    expect(titles[0]).toBe('How to configure okta sso');
    expect(titles.join(' | ')).not.toMatch(/down|asdf/i);
    db.prepare(
      "DELETE FROM kb_searches WHERE query IN ('Production API is down, every request returns 502', 'asdf qwer')",
    ).run();
  });

  it('imports usage, scores health and sends each outreach trigger once per period', async () => {
    const a = make();
    await a.importUsage([
      { customerId: 'acme', date: '2025-06-20', activeUsers: 5, seats: 50, events: 500, renewalDate: '2025-08-15' },
      { customerId: 'acme', date: '2025-05-20', activeUsers: 20, seats: 50, events: 900, renewalDate: null },
    ]);
    const h = (await a.customerHealth('acme'))!;
    expect(h.factors.find((f) => f.name === 'usage')!.explanation).toBe(
      '5 active users on average of 50 seats (10% adoption)',
    );
    expect(h.risk).toBe('at-risk');
    expect(await a.customerHealth('nobody')).toBeNull();
    const first = await a.runOutreach();
    expect(first.map((r) => `${r.customerId}:${r.trigger}`).sort()).toEqual([
      'acme:low-usage',
      'acme:renewal-risk',
      'acme:support-escalation',
    ]);
    expect(await a.runOutreach()).toEqual([]);
    const outbox = db.prepare("SELECT conversation, message FROM outbox WHERE dedupe_key LIKE 'outreach:%'").all() as {
      conversation: string;
      message: string;
    }[];
    expect(outbox).toHaveLength(3);
    expect(JSON.parse(outbox[0]!.conversation)).toEqual({ platform: 'slack', channelId: 'U_CAROL' });
    expect((await a.listOutreach(0))[0]!.reasons.length).toBeGreaterThan(0);
  });

  it('queues the weekly report for the staff channel once per week', async () => {
    const a = make();
    expect(await a.queueWeeklyReport()).toBe(true);
    expect(await a.queueWeeklyReport()).toBe(false);
    const row = db
      .prepare("SELECT conversation, message FROM outbox WHERE dedupe_key LIKE 'report:weekly:%'")
      .get() as { conversation: string; message: string };
    expect(JSON.parse(row.conversation)).toEqual({ platform: 'slack', channelId: 'C_STAFF' });
    expect(JSON.parse(row.message).text).toMatch(/^Weekly support report\n\nSupport stats, last 7d/);
  });
});
