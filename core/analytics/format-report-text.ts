import type { CallUsageRow } from '../calls/call-usage-rows.js';
import { DIMENSIONS } from './dimensions.js';
import type { DeskMetrics } from './build-desk-metrics.js';
import { formatDuration, formatNum, formatPct } from './format-duration.js';
import { formatStatsText } from './format-stats-text.js';
import type { CustomerHealth } from './health-score.js';
import type { ImprovementReport } from './improvement-report.js';

/** The improvement report as plain text (terminal, weekly staff-channel post). */
export function formatReportText(
  m: DeskMetrics,
  improvement: ImprovementReport,
  health: readonly CustomerHealth[] = [],
): string {
  const out = [formatStatsText(m), ''];
  for (const dim of DIMENSIONS) {
    const slices = m.by[dim];
    if (!slices.length) continue;
    out.push(`By ${dim}:`);
    for (const s of slices.slice(0, 8)) {
      out.push(
        `  ${(s.key ?? 'unassigned').padEnd(18)} ${String(s.tickets).padStart(6)} tickets  p50 ${formatDuration(s.firstResponse.p50Ms).padStart(7)}  SLA ${formatPct(s.sla.compliance).padStart(6)}  FCR ${formatPct(s.resolution.fcrRate).padStart(6)}  CSAT ${formatNum(s.csat.avg)}`,
      );
    }
  }
  if (m.agents.length) {
    out.push('', 'Agents:');
    for (const a of m.agents.slice(0, 10))
      out.push(
        `  ${(a.name ?? a.agent).padEnd(18)} ${a.handled} handled, ${a.resolved} resolved, median handling ${formatDuration(a.medianHandlingMs)}, ${formatPct(a.share, 0)} of team load`,
      );
  }
  out.push(
    '',
    `Sentiment of customer messages: ${formatNum(m.sentiment.avg)} (${m.sentiment.positive} positive, ${m.sentiment.neutral} neutral, ${m.sentiment.negative} negative of ${m.sentiment.sampled} sampled)`,
  );
  if (m.opportunities.length) {
    out.push('', 'Optimisation opportunities:');
    for (const op of m.opportunities) {
      out.push(
        `  ${op.metric}: ${op.metric === 'csat' ? op.value.toFixed(2) : formatPct(op.value)} (target ${op.metric === 'csat' ? op.target.toFixed(1) : formatPct(op.target, 0)})${op.weakest.length ? `; weakest: ${op.weakest.join(', ')}` : ''}`,
      );
      for (const r of op.recommendations) out.push(`    - ${r}`);
    }
  }
  if (improvement.risingTopics.length)
    out.push(
      '',
      `Rising topics: ${improvement.risingTopics.map((t) => `${t.term} (${t.previous} -> ${t.current})`).join(', ')}`,
    );
  if (improvement.knowledgeGaps.length) {
    out.push('', 'Knowledge gaps (articles to write):');
    for (const g of improvement.knowledgeGaps.slice(0, 10))
      out.push(
        `  "${g.suggestedTitle}": ${g.searches} searches (${g.noResult} without result, ${g.notHelpful} not helpful), e.g. ${g.examples
          .slice(0, 2)
          .map((e) => `"${e}"`)
          .join(', ')}`,
      );
  }
  if (improvement.articleUpdates.length) {
    out.push('', 'Articles to update:');
    for (const t of improvement.articleUpdates) out.push(`  ${t.articleId}: ${t.reason}`);
  }
  const risky = health.filter((h) => h.risk !== 'healthy');
  if (risky.length) {
    out.push('', 'Customers to watch:');
    for (const h of risky)
      out.push(
        `  ${h.customerId}: ${h.score} (${h.risk}); ${h.factors
          .filter((f) => f.score < 60)
          .map((f) => `${f.name}: ${f.explanation}`)
          .join('; ')}`,
      );
  }
  return out.join('\n');
}

/**
 * The report's "Video calls this month" section: per customer whose tier has calls, in their own calendar month,
 * booked (counted bookings: held, confirmed, done, no-show), held (calls that took place: done) and remaining (quota
 * left, `unlimited`, or `none`).
 */
export function formatCallUsageText(rows: readonly CallUsageRow[]): string {
  if (!rows.length) return "Video calls this month: no configured customer's tier has video calls.";
  const out = [
    "Video calls this month, in each customer's zone (booked: counted against the quota, cancelled calls not; held: took place; remaining: quota left):",
  ];
  for (const r of rows)
    out.push(
      `  ${r.name.padEnd(18)} ${r.tier.padEnd(12)} ${r.month}  booked ${String(r.booked).padStart(3)}  held ${String(r.held).padStart(3)}  remaining ${r.remaining}`,
    );
  return out.join('\n');
}
