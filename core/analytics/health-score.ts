import type { CustomerSupportRow, UsageRecord } from '../ports/analytics-store.js';

export const HEALTH_WEIGHTS = { usage: 0.3, engagement: 0.25, support: 0.2, satisfaction: 0.15, growth: 0.1 } as const;
export type HealthFactorName = keyof typeof HEALTH_WEIGHTS;
export type RiskCategory = 'healthy' | 'watch' | 'at-risk';

export interface HealthFactor {
  name: HealthFactorName;
  weight: number;
  /** 0-100. */
  score: number;
  /** Why this score, in words a success manager can repeat to the customer. */
  explanation: string;
}

export interface CustomerHealth {
  customerId: string;
  /** 0-100, the weighted sum of the factors. */
  score: number;
  risk: RiskCategory;
  factors: HealthFactor[];
  /** Usage figures the score rests on (for triggers and display). */
  usage: {
    adoption: number | null;
    activeUsers: number | null;
    seats: number | null;
    growth: number | null;
    renewalDate: string | null;
  };
}

export interface HealthInputs {
  customerId: string;
  /** Usage rows of the current window and of the window before it (same length). */
  usage: readonly UsageRecord[];
  previousUsage: readonly UsageRecord[];
  support: CustomerSupportRow | null;
  /** Events per active user per day that count as full engagement. */
  engagementTarget?: number;
  windowDays: number;
}

const clamp = (v: number, lo = 0, hi = 100) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 10) / 10;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Healthy at 70 and above, watch from 50, at-risk below 50. */
export function riskCategory(score: number): RiskCategory {
  return score >= 70 ? 'healthy' : score >= 50 ? 'watch' : 'at-risk';
}

/**
 * Health = 0.3 usage + 0.25 engagement + 0.2 support + 0.15 satisfaction + 0.1 growth, each factor 0-100:
 * - usage: adoption = mean active users / seats (capped at 100%); without seats, mean active users against the
 *   window's peak. No usage imported: 50 (unknown).
 * - engagement: events per active user per day against a target (default 10): 100 × min(1, rate / target).
 * - support: 100 minus 25 per critical, 10 per high and 3 per other ticket, 15 per escalation and 10 per missed SLA
 *   in the window (floored at 0).
 * - satisfaction: CSAT mapped 1..5 -> 0..100, averaged with NPS mapped -100..100 -> 0..100 when both exist; none: 60.
 * - growth: change of mean active users against the previous window: 60 + 100 × change, clamped (flat = 60,
 *   +40% or more = 100, -60% or worse = 0). No previous figures: 50.
 */
export function healthScore(input: HealthInputs): CustomerHealth {
  const target = input.engagementTarget ?? 10;
  const active = input.usage.map((u) => u.activeUsers);
  const meanActive = mean(active);
  const seatsList = input.usage.map((u) => u.seats).filter((s): s is number => s !== null && s > 0);
  const seats = seatsList.length ? (seatsList[seatsList.length - 1] as number) : null;
  const renewalDate =
    [...input.usage, ...input.previousUsage]
      .map((u) => u.renewalDate)
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const factors: HealthFactor[] = [];

  let adoption: number | null = null;
  if (meanActive === null)
    factors.push({
      name: 'usage',
      weight: HEALTH_WEIGHTS.usage,
      score: 50,
      explanation: 'no usage figures imported for this window: counted as 50 (unknown)',
    });
  else if (seats) {
    adoption = Math.min(1, meanActive / seats);
    factors.push({
      name: 'usage',
      weight: HEALTH_WEIGHTS.usage,
      score: round(adoption * 100),
      explanation: `${round(meanActive)} active users on average of ${seats} seats (${pct(adoption)} adoption)`,
    });
  } else {
    const peak = Math.max(...active);
    adoption = peak > 0 ? meanActive / peak : 0;
    factors.push({
      name: 'usage',
      weight: HEALTH_WEIGHTS.usage,
      score: round(adoption * 100),
      explanation: `${round(meanActive)} active users on average against a peak of ${peak} (no seat count imported)`,
    });
  }

  if (meanActive === null)
    factors.push({
      name: 'engagement',
      weight: HEALTH_WEIGHTS.engagement,
      score: 50,
      explanation: 'no usage figures imported: counted as 50 (unknown)',
    });
  else {
    const totalEvents = input.usage.reduce((n, u) => n + u.events, 0);
    const userDays = Math.max(meanActive, 1) * Math.max(input.windowDays, 1);
    const rate = totalEvents / userDays;
    factors.push({
      name: 'engagement',
      weight: HEALTH_WEIGHTS.engagement,
      score: round(clamp((rate / target) * 100)),
      explanation: `${round(rate)} actions per active user per day (target ${target})`,
    });
  }

  const s = input.support;
  if (!s || s.tickets === 0)
    factors.push({
      name: 'support',
      weight: HEALTH_WEIGHTS.support,
      score: 100,
      explanation: 'no tickets in the window',
    });
  else {
    const other = s.tickets - s.critical - s.high;
    const penalty = 25 * s.critical + 10 * s.high + 3 * other + 15 * s.escalated + 10 * s.slaMissed;
    const parts = [
      `${s.tickets} ticket${s.tickets === 1 ? '' : 's'}`,
      s.critical ? `${s.critical} critical` : '',
      s.high ? `${s.high} high` : '',
      s.escalated ? `${s.escalated} escalated` : '',
      s.slaMissed ? `${s.slaMissed} missed SLA` : '',
    ].filter(Boolean);
    factors.push({
      name: 'support',
      weight: HEALTH_WEIGHTS.support,
      score: clamp(100 - penalty),
      explanation: `${parts.join(', ')}: -${penalty} points`,
    });
  }

  const csat = s?.csatCount ? s.csatSum / s.csatCount : null;
  const nps = s?.npsCount ? ((s.npsPromoters - s.npsDetractors) / s.npsCount) * 100 : null;
  const sat = [csat === null ? null : ((csat - 1) / 4) * 100, nps === null ? null : (nps + 100) / 2].filter(
    (v): v is number => v !== null,
  );
  factors.push({
    name: 'satisfaction',
    weight: HEALTH_WEIGHTS.satisfaction,
    score: sat.length ? round(mean(sat) as number) : 60,
    explanation: sat.length
      ? [
          csat === null ? '' : `CSAT ${csat.toFixed(2)} from ${s?.csatCount} rating${s?.csatCount === 1 ? '' : 's'}`,
          nps === null ? '' : `NPS ${Math.round(nps)} from ${s?.npsCount} answer${s?.npsCount === 1 ? '' : 's'}`,
        ]
          .filter(Boolean)
          .join('; ')
      : 'no ratings in the window: counted as 60 (neutral)',
  });

  const prevActive = mean(input.previousUsage.map((u) => u.activeUsers));
  let growth: number | null = null;
  if (meanActive === null || prevActive === null || prevActive === 0)
    factors.push({
      name: 'growth',
      weight: HEALTH_WEIGHTS.growth,
      score: 50,
      explanation: 'no figures for the previous window to compare with: counted as 50 (unknown)',
    });
  else {
    growth = (meanActive - prevActive) / prevActive;
    factors.push({
      name: 'growth',
      weight: HEALTH_WEIGHTS.growth,
      score: round(clamp(60 + 100 * growth)),
      explanation: `active users ${growth >= 0 ? '+' : ''}${Math.round(growth * 100)}% against the previous window (${round(prevActive)} -> ${round(meanActive)})`,
    });
  }

  const score = round(factors.reduce((n, f) => n + f.weight * f.score, 0));
  return {
    customerId: input.customerId,
    score,
    risk: riskCategory(score),
    factors,
    usage: { adoption, activeUsers: meanActive, seats, growth, renewalDate },
  };
}
