import type { Millis } from '../model/types.js';
import type { CustomerSupportRow, OutreachTrigger } from '../ports/analytics-store.js';
import { DAY_MS } from './period.js';
import type { CustomerHealth } from './health-score.js';

export interface FiredTrigger {
  trigger: OutreachTrigger;
  reasons: string[];
}

export const OUTREACH_RULES = {
  lowUsageScore: 40,
  escalations: 1,
  criticalTickets: 2,
  renewalWithinDays: 90,
  renewalHealthBelow: 70,
  expansionAdoption: 0.9,
  expansionGrowth: 0.2,
} as const;

/**
 * Which outreach triggers fire for a customer now:
 * - low usage: the usage factor is below 40;
 * - support escalation: an escalated ticket, or two or more critical tickets, in the window;
 * - renewal risk: renewal within 90 days while health is below 70 (watch or at-risk);
 * - expansion opportunity: adoption of 90% or more of seats and active users up 20% or more, while healthy.
 */
export function outreachTriggers(
  health: CustomerHealth,
  support: CustomerSupportRow | null,
  now: Millis,
): FiredTrigger[] {
  const out: FiredTrigger[] = [];
  const usage = health.factors.find((f) => f.name === 'usage');
  if (usage && health.usage.activeUsers !== null && usage.score < OUTREACH_RULES.lowUsageScore)
    out.push({
      trigger: 'low-usage',
      reasons: [`usage score ${usage.score} < ${OUTREACH_RULES.lowUsageScore}: ${usage.explanation}`],
    });
  if (
    support &&
    (support.escalated >= OUTREACH_RULES.escalations || support.critical >= OUTREACH_RULES.criticalTickets)
  ) {
    const reasons: string[] = [];
    if (support.escalated) reasons.push(`${support.escalated} escalated ticket${support.escalated === 1 ? '' : 's'}`);
    if (support.critical >= OUTREACH_RULES.criticalTickets) reasons.push(`${support.critical} critical tickets`);
    out.push({ trigger: 'support-escalation', reasons });
  }
  const renewal = health.usage.renewalDate ? Date.parse(`${health.usage.renewalDate}T00:00:00Z`) : Number.NaN;
  if (
    Number.isFinite(renewal) &&
    renewal >= now &&
    renewal - now <= OUTREACH_RULES.renewalWithinDays * DAY_MS &&
    health.score < OUTREACH_RULES.renewalHealthBelow
  ) {
    out.push({
      trigger: 'renewal-risk',
      reasons: [
        `renewal on ${health.usage.renewalDate} (in ${Math.ceil((renewal - now) / DAY_MS)} days) with health ${health.score} (${health.risk})`,
      ],
    });
  }
  const { adoption, growth } = health.usage;
  if (
    health.risk === 'healthy' &&
    adoption !== null &&
    adoption >= OUTREACH_RULES.expansionAdoption &&
    growth !== null &&
    growth >= OUTREACH_RULES.expansionGrowth
  ) {
    out.push({
      trigger: 'expansion-opportunity',
      reasons: [`${Math.round(adoption * 100)}% of seats in use and active users +${Math.round(growth * 100)}%`],
    });
  }
  return out;
}
