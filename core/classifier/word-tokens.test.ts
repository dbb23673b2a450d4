import { describe, expect, it } from 'vitest';
import { stemToken, wordTokens } from './word-tokens.js';

describe('wordTokens / stemToken', () => {
  it('splits on non-word characters, keeps contractions, ? and !', () => {
    expect(wordTokens("Can't log in to my 2FA account?! See: https://x.io")).toEqual([
      "can't",
      'log',
      'in',
      'to',
      'my',
      '2fa',
      'account',
      '?',
      '!',
      'see',
      'https',
      'x',
      'io',
    ]);
  });

  it('stems with natural’s Porter stemmer and folds possessives', () => {
    expect(stemToken('cancelling')).toBe('cancel');
    expect(stemToken("card's")).toBe('card');
    expect(stemToken("can't")).toBe('cant');
  });
});
