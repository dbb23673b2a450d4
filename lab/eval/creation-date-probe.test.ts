import { describe, expect, it } from 'vitest';
import { creationDateProbe } from './creation-date-probe.js';

const day = 86_400_000;
const at = (d: number, label: string) => ({ createdAt: d * day, label });

describe('creationDateProbe', () => {
  it('labels an issue like the training issues created nearest in time', () => {
    // Questions were sampled from days 0-9, bugs from days 100-109: the date alone separates them.
    const train = [
      ...Array.from({ length: 10 }, (_, d) => at(d, 'question')),
      ...Array.from({ length: 10 }, (_, d) => at(100 + d, 'bug')),
    ];
    const probe = creationDateProbe(train, 5);
    expect(probe(4.5 * day)).toBe('question');
    expect(probe(104 * day)).toBe('bug');
    expect(probe(-50 * day)).toBe('question');
    expect(probe(500 * day)).toBe('bug');
    // Day 60 is nearer the bugs: its 5 nearest are days 100-104.
    expect(probe(60 * day)).toBe('bug');
  });

  it('takes the majority of the k nearest, whichever is nearest', () => {
    const train = [at(10, 'bug'), at(12, 'feature'), at(13, 'feature'), at(30, 'bug'), at(31, 'bug')];
    expect(creationDateProbe(train, 1)(10.9 * day)).toBe('bug');
    expect(creationDateProbe(train, 3)(10.9 * day)).toBe('feature');
    // All five: bug 3, feature 2.
    expect(creationDateProbe(train, 5)(10.9 * day)).toBe('bug');
    // k above the training size uses every issue.
    expect(creationDateProbe(train, 50)(10.9 * day)).toBe('bug');
  });

  it('breaks a tie in votes by the nearest voter', () => {
    const train = [at(0, 'bug'), at(9, 'feature'), at(20, 'bug'), at(11, 'feature')];
    // Two votes each at day 10; the nearest voters (days 9 and 11) are features.
    expect(creationDateProbe(train, 4)(10 * day)).toBe('feature');
    // At day 1 the nearest is the bug on day 0.
    expect(creationDateProbe(train, 4)(day)).toBe('bug');
  });

  it('rejects no training issues and a bad k', () => {
    expect(() => creationDateProbe([])).toThrow(RangeError);
    expect(() => creationDateProbe([at(0, 'bug')], 0)).toThrow(/k must be/);
  });
});
