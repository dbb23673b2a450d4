import { stemToken, wordTokens } from './word-tokens.js';

/** Which n-gram views a featurizer extracts. */
export interface TermConfig {
  /** Largest word n-gram over stems (1 = unigrams, 2 = uni+bigrams). */
  readonly wordNgramMax: number;
  /** Smallest and largest character n-gram inside word boundaries; `charNgramMax` 0 disables the view. */
  readonly charNgramMin: number;
  readonly charNgramMax: number;
  /** Also extract the first line's word n-grams as their own view, e.g. an issue's title. */
  readonly titleView?: boolean | undefined;
}

/** The views: 0 = word n-grams over stems, 1 = character n-grams of tokens, 2 = word n-grams of the first line. */
export type TermView = 0 | 1 | 2;
export const TERM_VIEWS: readonly TermView[] = [0, 1, 2];
/** Prefix of each view's terms in a serialized vocabulary. */
export const VIEW_PREFIX = ['w:', 'c:', 't:'] as const;

/** Calls `visit` for every term of `text` (with repetitions: term frequency is the number of visits). */
export function visitTerms(text: string, config: TermConfig, visit: (view: TermView, term: string) => void): void {
  const tokens = wordTokens(text);
  visitWordNgrams(tokens.map(stemToken), config.wordNgramMax, 0, visit);
  if (config.charNgramMax > 0) {
    for (const token of tokens) {
      const padded = ` ${token} `;
      for (let n = config.charNgramMin; n <= config.charNgramMax && n <= padded.length; n++) {
        for (let i = 0; i + n <= padded.length; i++) visit(1, padded.slice(i, i + n));
      }
    }
  }
  if (config.titleView) {
    const newline = text.indexOf('\n');
    const title = wordTokens(newline < 0 ? text : text.slice(0, newline)).map(stemToken);
    visitWordNgrams(title, config.wordNgramMax, 2, visit);
  }
}

function visitWordNgrams(
  stems: readonly string[],
  maxN: number,
  view: TermView,
  visit: (view: TermView, term: string) => void,
): void {
  for (let i = 0; i < stems.length; i++) {
    let gram = stems[i] as string;
    visit(view, gram);
    for (let n = 2; n <= maxN && i + n <= stems.length; n++) {
      gram = `${gram} ${stems[i + n - 1] as string}`;
      visit(view, gram);
    }
  }
}
