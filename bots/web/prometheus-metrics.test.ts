import { describe, expect, it } from 'vitest';
import type { Analytics } from '../../core/index.js';
import { createPrometheusMetrics } from './prometheus-metrics.js';

type Metrics = Awaited<ReturnType<Analytics['metrics']>>;
const slice = (over: Partial<Metrics['overall']>): Metrics['overall'] =>
  ({
    key: null,
    tickets: 0,
    active: 0,
    firstResponse: { count: 0, avgMs: null, p50Ms: null, p90Ms: null, p99Ms: null },
    sla: { hit: 0, missed: 0, compliance: null },
    resolution: { resolved: 0, avgMs: null, p50Ms: null, fcrRate: null },
    escalationRate: null,
    reopenRate: null,
    csat: { count: 0, avg: null, distribution: [0, 0, 0, 0, 0] },
    nps: { count: 0, score: null, promoters: 0, passives: 0, detractors: 0 },
    ...over,
  }) as Metrics['overall'];

/** The two reads /metrics makes of analytics, over fixed figures. */
function fakeAnalytics(overall: Metrics['overall'], tickets = 0): Analytics {
  return {
    metrics: async () => ({ overall }) as Metrics,
    ticketCountsByStatus: async () => ({ open: tickets, pending: 0, resolved: 0, closed: 0 }),
  } as unknown as Analytics;
}

const scrape = (analytics: Analytics) =>
  createPrometheusMetrics(analytics, { defaultMetrics: false }).registry.metrics();
const sample = (text: string, name: string) =>
  text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));

describe('/metrics', () => {
  it('leaves SLA compliance, CSAT, NPS and the other ratios out on a fresh desk instead of reporting 0', async () => {
    const text = await scrape(fakeAnalytics(slice({})));
    for (const name of [
      'support_sla_compliance_ratio',
      'support_csat_average',
      'support_nps',
      'support_first_contact_resolution_ratio',
      'support_escalation_ratio',
      'support_reopen_ratio',
      'support_first_response_seconds',
    ]) {
      expect(sample(text, name), name).toBeUndefined();
      expect(text).toContain(`# TYPE ${name} gauge`); // still declared, so dashboards know the series
    }
    expect(text).toMatch(/^support_tickets\{status="open"\} 0$/m); // a count of nothing is 0
  });

  it('reports the figures once there is data, and drops them again when the data ages out', async () => {
    let overall = slice({
      tickets: 10,
      sla: { hit: 9, missed: 1, compliance: 0.9 },
      csat: { count: 4, avg: 4.5, distribution: [0, 0, 0, 2, 2] } as Metrics['overall']['csat'],
      nps: { count: 3, score: -33.3 } as Metrics['overall']['nps'],
      firstResponse: {
        count: 2,
        avgMs: 60_000,
        p50Ms: 60_000,
        p90Ms: 120_000,
        p99Ms: 120_000,
      } as Metrics['overall']['firstResponse'],
    });
    const analytics = {
      metrics: async () => ({ overall }) as Metrics,
      ticketCountsByStatus: async () => ({ open: 1, pending: 0, resolved: 9, closed: 0 }),
    } as unknown as Analytics;
    const metrics = createPrometheusMetrics(analytics, { defaultMetrics: false });
    const text = await metrics.registry.metrics();
    expect(sample(text, 'support_sla_compliance_ratio')).toBe('support_sla_compliance_ratio 0.9');
    expect(sample(text, 'support_csat_average')).toBe('support_csat_average 4.5');
    expect(sample(text, 'support_nps')).toBe('support_nps -33.3');
    expect(text).toMatch(/^support_first_response_seconds\{quantile="0\.5"\} 60$/m);
    expect(sample(text, 'support_escalation_ratio')).toBeUndefined();

    overall = slice({});
    const later = await metrics.registry.metrics();
    expect(sample(later, 'support_sla_compliance_ratio')).toBeUndefined();
    expect(sample(later, 'support_csat_average')).toBeUndefined();
  });
});
