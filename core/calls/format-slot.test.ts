import { describe, expect, it } from 'vitest';
import { formatSlot } from './format-slot.js';

const slot = (start: string, minutes = 30) => {
  const startsAt = Date.parse(start);
  return { staffId: 'anna', startsAt, endsAt: startsAt + minutes * 60_000 };
};

describe('formatSlot', () => {
  it('writes the day, the times and the zone abbreviation in the customer zone', () => {
    expect(formatSlot(slot('2026-03-03T14:00:00Z'), 'Europe/Berlin')).toBe('Tue 3 Mar, 15:00–15:30 CET');
    expect(formatSlot(slot('2026-07-07T13:00:00Z'), 'Europe/Berlin')).toBe('Tue 7 Jul, 15:00–15:30 CEST');
    expect(formatSlot(slot('2026-03-03T14:00:00Z'), 'America/New_York')).toBe('Tue 3 Mar, 09:00–09:30 EST');
    expect(formatSlot(slot('2026-07-07T13:00:00Z', 60), 'America/New_York')).toBe('Tue 7 Jul, 09:00–10:00 EDT');
    expect(formatSlot(slot('2026-07-07T13:00:00Z'), 'Europe/London')).toBe('Tue 7 Jul, 14:00–14:30 BST');
    expect(formatSlot(slot('2026-03-03T14:00:00Z'), 'UTC')).toBe('Tue 3 Mar, 14:00–14:30 UTC');
  });

  it('writes the offset where the zone has no English abbreviation', () => {
    expect(formatSlot(slot('2026-03-03T05:00:00Z'), 'Asia/Tokyo')).toBe('Tue 3 Mar, 14:00–14:30 GMT+9');
    expect(formatSlot(slot('2026-03-03T05:00:00Z'), 'Asia/Kolkata')).toBe('Tue 3 Mar, 10:30–11:00 GMT+5:30');
  });

  it('uses English month names whatever the locale, "Sep" included', () => {
    expect(formatSlot(slot('2026-09-15T14:00:00Z'), 'Europe/Berlin')).toBe('Tue 15 Sep, 16:00–16:30 CEST');
  });

  it('names both days for a slot that ends after midnight', () => {
    expect(formatSlot(slot('2026-03-03T14:45:00Z'), 'Asia/Tokyo')).toBe('Tue 3 Mar, 23:45 – Wed 4 Mar, 00:15 GMT+9');
  });

  it('names both zones for a slot across a clock change (real minutes)', () => {
    // 01:45 EDT, then the clock goes back: 30 minutes later it is 01:15 EST.
    expect(formatSlot(slot('2026-11-01T05:45:00Z'), 'America/New_York')).toBe('Sun 1 Nov, 01:45 EDT–01:15 EST');
    expect(formatSlot(slot('2026-03-29T00:45:00Z'), 'Europe/Berlin')).toBe('Sun 29 Mar, 01:45 CET–03:15 CEST');
  });

  it('takes a booking as well as a slot', () => {
    expect(
      formatSlot(
        { startsAt: Date.parse('2026-03-03T14:00:00Z'), endsAt: Date.parse('2026-03-03T15:00:00Z') },
        'Europe/Berlin',
      ),
    ).toBe('Tue 3 Mar, 15:00–16:00 CET');
  });
});
