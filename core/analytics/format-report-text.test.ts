import { describe, expect, it } from 'vitest';
import type { CallUsageRow } from '../calls/call-usage-rows.js';
import { formatCallUsageText } from './format-report-text.js';

const row = (over: Partial<CallUsageRow>): CallUsageRow => ({
  customerId: 'globex',
  name: 'Globex',
  tier: 'professional',
  timezone: 'Europe/Berlin',
  month: '2026-03',
  booked: 1,
  held: 0,
  remaining: 0,
  limit: 1,
  ...over,
});

describe('formatCallUsageText', () => {
  it('lists booked, held and remaining per customer, each in their own month', () => {
    const text = formatCallUsageText([
      row({ customerId: 'acme', name: 'Acme Corp', tier: 'enterprise', booked: 3, held: 2, remaining: 'unlimited' }),
      row({ month: '2026-04' }),
    ]);
    const [head, ...lines] = text.split('\n');
    expect(head).toMatch(/^Video calls this month, in each customer's zone \(booked: .*held: took place.*\):$/);
    expect(lines).toEqual([
      '  Acme Corp          enterprise   2026-03  booked   3  held   2  remaining unlimited',
      '  Globex             professional 2026-04  booked   1  held   0  remaining 0',
    ]);
  });

  it('says so when no customer has calls', () => {
    expect(formatCallUsageText([])).toBe("Video calls this month: no configured customer's tier has video calls.");
  });
});
