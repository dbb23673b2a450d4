import { describe, expect, it } from 'vitest';
import { durationScale, fixedScale, formatDurationTick, numberScale } from './chart-scale.js';

const labels = (s: { ticks: number[]; format: (v: number) => string }) => s.ticks.map(s.format);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('numberScale', () => {
  it('gives whole, distinct ticks for counts: a maximum of 1 is "0, 1", never "0, 0, 1, 1, 1"', () => {
    expect(labels(numberScale([0, 0, 1], { integer: true }))).toEqual(['0', '1']);
    expect(labels(numberScale([], { integer: true }))).toEqual(['0', '1']);
    expect(labels(numberScale([3], { integer: true }))).toEqual(['0', '1', '2', '3']);
    expect(labels(numberScale([14], { integer: true }))).toEqual(['0', '5', '10', '15']);
    expect(labels(numberScale([97], { integer: true }))).toEqual(['0', '25', '50', '75', '100']);
  });

  it('covers the largest value with round steps and as many decimals as the step needs', () => {
    const s = numberScale([0.3]);
    expect(s.max).toBeGreaterThanOrEqual(0.3);
    expect(labels(s)).toEqual(['0.0', '0.1', '0.2', '0.3']);
    expect(labels(numberScale([1234]))).toEqual(['0', '500', '1000', '1500']);
  });
});

describe('durationScale', () => {
  it('uses minutes while response times are small, not "0.0h" five times', () => {
    expect(labels(durationScale([14 * MIN, 3 * MIN]))).toEqual(['0', '5m', '10m', '15m']);
    expect(labels(durationScale([45 * MIN]))).toEqual(['0', '15m', '30m', '45m']);
    expect(labels(durationScale([90 * MIN]))).toEqual(['0', '30m', '1h', '1h 30m']);
  });

  it('then hours, then days, each axis in one unit', () => {
    expect(labels(durationScale([20 * HOUR]))).toEqual(['0', '6h', '12h', '18h', '24h']);
    expect(labels(durationScale([30 * HOUR]))).toEqual(['0', '12h', '24h', '36h']);
    expect(labels(durationScale([3 * DAY]))).toEqual(['0', '1d', '2d', '3d']);
    expect(labels(durationScale([11 * DAY]))).toEqual(['0', '7d', '14d']);
  });

  it('has distinct ticks at every size, the top one at or above the largest value', () => {
    for (let ms = 1_000; ms < 90 * DAY; ms *= 1.7) {
      const s = durationScale([ms]);
      expect(new Set(labels(s)).size, `max ${ms}`).toBe(s.ticks.length);
      expect(s.max).toBeGreaterThanOrEqual(ms);
      expect(s.ticks.length).toBeLessThanOrEqual(5);
    }
  });

  it('formats a tick in its largest whole unit', () => {
    expect(formatDurationTick(0)).toBe('0');
    expect(formatDurationTick(5 * MIN)).toBe('5m');
    expect(formatDurationTick(HOUR + 30 * MIN)).toBe('1h 30m');
    expect(formatDurationTick(3 * DAY + 12 * HOUR)).toBe('3d 12h');
  });
});

describe('fixedScale', () => {
  it('divides a fixed range evenly', () => {
    expect(labels(fixedScale(-100, 100, 4, String))).toEqual(['-100', '-50', '0', '50', '100']);
    expect(labels(fixedScale(1, 5, 4, String))).toEqual(['1', '2', '3', '4', '5']);
  });
});
