import { describe, expect, it } from 'vitest';
import type { TicketGroupRow } from '../ports/analytics-store.js';
import { agentProductivity } from './agent-productivity.js';
import { healthScore, riskCategory } from './health-score.js';
import { articleUpdateTasks, knowledgeGaps, titleFromQuery } from './knowledge-gaps.js';
import { optimisationOpportunities } from './optimisation-opportunities.js';
import { outreachTriggers } from './outreach-triggers.js';
import { isoWeekKey, monthKey, parsePeriod, previousPeriod } from './period.js';
import { escalationRate, fcrRate, reopenRate, slaCompliance } from './rates.js';
import { responseStats } from './response-stats.js';
import { risingTopics } from './rising-topics.js';
import { csatSummary, npsSummary, tally } from './satisfaction.js';
import { sliceMetrics } from './slice-metrics.js';

const H = 3_600_000;
const group = (over: Partial<TicketGroupRow>): TicketGroupRow => ({
  tier: 'enterprise',
  platform: 'slack',
  category: 'bug',
  priority: 'high',
  agent: 'alice',
  tickets: 0,
  responded: 0,
  responseMsSum: 0,
  slaHit: 0,
  slaMissed: 0,
  resolved: 0,
  resolutionMsSum: 0,
  fcr: 0,
  escalated: 0,
  reopened: 0,
  everResolved: 0,
  active: 0,
  ...over,
});

describe('response-time percentiles (R-7, hand-checked)', () => {
  it('interpolates between ranks', () => {
    // 1..10 hours: p50 = 5.5h; p90 rank 8.1 -> 9 + 0.1 = 9.1h; p99 rank 8.91 -> 9.91h; avg 5.5h.
    const s = responseStats([10, 1, 9, 2, 8, 3, 7, 4, 6, 5].map((h) => h * H));
    expect(s.count).toBe(10);
    expect(s.p50Ms).toBeCloseTo(5.5 * H);
    expect(s.p90Ms).toBeCloseTo(9.1 * H);
    expect(s.p99Ms).toBeCloseTo(9.91 * H);
    expect(s.avgMs).toBeCloseTo(5.5 * H);
  });
  it('is null on an empty sample and the value itself on one', () => {
    expect(responseStats([])).toEqual({ count: 0, avgMs: null, p50Ms: null, p90Ms: null, p99Ms: null });
    expect(responseStats([42]).p99Ms).toBe(42);
  });
});

describe('rates', () => {
  it('computes SLA compliance, FCR, escalation and reopen rates, null when nothing to divide', () => {
    expect(slaCompliance(19, 1)).toBe(0.95);
    expect(slaCompliance(0, 0)).toBeNull();
    expect(fcrRate(7, 10)).toBe(0.7);
    expect(escalationRate(3, 60)).toBe(0.05);
    expect(reopenRate(2, 8)).toBe(0.25);
    expect(reopenRate(0, 0)).toBeNull();
  });
});

describe('satisfaction', () => {
  it('NPS = % promoters (9-10) minus % detractors (0-6)', () => {
    // 4 promoters (9,10,10,9), 3 passives (7,8,8), 3 detractors (0,5,6): (4 - 3) / 10 = +10.
    const n = npsSummary(tally([9, 10, 10, 9, 7, 8, 8, 0, 5, 6]));
    expect(n).toEqual({ count: 10, promoters: 4, passives: 3, detractors: 3, score: 10 });
    expect(npsSummary(tally([0, 1, 2])).score).toBe(-100);
    expect(npsSummary([]).score).toBeNull();
  });
  it('CSAT average and distribution, ignoring out-of-range scores', () => {
    const c = csatSummary(tally([5, 5, 4, 3, 1, 7]));
    expect(c.count).toBe(5);
    expect(c.avg).toBeCloseTo(18 / 5);
    expect(c.distribution).toEqual([1, 0, 1, 1, 2]);
  });
});

describe('slice metrics and opportunities', () => {
  it('rolls group rows up and flags the thresholds with recommendations', () => {
    const groups = [
      group({
        tickets: 10,
        responded: 10,
        responseMsSum: 20 * H,
        slaHit: 8,
        slaMissed: 2,
        resolved: 8,
        resolutionMsSum: 80 * H,
        fcr: 4,
        escalated: 1,
        reopened: 2,
        everResolved: 9,
        active: 2,
      }),
      group({
        tier: 'professional',
        agent: null,
        tickets: 10,
        responded: 5,
        responseMsSum: 5 * H,
        slaHit: 5,
        slaMissed: 0,
        resolved: 2,
        resolutionMsSum: 4 * H,
        fcr: 2,
        everResolved: 2,
        active: 8,
      }),
    ];
    const ratings = [
      { ...group({}), kind: 'csat' as const, score: 3, count: 2 },
      { ...group({}), kind: 'csat' as const, score: 4, count: 1 },
    ];
    const s = sliceMetrics(null, groups, [], ratings);
    expect(s.tickets).toBe(20);
    expect(s.firstResponse.avgMs).toBeCloseTo((25 / 15) * H);
    expect(s.sla.compliance).toBeCloseTo(13 / 15);
    expect(s.resolution.fcrRate).toBeCloseTo(6 / 10); // FCR = 6 resolved with one staff reply / 10 resolved
    expect(s.escalationRate).toBe(0.05);
    expect(s.reopenRate).toBeCloseTo(2 / 11);
    expect(s.csat.avg).toBeCloseTo(10 / 3);
    const ops = optimisationOpportunities(s, {
      tier: [sliceMetrics('enterprise', [groups[0]!], [], [])],
      platform: [],
      category: [],
      priority: [],
      agent: [],
    });
    expect(ops.map((o) => o.metric)).toEqual(['sla-compliance', 'first-contact-resolution', 'csat']);
    expect(ops[0]!.weakest).toEqual(['tier enterprise: 80%']);
    expect(ops.every((o) => o.recommendations.length >= 3)).toBe(true);
  });
  it('reports no opportunity when every target is met', () => {
    const s = sliceMetrics(
      null,
      [group({ tickets: 10, slaHit: 10, resolved: 10, fcr: 8 })],
      [],
      [{ ...group({}), kind: 'csat', score: 5, count: 3 }],
    );
    expect(optimisationOpportunities(s, { tier: [], platform: [], category: [], priority: [], agent: [] })).toEqual([]);
  });
  it('agent productivity: handled, median handling time, share of load', () => {
    const groups = [
      group({ agent: 'alice', tickets: 6, resolved: 3 }),
      group({ agent: 'bob', tickets: 2, resolved: 1 }),
      group({ agent: null, tickets: 4 }),
    ];
    const durations = [1, 3, 8].map((h) => ({
      ...group({ agent: 'alice' }),
      day: 0,
      firstResponseMs: null,
      resolutionMs: h * H,
    }));
    const { agents, unassigned } = agentProductivity(groups, durations, new Map([['alice', 'Alice']]));
    expect(unassigned).toBe(4);
    expect(agents[0]).toMatchObject({
      agent: 'alice',
      name: 'Alice',
      handled: 6,
      resolved: 3,
      medianHandlingMs: 3 * H,
      share: 0.75,
      loadVsAverage: 1.5,
    });
    expect(agents[1]).toMatchObject({ agent: 'bob', share: 0.25, medianHandlingMs: null });
  });
});

describe('customer health', () => {
  const usage = (
    date: string,
    activeUsers: number,
    seats: number | null,
    events: number,
    renewalDate: string | null = null,
  ) => ({ customerId: 'acme', date, activeUsers, seats, events, renewalDate });
  const noSupport = null;
  it('weights usage .3, engagement .25, support .2, satisfaction .15, growth .1 (hand-checked)', () => {
    const h = healthScore({
      customerId: 'acme',
      windowDays: 30,
      // 40 of 50 seats on average (usage 80); 6,000 events / (40 users x 30 days) = 5/day (engagement 50).
      usage: [usage('2025-06-01', 40, 50, 3000), usage('2025-06-15', 40, 50, 3000)],
      // previous window 50 users: -20% (growth 60 - 20 = 40).
      previousUsage: [usage('2025-05-01', 50, 50, 3000)],
      // 1 critical + 1 high + 1 low ticket, 1 escalation: 100 - 25 - 10 - 3 - 15 = 47.
      support: {
        customerId: 'acme',
        tickets: 3,
        critical: 1,
        high: 1,
        escalated: 1,
        slaMissed: 0,
        active: 0,
        csatCount: 2,
        csatSum: 8,
        npsCount: 0,
        npsPromoters: 0,
        npsDetractors: 0,
      },
    });
    const f = Object.fromEntries(h.factors.map((x) => [x.name, x.score]));
    // satisfaction: CSAT 4.0 -> (4 - 1) / 4 = 75.
    expect(f).toEqual({ usage: 80, engagement: 50, support: 47, satisfaction: 75, growth: 40 });
    // 0.3*80 + 0.25*50 + 0.2*47 + 0.15*75 + 0.1*40 = 24 + 12.5 + 9.4 + 11.25 + 4 = 61.15 -> 61.2 (watch)
    expect(h.score).toBe(61.2);
    expect(h.risk).toBe('watch');
    expect(h.factors.find((x) => x.name === 'support')!.explanation).toBe(
      '3 tickets, 1 critical, 1 high, 1 escalated: -53 points',
    );
  });
  it('explains unknown factors and maps scores to risk categories', () => {
    const h = healthScore({ customerId: 'acme', windowDays: 30, usage: [], previousUsage: [], support: noSupport });
    expect(h.factors.map((x) => x.score)).toEqual([50, 50, 100, 60, 50]);
    expect(h.factors[0]!.explanation).toMatch(/no usage figures/);
    expect([riskCategory(70), riskCategory(69.9), riskCategory(50), riskCategory(49.9)]).toEqual([
      'healthy',
      'watch',
      'watch',
      'at-risk',
    ]);
  });
  it('fires outreach triggers with reasons', () => {
    const now = Date.UTC(2025, 5, 30);
    const low = healthScore({
      customerId: 'acme',
      windowDays: 30,
      usage: [usage('2025-06-10', 5, 50, 100, '2025-08-01')],
      previousUsage: [usage('2025-05-10', 20, 50, 100)],
      support: noSupport,
    });
    const esc = {
      customerId: 'acme',
      tickets: 2,
      critical: 2,
      high: 0,
      escalated: 1,
      slaMissed: 0,
      active: 0,
      csatCount: 0,
      csatSum: 0,
      npsCount: 0,
      npsPromoters: 0,
      npsDetractors: 0,
    };
    const fired = outreachTriggers(low, esc, now);
    expect(fired.map((f) => f.trigger)).toEqual(['low-usage', 'support-escalation', 'renewal-risk']);
    expect(fired[2]!.reasons[0]).toMatch(/renewal on 2025-08-01 \(in 32 days\)/);
    const growing = healthScore({
      customerId: 'acme',
      windowDays: 30,
      usage: [usage('2025-06-10', 48, 50, 15000)],
      previousUsage: [usage('2025-05-10', 30, 50, 9000)],
      support: noSupport,
    });
    expect(outreachTriggers(growing, null, now).map((f) => f.trigger)).toEqual(['expansion-opportunity']);
  });
});

describe('continuous improvement', () => {
  it('groups similar failed searches and suggests an article title', () => {
    const gaps = knowledgeGaps([
      { query: 'how do I configure okta sso', count: 5, reason: 'no-result', articleId: null, lastAt: 0 },
      { query: 'configure SSO with Okta', count: 2, reason: 'no-result', articleId: null, lastAt: 0 },
      { query: 'okta sso configuration', count: 1, reason: 'not-helpful', articleId: 'sso', lastAt: 0 },
      { query: 'export tickets csv', count: 3, reason: 'no-result', articleId: null, lastAt: 0 },
    ]);
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toMatchObject({
      suggestedTitle: 'How to configure okta sso',
      searches: 8,
      noResult: 7,
      notHelpful: 1,
      articleIds: ['sso'],
    });
    expect(gaps[1]!.suggestedTitle).toBe('Export tickets csv');
    expect(titleFromQuery('Can I rotate the Slack token?')).toBe('How to rotate the Slack token');
  });
  it('turns articles below the helpful-ratio threshold into update tasks', () => {
    const tasks = articleUpdateTasks([
      { articleId: 'a', helpful: 1, notHelpful: 4 },
      { articleId: 'b', helpful: 4, notHelpful: 1 },
      { articleId: 'c', helpful: 0, notHelpful: 2 },
    ]);
    expect(tasks.map((t) => t.articleId)).toEqual(['a']);
    expect(tasks[0]!.reason).toMatch(/4 of 5 votes/);
  });
  it('finds terms rising against the previous period', () => {
    const cur = [
      'webhook timeout on deploy',
      'webhook timeout again',
      'webhook timeout in EU',
      'billing question',
      'login broken',
    ];
    const prev = ['billing question', 'login broken', 'billing invoice', 'login page slow', 'webhook retry'];
    const topics = risingTopics(cur, prev);
    expect(topics[0]).toMatchObject({ term: 'webhook timeout', current: 3, previous: 0 });
    expect(topics.map((t) => t.term)).not.toContain('billing');
  });
});

describe('periods', () => {
  it('parses 30d/12w/24h and refuses nonsense', () => {
    const now = Date.UTC(2025, 5, 30);
    expect(parsePeriod('30d', now)).toEqual({ label: '30d', from: now - 30 * 86_400_000, to: now });
    expect(previousPeriod(parsePeriod('7d', now)).to).toBe(now - 7 * 86_400_000);
    expect(() => parsePeriod('last month', now)).toThrow(/30d/);
    expect(monthKey(now)).toBe('2025-06');
    expect(isoWeekKey(Date.UTC(2025, 0, 1))).toBe('2025-W01');
    expect(isoWeekKey(Date.UTC(2024, 11, 30))).toBe('2025-W01');
    expect(isoWeekKey(Date.UTC(2021, 0, 3))).toBe('2020-W53');
  });
});
