import { describe, expect, it } from 'vitest';
import { contentTerms, isStopWord, processTerm, tokenize } from './search-terms.js';

describe('tokenize', () => {
  it('splits on anything but letters and digits, keeps apostrophes inside words, splits letters from digits', () => {
    expect(tokenize("What's up: covid19 / COVID-19, SUP-42!")).toEqual([
      "What's",
      'up',
      'covid',
      '19',
      'COVID',
      '19',
      'SUP',
      '42',
    ]);
    expect(tokenize('  ')).toEqual([]);
    expect(tokenize('café 2024')).toEqual(['café', '2024']);
  });

  it('reads a negated auxiliary as "not" (and its verb when that is not a stop word)', () => {
    expect(tokenize("the bot doesn't reply")).toEqual(['the', 'bot', 'not', 'reply']);
    expect(tokenize("I can’t, won't, needn't")).toEqual(['I', 'not', 'not', 'need', 'not']);
    expect(contentTerms("Don't panic")).toEqual(contentTerms('do not panic'));
  });
});

describe('processTerm', () => {
  it('lower-cases, drops possessives and apostrophes, stems with Porter, keeps numbers', () => {
    expect(processTerm("What's")).toBe('what');
    expect(processTerm('Notifications')).toBe(processTerm('notification'));
    expect(processTerm('2024')).toBe('2024');
    expect(processTerm("'")).toBeNull();
  });

  it('keeps the "us" of virus, status or focus (Porter2), so singular and plural meet', () => {
    expect(processTerm('virus')).toBe(processTerm('viruses'));
    expect(processTerm('coronavirus')).toBe(processTerm('coronaviruses'));
    expect(processTerm('status')).toBe(processTerm('statuses'));
    expect(processTerm('focus')).toBe(processTerm('focused'));
    expect(processTerm('dangerous')).toBe(processTerm('dangerously')); // -ous stays with Porter
  });
});

describe('stop words', () => {
  it('knows function words, whatever the case, and content words are not', () => {
    expect(isStopWord('The')).toBe(true);
    expect(isStopWord('how')).toBe(true);
    expect(isStopWord('webhook')).toBe(false);
    expect(isStopWord('not')).toBe(false);
  });

  it('contentTerms drops them and stems the rest', () => {
    expect(contentTerms('How do I reset the passwords?')).toEqual(['reset', 'password']);
  });
});
