import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextQuotaMonth, quotaMonth } from './quota-month.js';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

describe('quotaMonth', () => {
  it('is the calendar month in the customer zone: 23:30 on 31 March in New York is March there, April in UTC', () => {
    const call = at('2026-03-31T23:30', NY);
    expect(new Date(call).toISOString()).toBe('2026-04-01T03:30:00.000Z');
    expect(quotaMonth(call, NY)).toEqual({
      label: '2026-03',
      start: Date.parse('2026-03-01T05:00:00Z'), // midnight EST
      end: Date.parse('2026-04-01T04:00:00Z'), // midnight EDT
    });
    expect(quotaMonth(call, 'UTC').label).toBe('2026-04');
  });

  it('is ahead of UTC in Tokyo: 16:00 UTC on 31 March is already April', () => {
    const m = quotaMonth(Date.parse('2026-03-31T16:00:00Z'), TOKYO);
    expect(m.label).toBe('2026-04');
    expect(m.start).toBe(Date.parse('2026-03-31T15:00:00Z'));
    expect(m.end).toBe(Date.parse('2026-04-30T15:00:00Z'));
  });

  it('includes its first instant and excludes its end', () => {
    const m = quotaMonth(at('2026-03-15T12:00', NY), NY);
    expect(quotaMonth(m.start, NY)).toEqual(m);
    expect(quotaMonth(m.end - 1, NY)).toEqual(m);
    expect(quotaMonth(m.end, NY).label).toBe('2026-04');
    expect(quotaMonth(m.start - 1, NY).label).toBe('2026-02');
  });

  it('counts real time across DST: March in New York is an hour short, October in Berlin an hour long', () => {
    const march = quotaMonth(at('2026-03-10T00:00', NY), NY);
    expect(march.end - march.start).toBe((31 * 24 - 1) * 3_600_000);
    const october = quotaMonth(at('2026-10-10T00:00', 'Europe/Berlin'), 'Europe/Berlin');
    expect(october.end - october.start).toBe((31 * 24 + 1) * 3_600_000);
    const feb = quotaMonth(Date.parse('2026-02-14T00:00:00Z'), 'UTC');
    expect(feb).toEqual({ label: '2026-02', start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) });
  });
});

describe('nextQuotaMonth', () => {
  it('starts where the month ends, across the year', () => {
    const dec = quotaMonth(at('2026-12-31T23:59', TOKYO), TOKYO);
    expect(dec.label).toBe('2026-12');
    const jan = nextQuotaMonth(dec, TOKYO);
    expect(jan.label).toBe('2027-01');
    expect(jan.start).toBe(dec.end);
    expect(jan.end).toBe(at('2027-02-01T00:00', TOKYO));
  });

  it('chains contiguous months through a year of DST changes', () => {
    let m = quotaMonth(at('2026-01-05T10:00', NY), NY);
    const labels = [m.label];
    for (let i = 0; i < 12; i++) {
      const next = nextQuotaMonth(m, NY);
      expect(next.start).toBe(m.end);
      expect(DateTime.fromMillis(next.start, { zone: NY }).toFormat('d HH:mm')).toBe('1 00:00');
      m = next;
      labels.push(m.label);
    }
    expect(labels.at(-1)).toBe('2027-01');
    expect(new Set(labels).size).toBe(13);
  });
});
