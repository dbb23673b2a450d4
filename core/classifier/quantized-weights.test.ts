import { describe, expect, it } from 'vitest';
import { dequantizeRows, quantizeRows } from './quantized-weights.js';

describe('quantizeRows', () => {
  it('keeps every weight within half a step of its row scale, and zero rows exact', () => {
    const weights = Float32Array.from([0.5, -1, 0.25, 0, 0, 0, 3, 2.9, -0.01]);
    const q = quantizeRows(weights, 3);
    expect(Array.from(q.codes.slice(0, 3))).toEqual([64, -127, 32]);
    expect(q.scales[1]).toBe(0);
    const back = dequantizeRows(q, 3);
    weights.forEach((w, i) => {
      expect(Math.abs((back[i] as number) - w)).toBeLessThanOrEqual((q.scales[Math.floor(i / 3)] as number) / 2 + 1e-7);
    });
  });

  it('is stable: quantizing the dequantized weights gives the same codes', () => {
    const weights = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) * (i % 7));
    const q = quantizeRows(weights, 8);
    expect(quantizeRows(dequantizeRows(q, 8), 8).codes).toEqual(q.codes);
  });
});
