import { stemToken, wordTokens } from './word-tokens.js';

/** Which n-gram views a featurizer extracts. */
export interface TermConfig {
  /** Largest word n-gram over stems (1 = unigrams, 2 = uni+bigrams). */
  readonly wordNgramMax: number;
  /** Smallest and largest character n-gram inside word boundaries; `charNgramMax` 0 disables the view. */
  readonly charNgramMin: number;
  readonly charNgramMax: number;
  /** Also extract the first line's word n-grams as their own view ("t:" keys), e.g. an issue's title. */
  readonly titleView?: boolean;
}

/** The terms of one text, per view, with repetitions (term frequency is their count). */
export interface TextTerms {
  readonly word: string[];
  readonly char: string[];
  readonly title: string[];
}

/** Word n-grams over stems ("w:" keys) and word-boundary character n-grams ("c:" keys, on unstemmed tokens). */
export function textTerms(text: string, config: TermConfig): TextTerms {
  const tokens = wordTokens(text);
  const word = wordNgrams(tokens.map(stemToken), config.wordNgramMax, 'w:');
  const char: string[] = [];
  const newline = text.indexOf('\n');
  const title = config.titleView
    ? wordNgrams(wordTokens(newline < 0 ? text : text.slice(0, newline)).map(stemToken), config.wordNgramMax, 't:')
    : [];
  if (config.charNgramMax > 0) {
    for (const token of tokens) {
      const padded = ` ${token} `;
      for (let n = config.charNgramMin; n <= config.charNgramMax; n++) {
        if (n > padded.length) break;
        for (let i = 0; i + n <= padded.length; i++) char.push(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  return { word, char, title };
}

function wordNgrams(stems: readonly string[], maxN: number, prefix: string): string[] {
  const grams: string[] = [];
  for (let n = 1; n <= maxN; n++) {
    for (let i = 0; i + n <= stems.length; i++) grams.push(prefix + stems.slice(i, i + n).join(' '));
  }
  return grams;
}
