/**
 * How the ticket search reads what staff type: the words of a query, as every store (SQLite FTS5, PostgreSQL text
 * search, the in-memory fake) matches them. Only runs of letters and digits survive, lowercased, so quotes, `*`,
 * `OR`-as-syntax, `NEAR(`, `&`, `:` and every other operator of either query language are gone before a store
 * builds its query: user input can never be a syntax error there, nor change the query's meaning.
 */

/** At most this many words count; the rest are ignored. */
export const MAX_SEARCH_WORDS = 8;
/** A longer word is cut to this many characters (code points). */
export const MAX_SEARCH_WORD_LENGTH = 64;
/** A page holds at most this many tickets. */
export const MAX_SEARCH_PAGE = 100;
/**
 * The stores index the first this many characters of a subject or message (SQLite migration 013 and PostgreSQL
 * migration 003 write the number too): a text of a megabyte would not fit PostgreSQL's tsvector and fail its insert.
 */
export const SEARCHED_TEXT_LENGTH = 100_000;
/** `due-soon` looks this far ahead unless the query says otherwise. */
export const DEFAULT_DUE_SOON_MS = 3_600_000;

const WORD = /[\p{L}\p{N}]+/gu;

/** The lowercase words (runs of letters and digits) of `text`: at most 8, each at most 64 characters. */
export function searchWords(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  return words.slice(0, MAX_SEARCH_WORDS).map((w) => Array.from(w).slice(0, MAX_SEARCH_WORD_LENGTH).join(''));
}

/**
 * Whether a text (a subject, a transcript message) holds every word: all but the last as whole words, the last as
 * a whole word or the start of one, in its first SEARCHED_TEXT_LENGTH characters. The reference the stores are
 * tested against (the in-memory fake uses it).
 */
export function textHasWords(text: string, words: readonly string[]): boolean {
  if (!words.length) return true;
  const searched = text.length > SEARCHED_TEXT_LENGTH ? Array.from(text).slice(0, SEARCHED_TEXT_LENGTH).join('') : text;
  const tokens = new Set(searched.toLowerCase().match(WORD) ?? []);
  const last = words.length - 1;
  return words.every((w, i) => tokens.has(w) || (i === last && [...tokens].some((t) => t.startsWith(w))));
}

/** The page size a store uses for a requested `limit`: an integer in 1..100. */
export function searchPageSize(limit: number): number {
  return Math.min(MAX_SEARCH_PAGE, Math.max(1, Math.floor(limit) || 1));
}
