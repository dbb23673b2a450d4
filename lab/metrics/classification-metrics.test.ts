import { describe, expect, it } from 'vitest';
import {
  accuracy,
  classificationReport,
  confusionCounts,
  expectedCalibrationError,
  macroF1,
  perLabelScores,
} from './classification-metrics.js';

// Hand-checked fixture (also scikit-learn's f1_score(average='macro') = 0.5222...):
//   gold:      a a a b b c
//   predicted: a a b b c c
// a: tp 2, predicted 2, gold 3 -> P 1,   R 2/3, F1 0.8
// b: tp 1, predicted 2, gold 2 -> P 1/2, R 1/2, F1 0.5
// c: tp 1, predicted 2, gold 1 -> P 1/2, R 1,   F1 2/3
const GOLD = ['a', 'a', 'a', 'b', 'b', 'c'];
const PREDICTED = ['a', 'a', 'b', 'b', 'c', 'c'];

describe('classification metrics', () => {
  it('accuracy', () => {
    expect(accuracy(GOLD, PREDICTED)).toBeCloseTo(4 / 6, 12);
    expect(accuracy([], [])).toBeNaN();
  });

  it('per-label precision, recall, F1, support', () => {
    const scores = perLabelScores(GOLD, PREDICTED);
    expect(scores.a).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(scores.b).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(scores.c?.f1).toBeCloseTo(2 / 3, 12);
  });

  it('macro-F1 is the unweighted mean of per-label F1', () => {
    expect(macroF1(GOLD, PREDICTED)).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('a label only predicted counts with F1 0; a label never predicted too', () => {
    const scores = perLabelScores(['a', 'a'], ['a', 'x']);
    expect(scores.x).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(macroF1(['a', 'b'], ['a', 'a'])).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('confusion counts', () => {
    const counts = confusionCounts(GOLD, PREDICTED);
    expect(counts.get('a')?.get('a')).toBe(2);
    expect(counts.get('a')?.get('b')).toBe(1);
    expect(counts.get('b')?.get('c')).toBe(1);
    expect(counts.get('c')?.get('c')).toBe(1);
  });

  it('report bundles the figures and rejects arrays of different lengths', () => {
    const report = classificationReport(GOLD, PREDICTED);
    expect(report.accuracy).toBeCloseTo(4 / 6, 12);
    expect(report.macroF1).toBeCloseTo(macroF1(GOLD, PREDICTED), 12);
    expect(Object.keys(report.perLabel)).toEqual(['a', 'b', 'c']);
    expect(() => accuracy(['a'], [])).toThrow(RangeError);
  });

  it('expected calibration error', () => {
    // bin 0.9-1.0: conf 0.9, 0.95 both right -> |1 - 0.925| = 0.075, weight 2/4
    // bin 0.5-0.6: conf 0.5, 0.5, one right -> |0.5 - 0.5| = 0, weight 2/4
    expect(expectedCalibrationError([0.9, 0.95, 0.5, 0.5], [true, true, true, false])).toBeCloseTo(0.0375, 12);
    expect(expectedCalibrationError([1, 1], [true, true])).toBe(0);
    expect(expectedCalibrationError([], [])).toBeNaN();
  });
});
