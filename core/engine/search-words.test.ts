import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_PAGE, searchPageSize, searchWords, textHasWords } from './search-words.js';

describe('searchWords', () => {
  it('keeps the lowercase runs of letters and digits, in order', () => {
    expect(searchWords('Webhook FAILS with 500')).toEqual(['webhook', 'fails', 'with', '500']);
    expect(searchWords('api.example.com/v1.2, user@acme.io')).toEqual([
      'api',
      'example',
      'com',
      'v1',
      '2',
      'user',
      'acme',
      'io',
    ]);
    expect(searchWords('Crème brûlée größe 東京')).toEqual(['crème', 'brûlée', 'größe', '東京']);
  });

  it('drops every operator and quote of FTS5 and tsquery, so nothing is syntax', () => {
    expect(searchWords('"a" OR b* NEAR(')).toEqual(['a', 'or', 'b', 'near']);
    expect(searchWords("x & !y | z:* <-> 'q' (w) ^col: -n + {m}")).toEqual(['x', 'y', 'z', 'q', 'w', 'col', 'n', 'm']);
    expect(searchWords('   ')).toEqual([]);
    expect(searchWords('*** "" () :')).toEqual([]);
    expect(searchWords('')).toEqual([]);
  });

  it('keeps at most 8 words of at most 64 characters (code points, never half a surrogate pair)', () => {
    expect(searchWords('a b c d e f g h i j')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(searchWords('x'.repeat(100))).toEqual(['x'.repeat(64)]);
    const long = '𝒜'.repeat(70); // letters outside the BMP
    expect(Array.from(searchWords(long)[0] ?? '')).toHaveLength(64);
  });
});

describe('textHasWords', () => {
  it('needs every word in the one text, the last also as a prefix, case-insensitive', () => {
    expect(textHasWords('The Webhook fails with 500', ['webhook', '500'])).toBe(true);
    expect(textHasWords('The Webhook fails with 500', ['webhook', 'fai'])).toBe(true);
    expect(textHasWords('The Webhook fails with 500', ['web', 'fails'])).toBe(false);
    expect(textHasWords('The Webhook fails with 500', ['webhook', 'timeout'])).toBe(false);
    expect(textHasWords('anything', [])).toBe(true);
  });
});

describe('searchPageSize', () => {
  it('is an integer from 1 to 100', () => {
    expect([0, -5, 1, 2.7, 50, 100, 101, 1e9, Number.NaN, Number.POSITIVE_INFINITY].map(searchPageSize)).toEqual([
      1,
      1,
      1,
      2,
      50,
      100,
      MAX_SEARCH_PAGE,
      100,
      1,
      100,
    ]);
  });
});
