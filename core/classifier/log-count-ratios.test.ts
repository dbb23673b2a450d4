import { describe, expect, it } from 'vitest';
import { logCountRatios } from './log-count-ratios.js';

const doc = (...indices: number[]) => ({ indices: Int32Array.from(indices) });

describe('logCountRatios', () => {
  // Terms: 0 only in label 0, 1 only in label 1, 2 in every document.
  const docs = [doc(0, 2), doc(0, 2), doc(1, 2), doc(1, 2)];
  const ys = Int32Array.from([0, 0, 1, 1]);
  const [r0, r1] = logCountRatios(docs, ys, 2, 3, 1) as [Float32Array, Float32Array];

  it('follows Wang & Manning: log((p + a) / |p + a|) - log((q + a) / |q + a|), one vs rest', () => {
    // Label 0: p = [2, 0, 2] + 1 -> [3, 1, 3] / 7; q = [0, 2, 2] + 1 -> [1, 3, 3] / 7.
    expect(r0[0]).toBeCloseTo(Math.log(3), 6);
    expect(r0[1]).toBeCloseTo(-Math.log(3), 6);
    expect(r0[2]).toBeCloseTo(0, 6);
  });

  it('mirrors for the other label of a two-label problem', () => {
    for (let j = 0; j < 3; j++) expect(r1[j]).toBeCloseTo(-(r0[j] as number), 6);
  });

  it('gives 0 for a term no document has when labels have equal totals', () => {
    const [r] = logCountRatios([doc(0), doc(1)], Int32Array.from([0, 1]), 2, 3);
    expect(r?.[2]).toBeCloseTo(0, 6);
  });

  it('rejects a non-positive smoothing', () => {
    expect(() => logCountRatios(docs, ys, 2, 3, 0)).toThrow(/alpha/);
  });
});
