import type { DailyRatingRow, DailyTicketRow, DurationRow, RatingGroupRow, TicketGroupRow } from '../ports/analytics-store.js';
import { agentProductivity } from './agent-productivity.js';
import type { AgentProductivity } from './agent-productivity.js';
import { DIMENSIONS, groupBy } from './dimensions.js';
import type { Dimension } from './dimensions.js';
import { optimisationOpportunities } from './optimisation-opportunities.js';
import type { Opportunity } from './optimisation-opportunities.js';
import { DAY_MS } from './period.js';
import type { Period } from './period.js';
import { slaCompliance } from './rates.js';
import { responseStats } from './response-stats.js';
import { csatSummary, npsSummary } from './satisfaction.js';
import type { SentimentSummary } from './sentiment.js';
import { sliceMetrics } from './slice-metrics.js';
import type { SliceMetrics } from './slice-metrics.js';

export interface DailyPoint {
  day: number;
  tickets: number;
  resolved: number;
  p50Ms: number | null;
  p90Ms: number | null;
  slaCompliance: number | null;
  csatAvg: number | null;
  nps: number | null;
}

export interface DeskMetrics {
  period: { label: string; from: number; to: number };
  overall: SliceMetrics;
  by: Record<Dimension, SliceMetrics[]>;
  daily: DailyPoint[];
  /** Ratings given in the period (CSAT + NPS answers). */
  feedbackVolume: number;
  sentiment: SentimentSummary;
  agents: AgentProductivity[];
  unassigned: number;
  opportunities: Opportunity[];
}

export interface MetricRows {
  groups: readonly TicketGroupRow[];
  daily: readonly DailyTicketRow[];
  durations: readonly DurationRow[];
  ratings: readonly RatingGroupRow[];
  dailyRatings: readonly DailyRatingRow[];
  sentiment: SentimentSummary;
  staffNames?: ReadonlyMap<string, string>;
}

function dailySeries(period: Period, rows: MetricRows): DailyPoint[] {
  const first = Math.floor(period.from / DAY_MS) * DAY_MS;
  const points = new Map<number, { t: DailyTicketRow | null; resp: number[]; csat: [number, number][]; nps: [number, number][] }>();
  for (let d = first; d < period.to; d += DAY_MS) points.set(d, { t: null, resp: [], csat: [], nps: [] });
  const at = (day: number) => points.get(day);
  for (const r of rows.daily) {
    const p = at(r.day);
    if (p) p.t = r;
  }
  for (const d of rows.durations) if (d.firstResponseMs !== null) at(d.day)?.resp.push(d.firstResponseMs);
  for (const r of rows.dailyRatings) at(r.day)?.[r.kind].push([r.score, r.count]);
  return [...points.entries()].map(([day, p]) => {
    const stats = responseStats(p.resp);
    return {
      day,
      tickets: p.t?.tickets ?? 0,
      resolved: p.t?.resolved ?? 0,
      p50Ms: stats.p50Ms,
      p90Ms: stats.p90Ms,
      slaCompliance: p.t ? slaCompliance(p.t.slaHit, p.t.slaMissed) : null,
      csatAvg: csatSummary(p.csat).avg,
      nps: npsSummary(p.nps).score,
    };
  });
}

/** Turn the store's aggregate rows into every measurement of the period, overall and per dimension. */
export function buildDeskMetrics(period: Period, rows: MetricRows): DeskMetrics {
  const overall = sliceMetrics(null, rows.groups, rows.durations, rows.ratings);
  const by = {} as Record<Dimension, SliceMetrics[]>;
  for (const dim of DIMENSIONS) {
    const g = groupBy(rows.groups, dim);
    const d = groupBy(rows.durations, dim);
    const r = groupBy(rows.ratings, dim);
    const keys = new Set([...g.keys(), ...r.keys()]);
    by[dim] = [...keys].map((k) => sliceMetrics(k, g.get(k) ?? [], d.get(k) ?? [], r.get(k) ?? [])).sort((a, b) => b.tickets - a.tickets || String(a.key).localeCompare(String(b.key)));
  }
  const { agents, unassigned } = agentProductivity(rows.groups, rows.durations, rows.staffNames);
  return {
    period: { label: period.label, from: period.from, to: period.to },
    overall,
    by,
    daily: dailySeries(period, rows),
    feedbackVolume: overall.csat.count + overall.nps.count,
    sentiment: rows.sentiment,
    agents,
    unassigned,
    opportunities: optimisationOpportunities(overall, by),
  };
}
