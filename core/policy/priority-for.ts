import type { TierPolicy } from '../config/default-tiers.js';
import type { Category, Priority, Tier } from '../model/types.js';
import { PRIORITIES } from '../model/types.js';

/** Base priority per category, from the support strategy. */
export const CATEGORY_PRIORITY: Record<Category, Priority> = {
  'service-down': 'critical',
  'security-issue': 'critical',
  'data-loss': 'critical',
  'performance-issue': 'high',
  bug: 'high',
  'feature-request': 'medium',
  documentation: 'medium',
  'setup-help': 'low',
  'account-billing': 'low',
  'general-question': 'low',
  'call-request': 'low',
  'greeting-thanks': 'low',
};

export const CRITICAL_CATEGORIES: ReadonlySet<Category> = new Set(['service-down', 'security-issue', 'data-loss']);

/**
 * The category's base priority raised by the tier's `priorityBoost` levels. A boost never makes a ticket
 * critical: critical is reserved for outages, security and data loss, whoever reports them.
 */
export function priorityFor(category: Category, tier: Tier, tiers: Record<Tier, TierPolicy>): Priority {
  const base = CATEGORY_PRIORITY[category];
  if (base === 'critical') return base;
  const index = PRIORITIES.indexOf(base);
  const raised = Math.max(PRIORITIES.indexOf('high'), index - tiers[tier].priorityBoost);
  return PRIORITIES[raised] as Priority;
}
