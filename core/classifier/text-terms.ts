import { stemToken, wordTokens } from './word-tokens.js';

/** Which n-gram views a featurizer extracts. */
export interface TermConfig {
  /** Largest word n-gram over stems (1 = unigrams, 2 = uni+bigrams). */
  readonly wordNgramMax: number;
  /** Smallest and largest character n-gram inside word boundaries; `charNgramMax` 0 disables the view. */
  readonly charNgramMin: number;
  readonly charNgramMax: number;
}

/** The terms of one text, per view, with repetitions (term frequency is their count). */
export interface TextTerms {
  readonly word: string[];
  readonly char: string[];
}

/** Word n-grams over stems ("w:" keys) and word-boundary character n-grams ("c:" keys, on unstemmed tokens). */
export function textTerms(text: string, config: TermConfig): TextTerms {
  const tokens = wordTokens(text);
  const word: string[] = [];
  const char: string[] = [];
  const stems = tokens.map(stemToken);
  for (let n = 1; n <= config.wordNgramMax; n++) {
    for (let i = 0; i + n <= stems.length; i++) word.push(`w:${stems.slice(i, i + n).join(' ')}`);
  }
  if (config.charNgramMax > 0) {
    for (const token of tokens) {
      const padded = ` ${token} `;
      for (let n = config.charNgramMin; n <= config.charNgramMax; n++) {
        if (n > padded.length) break;
        for (let i = 0; i + n <= padded.length; i++) char.push(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  return { word, char };
}
