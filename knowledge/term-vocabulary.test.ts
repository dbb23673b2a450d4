import { describe, expect, it } from 'vitest';
import { TermVocabulary } from './term-vocabulary.js';

describe('TermVocabulary', () => {
  const make = () => {
    const v = new TermVocabulary();
    v.addWords(['reset', 'the', 'password', 'the']);
    v.addWords(['notif', 'the', 'webhook']);
    v.addIndexedArticle(['reset', 'password']);
    v.addIndexedArticle(['notif', 'webhook', 'webhook']);
    v.addIndexedArticle(['webhook', 'signature']);
    return v;
  };

  it('gives each term one id, and back', () => {
    const v = make();
    const id = v.idOf('the') as number;
    expect(v.termOf(id)).toBe('the');
    expect(v.idOf('reset')).not.toBe(id);
    expect(v.idOf('nope')).toBeUndefined();
    expect(() => v.termOf(999)).toThrow(/unknown term id/);
  });

  it('knows each term’s share of all words counted, stop words included', () => {
    const v = make();
    expect(v.collectionProbability(v.idOf('the') as number)).toBeCloseTo(3 / 7);
    expect(v.collectionProbability(v.idOf('webhook') as number)).toBeCloseTo(1 / 7);
    expect(v.collectionProbability(999)).toBe(0);
  });

  it('counts in how many articles a term is indexed, once per article', () => {
    const v = make();
    expect(v.documentFrequency('webhook')).toBe(2);
    expect(v.documentFrequency('reset')).toBe(1);
    expect(v.documentFrequency('the')).toBe(0); // counted as a word, but not indexed
  });

  it('corrects an unknown term to the indexed term one edit away, the one in most articles', () => {
    const v = make();
    expect(v.closest('webhok', 1)).toBe('webhook');
    expect(v.closest('pasword', 1)).toBe('password');
    expect(v.closest('webhook', 1)).toBeUndefined(); // known: never corrected
    expect(v.closest('zzzzzz', 1)).toBeUndefined();
    expect(v.closest('paswrd', 1)).toBeUndefined(); // two edits
    expect(v.closest('paswrd', 2)).toBe('password');
  });

  it('prefers the closer, then the more common, then the first in alphabetical order', () => {
    const v = new TermVocabulary();
    v.addIndexedArticle(['cart', 'card']);
    v.addIndexedArticle(['card']);
    v.addIndexedArticle(['care', 'dart']);
    expect(v.closest('carx', 1)).toBe('card'); // card (2 articles) over cart and care (1)
    expect(v.closest('darx', 2)).toBe('dart'); // one edit beats two
    v.addIndexedArticle(['cart', 'care']);
    v.addIndexedArticle(['cart', 'care']);
    expect(v.closest('carx', 1)).toBe('care'); // care and cart tie at 3: alphabetical (the cache was reset)
  });
});
