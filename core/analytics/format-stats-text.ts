import type { DeskMetrics } from './build-desk-metrics.js';
import { formatDuration, formatNum, formatPct } from './format-duration.js';

/**
 * The short text for `/support stats` (Slack, staff only) and chat summaries: plain text, no mentions, no user
 * input, so it is safe to post as is.
 */
export function formatStatsText(m: DeskMetrics): string {
  const o = m.overall;
  const lines = [
    `Support stats, last ${m.period.label}`,
    `Tickets: ${o.tickets} opened, ${o.active} still open, ${o.resolution.resolved} resolved`,
    `First response: avg ${formatDuration(o.firstResponse.avgMs)}, p50 ${formatDuration(o.firstResponse.p50Ms)}, p90 ${formatDuration(o.firstResponse.p90Ms)}, p99 ${formatDuration(o.firstResponse.p99Ms)}`,
    `SLA compliance: ${formatPct(o.sla.compliance)} (${o.sla.hit} hit, ${o.sla.missed} missed)`,
    `Resolution: avg ${formatDuration(o.resolution.avgMs)}, first-contact ${formatPct(o.resolution.fcrRate)}, escalated ${formatPct(o.escalationRate)}, reopened ${formatPct(o.reopenRate)}`,
    `CSAT: ${formatNum(o.csat.avg)} (${o.csat.count} ratings), NPS: ${o.nps.score === null ? '–' : Math.round(o.nps.score)} (${o.nps.count} answers)`,
  ];
  if (m.opportunities.length)
    lines.push(
      `Below target: ${m.opportunities.map((op) => `${op.metric} ${op.metric === 'csat' ? op.value.toFixed(2) : formatPct(op.value)} < ${op.metric === 'csat' ? op.target.toFixed(1) : formatPct(op.target, 0)}`).join('; ')}`,
    );
  return lines.join('\n');
}
