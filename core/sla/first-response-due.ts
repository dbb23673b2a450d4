import type { TierPolicy } from '../config/default-tiers.js';
import type { BusinessHoursConfig } from '../config/support-config.js';
import type { Millis, Priority, Tier } from '../model/types.js';
import { addBusinessMinutes } from './add-business-minutes.js';

export interface DueInput {
  createdAt: Millis;
  tier: Tier;
  priority: Priority;
  timezone: string;
  tiers: Record<Tier, TierPolicy>;
  businessHours: BusinessHoursConfig;
}

/** When the first response is due, or null when the tier promises none for this priority. */
export function firstResponseDue(input: DueInput): Millis | null {
  const policy = input.tiers[input.tier];
  const minutes = policy.targets[input.priority];
  if (minutes === null) return null;
  if (policy.hours === 'business')
    return addBusinessMinutes(input.createdAt, minutes, input.timezone, input.businessHours);
  return input.createdAt + minutes * 60_000;
}
