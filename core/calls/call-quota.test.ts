import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ASK_IN_THREAD, callQuota, quotaRefusal } from './call-quota.js';
import { quotaMonth } from './quota-month.js';

const NY = 'America/New_York';
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

describe('callQuota', () => {
  it('has no calls at 0, any number when unlimited', () => {
    expect(callQuota(0, 0)).toEqual({ kind: 'none' });
    expect(callQuota(0, 3)).toEqual({ kind: 'none' });
    expect(callQuota('unlimited', 0)).toEqual({ kind: 'unlimited' });
    expect(callQuota('unlimited', 250)).toEqual({ kind: 'unlimited' });
  });

  it('counts what is left, and is exhausted at (or past) the limit', () => {
    expect(callQuota(1, 0)).toEqual({ kind: 'available', used: 0, limit: 1, left: 1 });
    expect(callQuota(3, 1)).toEqual({ kind: 'available', used: 1, limit: 3, left: 2 });
    expect(callQuota(1, 1)).toEqual({ kind: 'exhausted', used: 1, limit: 1 });
    // The limit was lowered mid-month: still exhausted, and the count says what happened.
    expect(callQuota(2, 5)).toEqual({ kind: 'exhausted', used: 5, limit: 2 });
  });

  it('reads a nonsensical count as none used', () => {
    expect(callQuota(1, -1)).toEqual({ kind: 'available', used: 0, limit: 1, left: 1 });
  });
});

describe('quotaRefusal', () => {
  const feb = quotaMonth(at('2026-02-10T12:00', NY), NY);

  it('tells a tier without calls how to reach the desk, with the tier name capitalised', () => {
    expect(quotaRefusal({ tier: 'community', quota: callQuota(0, 0), month: feb, timezone: NY })).toBe(
      'Community tier has no video calls: to reach us, ask in this thread and we will answer here.',
    );
    expect(ASK_IN_THREAD).toBe('ask in this thread and we will answer here.');
    expect(
      quotaRefusal({
        tier: 'white-glove',
        quota: { kind: 'none' },
        month: feb,
        timezone: NY,
        reachUs: 'write to your success manager.',
      }),
    ).toBe('White-glove tier has no video calls: to reach us, write to your success manager.');
  });

  it('says how many were used and when the next month starts', () => {
    expect(quotaRefusal({ tier: 'professional', quota: callQuota(1, 1), month: feb, timezone: NY })).toBe(
      '1 of 1 calls this month used; the next is available from 1 March.',
    );
    expect(quotaRefusal({ tier: 'professional', quota: callQuota(3, 3), month: feb, timezone: NY })).toBe(
      '3 of 3 calls this month used; the next is available from 1 March.',
    );
  });

  it('reads the month in the customer zone: 31 March 23:30 in New York points to 1 April', () => {
    const march = quotaMonth(at('2026-03-31T23:30', NY), NY);
    expect(quotaRefusal({ tier: 'professional', quota: callQuota(1, 1), month: march, timezone: NY })).toBe(
      '1 of 1 calls this month used; the next is available from 1 April.',
    );
  });

  it('writes the date in the customer zone even where UTC is still on the last day', () => {
    const tokyo = 'Asia/Tokyo';
    const march = quotaMonth(at('2026-03-20T10:00', tokyo), tokyo);
    expect(new Date(march.end).toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(quotaRefusal({ tier: 'professional', quota: callQuota(1, 2), month: march, timezone: tokyo })).toBe(
      '2 of 1 calls this month used; the next is available from 1 April.',
    );
  });

  it('rolls over the year', () => {
    const dec = quotaMonth(at('2026-12-15T09:00', NY), NY);
    expect(quotaRefusal({ tier: 'professional', quota: callQuota(2, 2), month: dec, timezone: NY })).toBe(
      '2 of 2 calls this month used; the next is available from 1 January.',
    );
  });

  it('still answers in a sentence when called with calls left (a caller refusing for another reason)', () => {
    expect(quotaRefusal({ tier: 'community', quota: callQuota(1, 0), month: feb, timezone: NY })).toBe(
      'No video call can be booked here: to reach us, ask in this thread and we will answer here.',
    );
  });
});
