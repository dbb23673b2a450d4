import { describe, expect, it } from 'vitest';
import { thresholdForOosRecall, tuneThreshold } from './tune-threshold.js';

describe('tuneThreshold', () => {
  it('abstains exactly on the low-confidence out-of-scope rows when they separate', () => {
    const gold = ['a', 'b', 'oos', 'oos', 'a'];
    const predicted = ['a', 'b', 'a', 'b', 'a'];
    const confidences = [0.9, 0.8, 0.3, 0.4, 0.7];
    const threshold = tuneThreshold(gold, predicted, confidences, 'oos');
    expect(threshold).toBeGreaterThan(0.4);
    expect(threshold).toBeLessThanOrEqual(0.7);
    expect(threshold).toBeCloseTo(0.55, 10);
  });

  it('keeps threshold 0 when abstaining only loses in-scope answers', () => {
    expect(tuneThreshold(['a', 'b', 'oos'], ['a', 'b', 'a'], [0.2, 0.3, 0.9], 'oos')).toBe(0);
  });

  it('counts an abstention on a wrong in-scope answer as no loss', () => {
    // Abstaining below 0.5 turns the wrong "b" (conf 0.4) into "oos": still wrong, and catches the oos row at 0.35.
    const threshold = tuneThreshold(['a', 'a', 'oos'], ['a', 'b', 'a'], [0.9, 0.4, 0.35], 'oos');
    expect(threshold).toBeGreaterThan(0.35);
  });
});

describe('thresholdForOosRecall', () => {
  it('is the lowest threshold that catches the asked share of out-of-scope rows', () => {
    const gold = ['oos', 'oos', 'oos', 'oos', 'a'];
    const predicted = ['a', 'a', 'a', 'oos', 'a'];
    const confidences = [0.2, 0.6, 0.4, 0.9, 0.95];
    // One oos row is already labelled oos; 75% recall needs two more: those at 0.2 and 0.4 -> threshold in (0.4, 0.6).
    expect(thresholdForOosRecall(gold, predicted, confidences, 'oos', 0.75)).toBeCloseTo(0.5, 10);
    expect(thresholdForOosRecall(gold, predicted, confidences, 'oos', 0.25)).toBe(0);
  });
});
