import type { Dimension } from './dimensions.js';
import type { SliceMetrics } from './slice-metrics.js';

/** The support strategy's targets. */
export const TARGETS = { slaCompliance: 0.95, fcrRate: 0.7, csatAvg: 4.0 } as const;

export interface Opportunity {
  metric: 'sla-compliance' | 'first-contact-resolution' | 'csat';
  /** The measured value and the target it falls below. */
  value: number;
  target: number;
  /** The weakest slices (e.g. "tier enterprise: 81%"), so the recommendation points somewhere. */
  weakest: string[];
  recommendations: string[];
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

function weakest(
  by: Record<Dimension, SliceMetrics[]>,
  value: (s: SliceMetrics) => number | null,
  format: (v: number) => string,
  target: number,
  minTickets = 5,
): string[] {
  const found: { label: string; v: number }[] = [];
  for (const [dim, slices] of Object.entries(by) as [Dimension, SliceMetrics[]][]) {
    for (const s of slices) {
      const v = value(s);
      if (v !== null && v < target && s.tickets >= minTickets)
        found.push({ label: `${dim} ${s.key ?? 'unassigned'}: ${format(v)}`, v });
    }
  }
  return found
    .sort((a, b) => a.v - b.v)
    .slice(0, 3)
    .map((f) => f.label);
}

/** Each strategy threshold the desk falls below, with where it is worst and what to do about it. */
export function optimisationOpportunities(overall: SliceMetrics, by: Record<Dimension, SliceMetrics[]>): Opportunity[] {
  const out: Opportunity[] = [];
  const sla = overall.sla.compliance;
  if (sla !== null && sla < TARGETS.slaCompliance) {
    out.push({
      metric: 'sla-compliance',
      value: sla,
      target: TARGETS.slaCompliance,
      weakest: weakest(by, (s) => s.sla.compliance, pct, TARGETS.slaCompliance),
      recommendations: [
        'Add on-call coverage for the hours and tiers where clocks are missed; check the rota covers every shift.',
        'Route critical and high tickets to the staff channel at once and page the on-call person before the due time.',
        'Answer first with a short acknowledgement and a plan; the clock stops at the first staff reply.',
        'Review the tier targets: a target the team cannot meet with its staffing is a promise that will keep breaking.',
      ],
    });
  }
  const fcr = overall.resolution.fcrRate;
  if (fcr !== null && fcr < TARGETS.fcrRate) {
    out.push({
      metric: 'first-contact-resolution',
      value: fcr,
      target: TARGETS.fcrRate,
      weakest: weakest(by, (s) => s.resolution.fcrRate, pct, TARGETS.fcrRate),
      recommendations: [
        'Write knowledge-base articles for the top knowledge gaps so agents can link a complete answer in one reply.',
        'Ask for the details you always need (version, logs, steps) in the bot’s first reply, before a person picks it up.',
        'Give agents saved replies and the authority to resolve common account and billing requests themselves.',
        'Review tickets that needed several replies each week and turn the recurring ones into articles or fixes.',
      ],
    });
  }
  const csat = overall.csat.avg;
  if (csat !== null && csat < TARGETS.csatAvg) {
    out.push({
      metric: 'csat',
      value: csat,
      target: TARGETS.csatAvg,
      weakest: weakest(
        by,
        (s) => s.csat.avg,
        (v) => v.toFixed(2),
        TARGETS.csatAvg,
        1,
      ),
      recommendations: [
        'Read every rating of 1 or 2 with its transcript and follow up with the customer within a day.',
        'Check whether low ratings follow missed SLAs or reopened tickets, and fix that cause first.',
        'Set expectations in the first reply: what happens next and by when.',
        'Share the best-rated transcripts with the team as examples.',
      ],
    });
  }
  return out;
}
