import { stemToken, wordTokens } from '../classifier/word-tokens.js';

const STOP = new Set(
  'a an the and or but if then so to of in on at for from by with without about as into over after before is are was were be been being am do does did done have has had having i we you they he she it me us our your their my its this that these those there here what which who whom when where why how can could would should will shall may might must not no yes please thanks thank hi hello hey just also still any some all more most very really get got getting use using used again since one two new now today yesterday'.split(
    ' ',
  ),
);

/** Content words of a text (lower-cased, stop words and numbers dropped). */
export function contentWords(text: string): string[] {
  return wordTokens(text).filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w));
}

/** Stems of the content words, for similarity. */
export function contentStems(text: string): string[] {
  return contentWords(text).map(stemToken);
}
