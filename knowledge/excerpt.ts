import { processTerm } from './search-terms.js';

export const EXCERPT_MAX_LENGTH = 200;

/** A word of the plain text with its offsets and its search term. */
export interface ExcerptWord {
  start: number;
  end: number;
  term: string | null;
}

const WORD = /\p{L}+(?:['’]\p{L}+)*|\p{N}+/gu;

/** Words of a plain text, normalised like the index (computed once per article and cached by the caller). */
export function excerptWords(plain: string): ExcerptWord[] {
  const out: ExcerptWord[] = [];
  for (const m of plain.matchAll(WORD)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, term: processTerm(m[0]) });
  }
  return out;
}

function sentenceStartBefore(plain: string, ws: readonly ExcerptWord[], from: number): number {
  for (let k = from; k >= Math.max(0, from - 8); k--) {
    if (k === 0) return 0;
    let i = (ws[k] as ExcerptWord).start - 1;
    while (i >= 0 && plain[i] === ' ') i--;
    if (i >= 0 && '.!?:'.includes(plain[i] as string)) return k;
  }
  return Math.max(0, from - 3);
}

/**
 * A plain-text snippet of at most `max` characters around the densest group of query terms: the window holding
 * the most distinct matching terms, started at the beginning of its sentence when that is close (else a few words
 * before), cut at a word boundary, with `…` where text was left out. Without any match: the start of the text.
 */
export function makeExcerpt(
  plain: string,
  queryTerms: ReadonlySet<string>,
  max = EXCERPT_MAX_LENGTH,
  ws: readonly ExcerptWord[] = excerptWords(plain),
): string {
  if (plain.length <= max) return plain;
  let best = { from: 0, distinct: 0 };
  for (let i = 0; i < ws.length; i++) {
    const first = ws[i] as ExcerptWord;
    if (first.term === null || !queryTerms.has(first.term)) continue;
    const found = new Set<string>();
    for (let j = i; j < ws.length && (ws[j] as ExcerptWord).end - first.start <= max - 40; j++) {
      const t = (ws[j] as ExcerptWord).term;
      if (t !== null && queryTerms.has(t)) found.add(t);
    }
    if (found.size > best.distinct) best = { from: i, distinct: found.size };
    if (found.size === queryTerms.size) break;
  }
  const startWord = best.distinct === 0 ? 0 : sentenceStartBefore(plain, ws, best.from);
  const start = ws.length === 0 ? 0 : (ws[startWord] as ExcerptWord).start;
  const prefix = start > 0 ? '…' : '';
  const budget = max - prefix.length - 1;
  let text = plain.slice(start, start + budget + 1);
  if (start + text.length < plain.length) {
    const cut = text.lastIndexOf(' ', budget);
    text = `${text.slice(0, cut > 0 ? cut : budget).replace(/[\s,;:.-]+$/u, '')}…`;
  }
  return prefix + text;
}
