import { describe, expect, it } from 'vitest';
import type { LabeledText } from './intent-model.js';
import { loadIntentModel } from './load-intent-model.js';
import { trainIntentModel } from './train-intent-model.js';

const TOY: LabeledText[] = [
  ...[
    'my card was charged twice',
    'refund the double charge on my card',
    'why was I billed two times',
    'duplicate payment on my invoice',
    'I was charged twice this month',
    'please refund my payment',
  ].map((text) => ({ text, label: 'billing' })),
  ...[
    'the site is down',
    'your service is not responding',
    'everything returns 503 errors',
    'the dashboard will not load at all',
    'is the API down right now',
    'outage on the status page',
  ].map((text) => ({ text, label: 'outage' })),
  ...[
    'how do I reset my password',
    'I forgot my password',
    'password reset link not arriving',
    'cannot log in, need a new password',
    'change my password please',
    'reset password email',
  ].map((text) => ({ text, label: 'password' })),
];

describe('trainIntentModel', () => {
  const model = trainIntentModel(TOY, { seed: 7 });

  it('learns a toy problem, including unseen phrasings', () => {
    expect(model.labels).toEqual(['billing', 'outage', 'password']);
    expect(model.predict('I got charged twice for my card').label).toBe('billing');
    expect(model.predict('is the service down?').label).toBe('outage');
    expect(model.predict('forgot password, how to reset').label).toBe('password');
  });

  it('returns probabilities: confidence in [0, 1], ranked best first, summing to about 1', () => {
    for (const text of ['charged twice', 'site down', '', 'zzzz qqqq']) {
      const p = model.predict(text);
      expect(p.confidence).toBeGreaterThanOrEqual(0);
      expect(p.confidence).toBeLessThanOrEqual(1);
      expect(p.ranked[0]).toEqual({ label: p.label, score: p.confidence });
      const scores = p.ranked.map((r) => r.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic for a seed', () => {
    const again = trainIntentModel(TOY, { seed: 7 });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(model.toJSON()));
  });

  it('round-trips through JSON with identical predictions', () => {
    const loaded = loadIntentModel(JSON.parse(JSON.stringify(model.toJSON())));
    expect(loaded.labels).toEqual(model.labels);
    for (const text of ['refund please', 'API outage', 'new password', 'hello there']) {
      expect(loaded.predict(text)).toEqual(model.predict(text));
    }
  });

  it('handles a single label', () => {
    const one = trainIntentModel([
      { text: 'hi', label: 'greeting' },
      { text: 'hello', label: 'greeting' },
    ]);
    expect(one.predict('hey')).toMatchObject({ label: 'greeting', confidence: 1 });
  });

  it('rejects no examples', () => {
    expect(() => trainIntentModel([])).toThrow(/at least one/);
  });

  describe('with naiveBayesScaling (NB-LR)', () => {
    const nb = trainIntentModel(TOY, { seed: 7, naiveBayesScaling: true });

    it('learns the toy problem too, with one member per label', () => {
      expect(nb.predict('I got charged twice for my card').label).toBe('billing');
      expect(nb.predict('is the service down?').label).toBe('outage');
      expect(nb.predict('forgot password, how to reset').label).toBe('password');
      expect(nb.toJSON().members).toHaveLength(3);
    });

    it('returns probabilities and round-trips through JSON with identical predictions', () => {
      const loaded = loadIntentModel(JSON.parse(JSON.stringify(nb.toJSON())));
      for (const text of ['refund please', 'API outage', 'new password', '']) {
        const p = nb.predict(text);
        expect(p.ranked.reduce((sum, r) => sum + r.score, 0)).toBeCloseTo(1, 5);
        expect(loaded.predict(text)).toEqual(p);
      }
    });

    it('is deterministic for a seed and falls back to one softmax member for a single label', () => {
      expect(JSON.stringify(trainIntentModel(TOY, { seed: 7, naiveBayesScaling: true }).toJSON())).toBe(
        JSON.stringify(nb.toJSON()),
      );
      const one = trainIntentModel(
        [
          { text: 'hi', label: 'greeting' },
          { text: 'hello', label: 'greeting' },
        ],
        { naiveBayesScaling: true },
      );
      expect(one.predict('hey')).toMatchObject({ label: 'greeting', confidence: 1 });
    });
  });
});
