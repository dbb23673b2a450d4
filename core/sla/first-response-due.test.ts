import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../config/support-config.js';
import type { SupportConfig } from '../config/support-config.js';
import { addBusinessMinutes, businessMinutesBetween } from './add-business-minutes.js';
import { firstResponseDue } from './first-response-due.js';

const config = (() => {
  const r = parseSupportConfig({ businessHours: { holidays: ['2026-12-25'] } });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
})() as SupportConfig;

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const iso = (ms: number, zone: string) =>
  DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true, includeOffset: false });

function due(
  tier: SupportConfig['customers'][number]['tier'],
  priority: 'critical' | 'high' | 'medium' | 'low',
  createdIso: string,
  zone = 'UTC',
) {
  return firstResponseDue({
    createdAt: at(createdIso, zone),
    tier,
    priority,
    timezone: zone,
    tiers: config.tiers,
    businessHours: config.businessHours,
  });
}

describe('first response due time', () => {
  it('is wall-clock for 24x7 tiers', () => {
    expect(iso(due('enterprise', 'critical', '2026-11-21T23:30:00')!, 'UTC')).toBe('2026-11-22T01:30:00');
    expect(iso(due('white-glove', 'low', '2026-11-21T23:30:00')!, 'UTC')).toBe('2026-11-22T07:30:00');
  });

  it('promises nothing for community critical and high, best effort otherwise', () => {
    expect(due('community', 'critical', '2026-11-23T10:00:00')).toBeNull();
    expect(due('community', 'high', '2026-11-23T10:00:00')).toBeNull();
    expect(iso(due('community', 'medium', '2026-11-23T10:00:00')!, 'UTC')).toBe('2026-11-26T10:00:00');
  });

  it('counts only business hours for professional, across a weekend', () => {
    // Friday 15:00 New York + 8 business hours = 2 h Friday + 6 h Monday -> Monday 15:00.
    expect(iso(due('professional', 'high', '2026-11-20T15:00:00', 'America/New_York')!, 'America/New_York')).toBe(
      '2026-11-23T15:00:00',
    );
    // Saturday: the clock starts Monday 09:00.
    expect(iso(due('professional', 'high', '2026-11-21T11:00:00', 'America/New_York')!, 'America/New_York')).toBe(
      '2026-11-23T17:00:00',
    );
  });

  it('uses the customer time zone, not UTC', () => {
    // 07:00 UTC on Monday is 16:00 in Tokyo: one business hour left that day.
    const d = due('professional', 'high', '2026-11-23T16:00:00', 'Asia/Tokyo')!;
    expect(iso(d, 'Asia/Tokyo')).toBe('2026-11-24T16:00:00');
  });

  it('skips holidays', () => {
    // Thu 24 Dec 16:00 + 8 h: 1 h Thursday, Friday 25th is a holiday, weekend, 7 h Monday 28th -> 16:00.
    expect(iso(due('professional', 'high', '2026-12-24T16:00:00', 'Europe/Berlin')!, 'Europe/Berlin')).toBe(
      '2026-12-28T16:00:00',
    );
  });

  it('keeps the wall-clock window across a DST change', () => {
    // Europe/Berlin leaves DST on Sunday 2026-10-25. Friday 16:00 + 2 business hours -> Monday 10:00 local.
    const d = addBusinessMinutes(
      at('2026-10-23T16:00:00', 'Europe/Berlin'),
      120,
      'Europe/Berlin',
      config.businessHours,
    );
    expect(iso(d, 'Europe/Berlin')).toBe('2026-10-26T10:00:00');
  });

  it('measures elapsed business minutes', () => {
    const zone = 'America/New_York';
    expect(
      businessMinutesBetween(
        at('2026-11-20T16:00:00', zone),
        at('2026-11-23T10:00:00', zone),
        zone,
        config.businessHours,
      ),
    ).toBe(120);
    expect(
      businessMinutesBetween(
        at('2026-11-21T10:00:00', zone),
        at('2026-11-21T12:00:00', zone),
        zone,
        config.businessHours,
      ),
    ).toBe(0);
  });
});
