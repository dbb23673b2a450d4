import { describe, expect, it } from 'vitest';
import { fitTemperature } from './fit-temperature.js';

describe('fitTemperature', () => {
  it('raises the temperature of overconfident logits and lowers it for underconfident ones', () => {
    // Two classes, logits +-5 (p ~ 0.9999) but right only 3 times in 4: calibration wants p ~ 0.75 -> T ~ 10 / ln 3.
    const logits = Float64Array.from([5, -5, 5, -5, 5, -5, 5, -5]);
    const labels = Int32Array.from([0, 0, 0, 1]);
    expect(fitTemperature(logits, labels, 2)).toBeCloseTo(10 / Math.log(3), 3);
    const timid = Float64Array.from([0.1, -0.1, 0.1, -0.1]);
    expect(fitTemperature(timid, Int32Array.from([0, 0]), 2)).toBeLessThan(0.1);
  });

  it('returns 1 without examples', () => {
    expect(fitTemperature(new Float64Array(0), new Int32Array(0), 3)).toBe(1);
  });
});
