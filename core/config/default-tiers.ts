import type { Priority, Tier } from '../model/types.js';

export type ServiceHours = 'best-effort' | 'business' | '24x7';

export interface TierPolicy {
  /** First-response target in minutes per priority; null = no promise. */
  targets: Record<Priority, number | null>;
  hours: ServiceHours;
  /** Whether breaches of this tier page anyone. */
  paged: boolean;
  /** Raise the category's base priority by this many levels (never up to critical). */
  priorityBoost: number;
  /** Video calls a customer of this tier may book per calendar month (in their time zone). */
  videoCallsPerMonth: number | 'unlimited';
}

const H = 60;

/** The product's support strategy: first-response targets per tier and priority. */
export const DEFAULT_TIERS: Record<Tier, TierPolicy> = {
  community: {
    targets: { critical: null, high: null, medium: 72 * H, low: 7 * 24 * H },
    hours: 'best-effort',
    paged: false,
    priorityBoost: 0,
    videoCallsPerMonth: 0,
  },
  professional: {
    targets: { critical: 24 * H, high: 8 * H, medium: 24 * H, low: 48 * H },
    hours: 'business',
    paged: true,
    priorityBoost: 0,
    videoCallsPerMonth: 1,
  },
  enterprise: {
    targets: { critical: 2 * H, high: 4 * H, medium: 8 * H, low: 24 * H },
    hours: '24x7',
    paged: true,
    priorityBoost: 1,
    videoCallsPerMonth: 'unlimited',
  },
  'white-glove': {
    targets: { critical: 1 * H, high: 2 * H, medium: 4 * H, low: 8 * H },
    hours: '24x7',
    paged: true,
    priorityBoost: 1,
    videoCallsPerMonth: 'unlimited',
  },
};
