import { describe, expect, it } from 'vitest';
import { DEFAULT_TIERS } from '../config/default-tiers.js';
import { CATEGORIES } from '../model/types.js';
import { CATEGORY_PRIORITY, priorityFor } from './priority-for.js';

describe('priority', () => {
  it('starts from the category: outages, security and data loss are critical; bugs and slowness high; questions low', () => {
    expect(CATEGORIES.filter((c) => CATEGORY_PRIORITY[c] === 'critical')).toEqual([
      'service-down',
      'security-issue',
      'data-loss',
    ]);
    expect(priorityFor('bug', 'community', DEFAULT_TIERS)).toBe('high');
    expect(priorityFor('documentation', 'professional', DEFAULT_TIERS)).toBe('medium');
    expect(priorityFor('general-question', 'community', DEFAULT_TIERS)).toBe('low');
    expect(priorityFor('call-request', 'professional', DEFAULT_TIERS)).toBe('low');
  });

  it('is raised by the tier boost, but never to critical', () => {
    expect(priorityFor('general-question', 'enterprise', DEFAULT_TIERS)).toBe('medium');
    expect(priorityFor('feature-request', 'white-glove', DEFAULT_TIERS)).toBe('high');
    expect(priorityFor('bug', 'white-glove', DEFAULT_TIERS)).toBe('high');
    const generous = { ...DEFAULT_TIERS, enterprise: { ...DEFAULT_TIERS.enterprise, priorityBoost: 3 } };
    expect(priorityFor('setup-help', 'enterprise', generous)).toBe('high');
    expect(priorityFor('data-loss', 'community', DEFAULT_TIERS)).toBe('critical');
  });
});
