import type { CustomerConfig } from '../../core/config/support-config.js';
import type { RandomSource } from '../../core/classifier/seeded-random.js';
import type { Millis, Tier } from '../../core/model/types.js';
import type { UsageRecord } from '../../core/ports/analytics-store.js';

const DAY = 86_400_000;
const SEATS: Record<Tier, number> = { community: 0, professional: 25, enterprise: 60, 'white-glove': 150 };

/** How a customer's product use moves over the demo: steady, fading (a churn risk) or outgrowing its seats. */
export type UsagePattern = 'steady' | 'declining' | 'growing';
const PATTERNS: readonly UsagePattern[] = ['steady', 'declining', 'growing'];

export const usagePattern = (index: number): UsagePattern => PATTERNS[index % PATTERNS.length] as UsagePattern;
export const isoDay = (at: Millis) => new Date(at).toISOString().slice(0, 10);

/**
 * One customer's figures for the day starting at `day`: active users as a share of seats that moves along the
 * pattern as `progress` goes from 0 (the demo's first day, and the window before it) to 1 (its last), fewer on
 * weekends, plus noise. Renewal dates count from `renewalFrom`.
 */
export function usageFor(
  customer: CustomerConfig,
  index: number,
  day: Millis,
  at: { progress: number; renewalFrom: Millis },
  random: RandomSource,
): UsageRecord {
  const seats = SEATS[customer.tier] || 10;
  const pattern = usagePattern(index);
  const progress = Math.min(1, Math.max(0, at.progress));
  const [start, finish, perUser] =
    pattern === 'declining' ? [0.72, 0.22, 5] : pattern === 'growing' ? [0.78, 1.05, 16] : [0.74, 0.78, 12];
  const weekend = [0, 6].includes(new Date(day).getUTCDay()) ? 0.45 : 1;
  const share = (start + (finish - start) * progress) * weekend * (0.92 + random() * 0.16);
  const activeUsers = Math.max(0, Math.round(seats * share));
  // Renewal: the fading customer renews within six weeks (renewal risk), the others later in the year.
  const renewal = at.renewalFrom + (pattern === 'declining' ? 40 : 150 + 30 * index) * DAY;
  return {
    customerId: customer.id,
    date: isoDay(day),
    activeUsers,
    seats,
    events: Math.round(activeUsers * perUser * (0.85 + random() * 0.3)),
    renewalDate: isoDay(renewal),
  };
}
