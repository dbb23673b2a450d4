import { createRequire } from 'node:module';
import { ENGLISH_STOP_WORDS } from './english-stop-words.js';

// The Porter stemmer alone: importing `natural`'s index loads every module it has (over a second at start).
const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(token: string): string };

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const LETTERS_DIGITS = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
const HAS_DIGIT = /\p{N}/u;
/** A negated auxiliary: "doesn't", "can't", "won’t". */
const NEGATED = /^(\p{L}+)n['’]t$/iu;
const IRREGULAR_NEGATIONS: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'is' };

/**
 * Split text into raw words: runs of letters and digits, apostrophes kept inside words ("what's"), and a boundary
 * between letters and digits ("covid19" and "covid-19" both give "covid", "19"; "SUP-42" gives "sup", "42").
 * A negated auxiliary reads as "not", plus its verb when that is not a stop word ("doesn't" -> "not", "needn't" ->
 * "need", "not"): "the bot doesn't reply" and "the bot does not reply" then share their content words, where
 * "doesnt" was a content word no article writes (it halved an article's coverage of a short question). CovidFAQ
 * (`npm run eval -- kb`) is unchanged: hit@1 .5753, recall@5 .8587, MRR@10 .6977 before and after; keeping the
 * auxiliary too ("does", "not") gave .5761 / .8594 / .6974.
 */
export function tokenize(text: string): string[] {
  const tokens = text.match(TOKEN);
  if (tokens === null) return [];
  const out: string[] = [];
  for (const token of tokens) {
    if (HAS_DIGIT.test(token)) {
      for (const part of token.split(LETTERS_DIGITS)) out.push(part);
      continue;
    }
    const negated = NEGATED.exec(token);
    if (negated === null) {
      out.push(token);
      continue;
    }
    const verb = negated[1] as string;
    const full = IRREGULAR_NEGATIONS[verb.toLowerCase()] ?? verb;
    if (!isStopWord(full)) out.push(full);
    out.push('not');
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
  const term = word
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');
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
