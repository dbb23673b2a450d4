import { describe, expect, it } from 'vitest';
import { QueryLikelihood, queryLikelihood, type ArticleTerms, type QueryTerm } from './query-likelihood.js';
import { termCounts } from './term-counts.js';

// Term ids: 0 how, 1 reset, 2 password, 3 webhook, 4 the.
const collection = [0.05, 0.01, 0.01, 0.02, 0.1];
const q = (...ids: number[]): QueryTerm[] =>
  ids.map((id) => ({ id, weight: 1, collectionProbability: collection[id] as number }));
const article = (phrasings: number[][], text: number[]): ArticleTerms => ({
  phrasings: phrasings.map(termCounts),
  document: termCounts(text),
});
const settings = { titleWeight: 0.8, titleSmoothing: 10, documentSmoothing: 100 };
const score = (query: QueryTerm[], a: ArticleTerms) => queryLikelihood(query, a, settings);

describe('queryLikelihood', () => {
  const reset = article([[0, 1, 2]], [0, 1, 2, 1, 2, 4, 4, 4]);
  const webhook = article([[3]], [3, 4, 3, 4]);

  it('is above 1 for an article that uses the query’s words, below 1 for one that lacks them', () => {
    expect(score(q(1, 2), reset)).toBeGreaterThan(1);
    expect(score(q(1, 2), webhook)).toBeLessThan(1);
    expect(score(q(1, 2), reset)).toBeGreaterThan(score(q(1, 2), webhook));
  });

  it('matches the formula: ∏ (w·p(t|phrasing) + (1−w)·p(t|text)) / p(t|collection), Dirichlet-smoothed', () => {
    const { titleWeight: w, titleSmoothing: muT, documentSmoothing: muD } = settings;
    const p = (inTitle: number, titleLen: number, inText: number, textLen: number, pc: number) =>
      (w * (inTitle + muT * pc)) / (titleLen + muT) + ((1 - w) * (inText + muD * pc)) / (textLen + muD);
    const expected = (p(1, 3, 2, 8, 0.01) / 0.01) * (p(0, 3, 0, 8, 0.02) / 0.02);
    expect(score(q(1, 3), reset)).toBeCloseTo(expected, 10);
  });

  it('counts every query word: an article matching more of them ranks higher', () => {
    const both = article([[1, 2]], [1, 2]);
    const one = article([[2]], [2, 2]);
    expect(score(q(1, 2), both)).toBeGreaterThan(score(q(1, 2), one));
  });

  it('a common word changes little, a rare one a lot', () => {
    const base = article([[1]], [1, 3]);
    const withThe = article([[1, 4]], [1, 3, 4]);
    const withPassword = article([[1, 2]], [1, 3, 2]);
    const gainThe = score(q(1, 4, 2), withThe) / score(q(1, 4, 2), base);
    const gainPassword = score(q(1, 4, 2), withPassword) / score(q(1, 4, 2), base);
    expect(gainPassword).toBeGreaterThan(gainThe);
  });

  it('takes the best phrasing of the question', () => {
    const phrased = article([[3], [0, 1, 2]], [3, 0, 1, 2]);
    const titleOnly = article([[3]], [3, 0, 1, 2]);
    expect(score(q(0, 1, 2), phrased)).toBeGreaterThan(score(q(0, 1, 2), titleOnly));
    expect(score(q(0, 1, 2), phrased)).toBeCloseTo(score(q(0, 1, 2), article([[0, 1, 2]], [3, 0, 1, 2])), 10);
  });

  it('weighs words: a weight of 0 ignores a word, a repeated word counts twice', () => {
    const typo = [
      { id: 1, weight: 1, collectionProbability: 0.01 },
      { id: 3, weight: 0, collectionProbability: 0.02 },
    ];
    expect(score(typo, reset)).toBeCloseTo(score(q(1), reset), 10);
    const twice = [{ id: 1, weight: 2, collectionProbability: 0.01 }];
    expect(score(twice, reset)).toBeCloseTo(score(q(1), reset) ** 2, 10);
  });

  it('gives 1 for an empty query, and uses the text alone for an article without a phrasing', () => {
    expect(score([], reset)).toBe(1);
    expect(score(q(1), article([], [1, 2]))).toBeGreaterThan(1);
  });

  it('stays finite for very long queries', () => {
    const long = Array.from({ length: 2000 }, () => q(1)[0] as QueryTerm);
    expect(Number.isFinite(score(long, reset))).toBe(true);
    expect(score(long, webhook)).toBeGreaterThanOrEqual(0);
  });

  it('scores many articles with one QueryLikelihood as the function does one by one', () => {
    const model = new QueryLikelihood(q(0, 1, 2, 3), settings);
    for (const a of [reset, webhook, article([[2]], [2])])
      expect(model.score(a)).toBeCloseTo(score(q(0, 1, 2, 3), a), 12);
  });
});
