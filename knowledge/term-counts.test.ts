import { describe, expect, it } from 'vitest';
import { countOf, termCounts } from './term-counts.js';

describe('termCounts', () => {
  it('keeps distinct ids in ascending order with their counts and the number of words', () => {
    const bag = termCounts([7, 3, 7, 12, 3, 7]);
    expect([...bag.ids]).toEqual([3, 7, 12]);
    expect([...bag.counts]).toEqual([2, 3, 1]);
    expect(bag.length).toBe(6);
  });

  it('counts an empty text', () => {
    const bag = termCounts([]);
    expect(bag.ids.length).toBe(0);
    expect(bag.length).toBe(0);
    expect(countOf(bag, 1)).toBe(0);
  });

  it('sorts ids numerically, not as text', () => {
    expect([...termCounts([10, 9, 100, 2]).ids]).toEqual([2, 9, 10, 100]);
  });
});

describe('countOf', () => {
  const bag = termCounts([5, 1, 9, 9, 4, 1, 1, 20]);

  it('finds every id of the bag', () => {
    expect([1, 4, 5, 9, 20].map((id) => countOf(bag, id))).toEqual([3, 1, 1, 2, 1]);
  });

  it('gives 0 for ids not in the bag, below, between and above them', () => {
    expect([0, 2, 6, 10, 21].map((id) => countOf(bag, id))).toEqual([0, 0, 0, 0, 0]);
  });
});
