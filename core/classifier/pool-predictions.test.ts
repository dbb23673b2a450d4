import { describe, expect, it } from 'vitest';
import type { IntentPrediction } from './intent-model.js';
import { poolPredictions } from './pool-predictions.js';

const prediction = (scores: Record<string, number>): IntentPrediction => {
  const ranked = Object.entries(scores)
    .map(([label, score]) => ({ label, score }))
    .sort((a, b) => b.score - a.score);
  return { label: ranked[0]!.label, confidence: ranked[0]!.score, ranked };
};

describe('poolPredictions', () => {
  it('is the normalised weighted geometric mean of the members (hand-checked)', () => {
    const a = prediction({ bug: 0.6, question: 0.3, enhancement: 0.1 });
    const b = prediction({ bug: 0.2, question: 0.6, enhancement: 0.2 });
    const pooled = poolPredictions([
      { prediction: a, weight: 1 },
      { prediction: b, weight: 1 },
    ]);
    // sqrt(.6*.2) = .3464, sqrt(.3*.6) = .4243, sqrt(.1*.2) = .1414; sum .9121
    expect(pooled.label).toBe('question');
    expect(pooled.confidence).toBeCloseTo(0.4243 / 0.9121, 3);
    expect(pooled.ranked.map((r) => r.label)).toEqual(['question', 'bug', 'enhancement']);
    expect(pooled.ranked[1]!.score).toBeCloseTo(0.3464 / 0.9121, 3);
    expect(pooled.ranked.reduce((s, r) => s + r.score, 0)).toBeCloseTo(1, 9);
  });

  it('normalises the weights: a member of weight 1 of 1 is returned as it is, weight 0 is ignored', () => {
    const a = prediction({ bug: 0.7, question: 0.2, enhancement: 0.1 });
    const b = prediction({ bug: 0.1, question: 0.1, enhancement: 0.8 });
    const alone = poolPredictions([
      { prediction: a, weight: 3 },
      { prediction: b, weight: 0 },
    ]);
    expect(alone.label).toBe('bug');
    expect(alone.confidence).toBeCloseTo(0.7, 9);
    const leaning = poolPredictions([
      { prediction: a, weight: 1 },
      { prediction: b, weight: 3 },
    ]);
    expect(leaning.label).toBe('enhancement');
  });

  it("gives a label missing from a member's ranking that member's lowest listed probability", () => {
    const own = prediction({ bug: 0.5, question: 0.5 });
    const desk = prediction({ documentation: 0.7, bug: 0.2, question: 0.1 });
    const pooled = poolPredictions([
      { prediction: own, weight: 1 },
      { prediction: desk, weight: 1 },
    ]);
    // documentation: sqrt(.5*.7) = .5916; bug: sqrt(.5*.2) = .3162; question: sqrt(.5*.1) = .2236
    expect(pooled.label).toBe('documentation');
    expect(pooled.confidence).toBeCloseTo(0.5916 / (0.5916 + 0.3162 + 0.2236), 3);
  });

  it('rejects an empty pool and bad weights', () => {
    const a = prediction({ bug: 1 });
    expect(() => poolPredictions([])).toThrow(RangeError);
    expect(() => poolPredictions([{ prediction: a, weight: 0 }])).toThrow(RangeError);
    expect(() => poolPredictions([{ prediction: a, weight: -1 }])).toThrow(RangeError);
  });
});
