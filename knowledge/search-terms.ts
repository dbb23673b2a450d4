import { createRequire } from 'node:module';
import { ENGLISH_STOP_WORDS } from './english-stop-words.js';

// The Porter stemmer alone: importing `natural`'s index loads every module it has (over a second at start).
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(token: string): string };

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const LETTERS_DIGITS = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
const HAS_DIGIT = /\p{N}/u;

/**
 * Split text into raw words: runs of letters and digits, apostrophes kept inside words ("don't"), and a boundary
 * between letters and digits ("covid19" and "covid-19" both give "covid", "19"; "SUP-42" gives "sup", "42").
 */
export function tokenize(text: string): string[] {
  const tokens = text.match(TOKEN);
  if (tokens === null) return [];
  const out: string[] = [];
  for (const token of tokens) {
    if (HAS_DIGIT.test(token)) for (const part of token.split(LETTERS_DIGITS)) out.push(part);
    else out.push(token);
  }
  return out;
}

const stemCache = new Map<string, string | null>();

/** A word ending in "us" but not "ous" (virus, status, focus, genius), which Porter would cut to "viru". */
const LATIN_US = /[^o]us$/u;

/**
 * Normalise one word for indexing and searching: lower case, possessive and apostrophes dropped ("what's" ->
 * "what"), English Porter stem; digits stay as they are. The same function runs on documents and queries.
 * One rule from Porter2 (Snowball English) is added: a word ending in "us" keeps it, so "virus" and "viruses"
 * (Porter: "viru" and "virus") or "status" and "statuses" give one term; "-ous" adjectives are left to Porter
 * ("dangerous" -> "danger").
 * Stop words are NOT removed from the index: BM25's IDF already makes them cheap, and on FAQ retrieval removing
 * them cost about 10 points of hit@1 (question words like "where" or "how long" tell questions apart).
 */
export function processTerm(word: string): string | null {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const term = word.toLowerCase().replace(/['’]s$/u, '').replace(/['’]/gu, '');
  const stem = term.length === 0 ? null : /^\p{N}+$/u.test(term) || LATIN_US.test(term) ? term : porter.stem(term);
  if (stemCache.size < 100_000) stemCache.set(word, stem);
  return stem;
}

export function isStopWord(word: string): boolean {
  return ENGLISH_STOP_WORDS.has(word.toLowerCase().replace(/['’]/gu, ''));
}

/** Tokenize and normalise, dropping stop words: the content terms of a query, e.g. to place an excerpt. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of tokenize(text)) {
    if (isStopWord(word)) continue;
    const term = processTerm(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}
