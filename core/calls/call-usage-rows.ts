import type { TierPolicy } from '../config/default-tiers.js';
import type { CustomerConfig } from '../config/support-config.js';
import type { Millis, Tier } from '../model/types.js';
import type { CallStore } from '../ports/call-store.js';
import type { CallBooking, QuotaMonth } from './call-booking.js';
import { COUNTED_STATUSES } from './call-booking.js';
import { quotaMonth } from './quota-month.js';

/**
 * One customer's video calls in their current calendar month (in their time zone): the dashboard's panel, the
 * report's section and `GET /api/calls`.
 */
export interface CallUsageRow {
  customerId: string;
  name: string;
  tier: Tier;
  timezone: string;
  /** The customer's calendar month, in their zone: `2026-03`. */
  month: string;
  /** Bookings counted against the month's quota: held, confirmed, done and no-show (not cancelled). */
  booked: number;
  /** Calls that took place (status `done`). */
  held: number;
  /** Quota left: limit − booked (never below 0); `unlimited`; `none` for a tier without calls. */
  remaining: number | 'unlimited' | 'none';
  /** The tier's `videoCallsPerMonth`. */
  limit: number | 'unlimited';
}

type UsageCustomer = Pick<CustomerConfig, 'id' | 'name' | 'tier' | 'timezone'>;

/** Whether a tier's `videoCallsPerMonth` lets its customers book calls at all. */
export const tierHasCalls = (limit: TierPolicy['videoCallsPerMonth']) => limit === 'unlimited' || limit > 0;

/**
 * The row of one customer for `month` (their month, in their zone). Pure: of `bookings` it counts only the customer's
 * counted ones starting in the month, so it may be fed `countedBookings` or any wider list.
 */
export function callUsageRow(input: {
  customer: UsageCustomer;
  limit: TierPolicy['videoCallsPerMonth'];
  month: QuotaMonth;
  bookings: readonly CallBooking[];
}): CallUsageRow {
  const { customer, limit, month } = input;
  const counted = input.bookings.filter(
    (b) =>
      b.customerId === customer.id &&
      COUNTED_STATUSES.includes(b.status) &&
      b.startsAt >= month.start &&
      b.startsAt < month.end,
  );
  const booked = counted.length;
  return {
    customerId: customer.id,
    name: customer.name,
    tier: customer.tier,
    timezone: customer.timezone,
    month: month.label,
    booked,
    held: counted.filter((b) => b.status === 'done').length,
    remaining: limit === 'unlimited' ? 'unlimited' : limit <= 0 ? 'none' : Math.max(0, limit - booked),
    limit,
  };
}

/**
 * The rows of every configured customer whose tier has calls, in configuration order, each for the calendar month of
 * `now` in the customer's zone. One `countedBookings` query per such customer (the query the quota check runs, so the
 * figures are the ones a customer is told); configured customers are few.
 */
export async function callUsageRows(input: {
  customers: readonly UsageCustomer[];
  tiers: Record<Tier, Pick<TierPolicy, 'videoCallsPerMonth'>>;
  calls: Pick<CallStore, 'countedBookings'>;
  now: Millis;
}): Promise<CallUsageRow[]> {
  const withCalls = input.customers.filter((c) => tierHasCalls(input.tiers[c.tier].videoCallsPerMonth));
  return Promise.all(
    withCalls.map(async (customer) => {
      const month = quotaMonth(input.now, customer.timezone);
      return callUsageRow({
        customer,
        limit: input.tiers[customer.tier].videoCallsPerMonth,
        month,
        bookings: await input.calls.countedBookings(customer.id, month.start, month.end),
      });
    }),
  );
}
