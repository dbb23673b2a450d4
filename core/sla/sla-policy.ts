import type { BusinessHoursConfig, SupportConfig } from '../config/support-config.js';
import type { Millis, Priority, Tier } from '../model/types.js';
import type { EscalationPolicy, EscalationStep, TimerKind } from '../ports/sla-store.js';
import { addBusinessMinutes, businessMinutesBetween } from './add-business-minutes.js';

const H = 60;
type Targets = Record<Priority, number | null>;

/**
 * Default resolution targets in minutes (business minutes for professional). Community is best effort: no promise.
 * professional: critical 2 business days (16 h), high 3 (24 h), medium 5 (40 h), low 10 (80 h);
 * enterprise: critical 8 h, high 24 h, medium 3 d, low 7 d; white-glove: critical 4 h, high 12 h, medium 2 d, low 5 d.
 */
export const DEFAULT_RESOLUTION_TARGETS: Record<Tier, Targets> = {
  community: { critical: null, high: null, medium: null, low: null },
  professional: { critical: 16 * H, high: 24 * H, medium: 40 * H, low: 80 * H },
  enterprise: { critical: 8 * H, high: 24 * H, medium: 72 * H, low: 168 * H },
  'white-glove': { critical: 4 * H, high: 12 * H, medium: 48 * H, low: 120 * H },
};

/** Default escalation chains started by a breach. Community is never paged. */
export const DEFAULT_ESCALATION: Record<Tier, EscalationStep[]> = {
  community: [],
  professional: [{ who: 'support-manager', ackWaitMinutes: 60, repeat: 1 }],
  enterprise: [
    { who: 'customer-success-manager', ackWaitMinutes: 30, repeat: 1 },
    { who: 'support-manager', ackWaitMinutes: 30, repeat: 1 },
  ],
  'white-glove': [
    { who: 'technical-account-manager', ackWaitMinutes: 15, repeat: 1 },
    { who: 'support-manager', ackWaitMinutes: 15, repeat: 1 },
    { who: 'executive', ackWaitMinutes: 30, repeat: 0 },
  ],
};

export interface SlaPolicy {
  warnAt: number;
  /** Target in minutes for a clock, or null when the tier promises none. */
  target(kind: Exclude<TimerKind, 'critical-update'>, tier: Tier, priority: Priority): number | null;
  /** Whether breaches and warnings of this tier reach people (community: never). */
  paged(tier: Tier): boolean;
  /** `minutes` of service time after `from`: business minutes in the customer's zone, or wall-clock for 24x7. */
  addServiceMinutes(from: Millis, minutes: number, tier: Tier, timezone: string): Millis;
  /** Service ms left between two instants (business ms for business-hours tiers). */
  serviceMsBetween(from: Millis, to: Millis, tier: Tier, timezone: string): number;
  escalation(tier: Tier): EscalationPolicy;
  criticalOpen(tier: Tier): EscalationPolicy;
  updateIntervalMs: number;
  notifiesExecutives(tier: Tier): boolean;
}

export function createSlaPolicy(config: Pick<SupportConfig, 'tiers' | 'businessHours' | 'sla'>): SlaPolicy {
  const { sla } = config;
  const business = (tier: Tier) => config.tiers[tier].hours === 'business';
  const hours: BusinessHoursConfig = config.businessHours;
  return {
    warnAt: sla.warnAt,
    target(kind, tier, priority) {
      if (kind === 'first-response') return config.tiers[tier].targets[priority];
      if (kind === 'next-response') {
        const over = sla.nextResponse[tier]?.[priority];
        return over === undefined ? config.tiers[tier].targets[priority] : over;
      }
      const over = sla.resolution[tier]?.[priority];
      return over === undefined ? DEFAULT_RESOLUTION_TARGETS[tier][priority] : over;
    },
    paged: (tier) => config.tiers[tier].paged && config.tiers[tier].hours !== 'best-effort',
    addServiceMinutes: (from, minutes, tier, timezone) =>
      business(tier) ? addBusinessMinutes(from, minutes, timezone, hours) : from + Math.round(minutes * 60_000),
    serviceMsBetween: (from, to, tier, timezone) =>
      business(tier) ? Math.round(businessMinutesBetween(from, to, timezone, hours) * 60_000) : Math.max(0, to - from),
    escalation: (tier) => ({
      name: `breach:${tier}`,
      steps: (sla.escalation[tier] ?? DEFAULT_ESCALATION[tier]).map((s) => ({ ...s })),
    }),
    criticalOpen: (tier) => ({
      name: `critical:${tier}`,
      steps: [...sla.critical.pageOnCall, ...(sla.escalation[tier] ?? DEFAULT_ESCALATION[tier])].map((s) => ({ ...s })),
    }),
    updateIntervalMs: sla.critical.updateIntervalMinutes * 60_000,
    notifiesExecutives: (tier) => sla.critical.notifyExecutives.includes(tier),
  };
}

/** Due and warning instants of a clock started at `from` with `minutes` of service time. */
export function clockTimes(
  policy: SlaPolicy,
  from: Millis,
  minutes: number,
  tier: Tier,
  timezone: string,
): { dueAt: Millis; warnAt: Millis } {
  return {
    dueAt: policy.addServiceMinutes(from, minutes, tier, timezone),
    warnAt: policy.addServiceMinutes(from, Math.max(1, Math.round(minutes * policy.warnAt)), tier, timezone),
  };
}
