import { describe, expect, it } from 'vitest';
import { hitAtK, meanOf, recallAtK, reciprocalRankAtK, summarizeRankings } from './ranking-metrics.js';

const rel = (...ids: string[]) => new Set(ids);

describe('ranking metrics', () => {
  it('hit@k is 1 when a relevant id is in the first k', () => {
    expect(hitAtK(['a', 'b', 'c'], rel('a'), 1)).toBe(1);
    expect(hitAtK(['a', 'b', 'c'], rel('c'), 2)).toBe(0);
    expect(hitAtK(['a', 'b', 'c'], rel('c'), 3)).toBe(1);
    expect(hitAtK([], rel('a'), 5)).toBe(0);
  });

  it('recall@k counts the share of relevant ids found', () => {
    expect(recallAtK(['a', 'x', 'b', 'y'], rel('a', 'b', 'c', 'd'), 3)).toBe(0.5);
    expect(recallAtK(['a', 'a'], rel('a', 'b'), 5)).toBe(0.5);
    expect(recallAtK(['a'], rel(), 5)).toBe(0);
  });

  it('reciprocal rank@k uses the first relevant position and stops at k', () => {
    expect(reciprocalRankAtK(['x', 'y', 'a'], rel('a'), 10)).toBeCloseTo(1 / 3);
    expect(reciprocalRankAtK(['x', 'y', 'a'], rel('a'), 2)).toBe(0);
    expect(reciprocalRankAtK(['a', 'b'], rel('a', 'b'), 10)).toBe(1);
  });

  it('summarises a hand-checked run', () => {
    // q1: gold first; q2: gold third; q3: gold sixth (outside recall@5, inside MRR@10); q4: gold missing.
    const runs = [
      { ranked: ['g1', 'a'], relevant: rel('g1') },
      { ranked: ['a', 'b', 'g2'], relevant: rel('g2') },
      { ranked: ['a', 'b', 'c', 'd', 'e', 'g3'], relevant: rel('g3') },
      { ranked: ['a'], relevant: rel('g4') },
    ];
    const s = summarizeRankings(runs);
    expect(s.queries).toBe(4);
    expect(s.hitAt1).toBe(0.25);
    expect(s.recallAt5).toBe(0.5);
    expect(s.mrrAt10).toBeCloseTo((1 + 1 / 3 + 1 / 6 + 0) / 4, 12); // 0.375
  });

  it('mean of nothing is NaN', () => {
    expect(meanOf([])).toBeNaN();
    expect(meanOf([1, 2, 3])).toBe(2);
  });
});
