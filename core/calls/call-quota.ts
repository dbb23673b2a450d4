import { DateTime } from 'luxon';
import type { TierPolicy } from '../config/default-tiers.js';
import type { Tier } from '../model/types.js';
import { cachedZone } from '../time/cached-zone.js';
import type { QuotaMonth } from './call-booking.js';

/** Where a customer stands with this month's video calls. */
export type CallQuota =
  | { kind: 'none' }
  | { kind: 'unlimited' }
  | { kind: 'available'; used: number; limit: number; left: number }
  | { kind: 'exhausted'; used: number; limit: number };

/** The quota for a tier's `videoCallsPerMonth` when `usedThisMonth` counted bookings fall in the month. */
export function callQuota(limit: TierPolicy['videoCallsPerMonth'], usedThisMonth: number): CallQuota {
  if (limit === 'unlimited') return { kind: 'unlimited' };
  if (limit <= 0) return { kind: 'none' };
  const used = Math.max(0, Math.floor(usedThisMonth));
  return used >= limit ? { kind: 'exhausted', used, limit } : { kind: 'available', used, limit, left: limit - used };
}

/** Where a customer without a call is pointed, unless the caller says otherwise. */
export const ASK_IN_THREAD = 'ask in this thread and we will answer here.';

const tierName = (tier: Tier) => tier.charAt(0).toUpperCase() + tier.slice(1);

/**
 * The customer-facing sentence for a refused call: "Community tier has no video calls: to reach us, ask in this thread
 * and we will answer here.", or "1 of 1 calls this month used; the next is available from 1 March." (the start of the next
 * month, read in the customer's zone). `month` is the month the quota was counted in.
 */
export function quotaRefusal(input: {
  tier: Tier;
  quota: CallQuota;
  month: QuotaMonth;
  timezone: string;
  /** How else to reach the desk, completing "to reach us, …" (default: ask in the thread). */
  reachUs?: string;
}): string {
  const { quota } = input;
  const reachUs = input.reachUs ?? ASK_IN_THREAD;
  switch (quota.kind) {
    case 'none':
      return `${tierName(input.tier)} tier has no video calls: to reach us, ${reachUs}`;
    case 'exhausted': {
      const next = DateTime.fromMillis(input.month.end, { zone: cachedZone(input.timezone) })
        .setLocale('en-US')
        .toFormat('d LLLL');
      // Partitive "X of N calls" (like "1 of 1 files"): plural whatever the counts, so "1 of 1 calls".
      return `${quota.used} of ${quota.limit} calls this month used; the next is available from ${next}.`;
    }
    default:
      return `No video call can be booked here: to reach us, ${reachUs}`;
  }
}
