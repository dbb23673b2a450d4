import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Analytics } from '../../core/index.js';

/**
 * A gauge read at scrape time that is left out of the scrape while there is nothing to measure (no rating, no SLA
 * clock in 30 days): a missing sample, as Prometheus conventions ask, rather than a 0 that reads as "every SLA missed"
 * and fires alerts on a fresh desk. (prom-client always prints a label-less gauge, 0 after a reset.)
 */
class GaugeWithoutData extends Gauge {
  readonly #read: () => Promise<number | null>;
  constructor(config: { name: string; help: string; registers: Registry[]; read: () => Promise<number | null> }) {
    super({ name: config.name, help: config.help, registers: config.registers });
    this.#read = config.read;
  }
  override async get() {
    const v = await this.#read();
    if (v !== null && Number.isFinite(v)) this.set(v);
    const metric = await super.get();
    return v === null || !Number.isFinite(v) ? { ...metric, values: [] } : metric;
  }
}

/** A prom-client registry for /metrics: ticket gauges read at scrape time (30-day figures) and desk counters. */
export function createPrometheusMetrics(analytics: Analytics, options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'support_desk_' });
  new Gauge({
    name: 'support_tickets',
    help: 'Tickets by status (all time)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await analytics.ticketCountsByStatus();
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  const gauge30d = (
    name: string,
    help: string,
    pick: (m: Awaited<ReturnType<Analytics['metrics']>>) => number | null,
  ) =>
    new GaugeWithoutData({ name, help, registers: [registry], read: async () => pick(await analytics.metrics('30d')) });
  new Gauge({
    name: 'support_first_response_seconds',
    help: 'First response time over the last 30 days, by quantile',
    labelNames: ['quantile'],
    registers: [registry],
    async collect() {
      const r = (await analytics.metrics('30d')).overall.firstResponse;
      this.reset();
      for (const [q, v] of [
        ['0.5', r.p50Ms],
        ['0.9', r.p90Ms],
        ['0.99', r.p99Ms],
      ] as const)
        if (v !== null) this.set({ quantile: q }, v / 1000);
    },
  });
  gauge30d(
    'support_sla_compliance_ratio',
    'Share of first-response SLA clocks hit over the last 30 days',
    (m) => m.overall.sla.compliance,
  );
  gauge30d(
    'support_first_contact_resolution_ratio',
    'Resolved tickets with one staff reply / resolved tickets, last 30 days',
    (m) => m.overall.resolution.fcrRate,
  );
  gauge30d('support_escalation_ratio', 'Escalated / opened tickets, last 30 days', (m) => m.overall.escalationRate);
  gauge30d('support_reopen_ratio', 'Reopened / ever-resolved tickets, last 30 days', (m) => m.overall.reopenRate);
  gauge30d('support_csat_average', 'Average CSAT (1-5), last 30 days', (m) => m.overall.csat.avg);
  gauge30d('support_nps', 'Net promoter score (-100..100), last 30 days', (m) => m.overall.nps.score);
  return {
    registry,
    dashboardViews: new Counter({
      name: 'support_dashboard_views_total',
      help: 'Dashboard pages served',
      registers: [registry],
    }),
    usageRowsImported: new Counter({
      name: 'support_usage_rows_imported_total',
      help: 'Usage rows imported through the API',
      registers: [registry],
    }),
    /** Token checks on the login form and bearer requests: ok, wrong (counted against the address), throttled (not compared). */
    signIns: new Counter({
      name: 'support_dashboard_token_checks_total',
      help: 'Dashboard token checks by way in (login, bearer) and outcome (ok, wrong, throttled)',
      labelNames: ['via', 'outcome'],
      registers: [registry],
    }),
    outreachSent: new Counter({
      name: 'support_outreach_notifications_total',
      help: 'Outreach notifications sent to success managers',
      labelNames: ['trigger'],
      registers: [registry],
    }),
  };
}

export type PrometheusMetrics = ReturnType<typeof createPrometheusMetrics>;
