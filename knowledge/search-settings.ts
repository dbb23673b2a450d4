import type { SearchOptions } from 'minisearch';

/**
 * Search runs in two stages. Figures: CovidFAQ retrieval (`npm run eval -- kb`, 67 FAQs, 1,387 queries), hit@1.
 *
 * 1. Candidates from the MiniSearch index (BM25+ with MiniSearch's k 1.2, b 0.7, d 0.5). Fields: the title and the
 *    alternative questions (`questions`, 5×), headings and tags (`keywords`, 2×), the body (1×). Terms are Porter
 *    stems (search-terms.ts); stop words are indexed in titles and questions only ("where did", "how long" tell
 *    questions apart; in bodies they would make every query touch every document). This stage searches the query's
 *    rarest words (see `candidateTerms`), with no prefix or fuzzy matching: a query word the index does not know, of
 *    TYPO_MIN_LENGTH+ characters (as stemmed), is read as the indexed term one edit away (typos: "notifcation"), and
 *    a known word is never fuzzed (fuzzing every long word cost a fuzzy walk of the vocabulary per word, and its
 *    apparent +2 points on CovidFAQ came from Porter stemming "virus" and "viruses" apart, fixed in processTerm).
 * 2. The first CANDIDATE_DEPTH candidates that pass the filters are ranked by query likelihood (query-likelihood.ts):
 *    a language model of the article's question (its best phrasing) mixed with one of its whole text, Dirichlet
 *    smoothed, over every word of the query, stop words included. Every query word counts, so an article that
 *    matches one rare word no longer beats one that matches the rest of the question: hit@1 .533 with BM25 alone
 *    (the same with any field boosts, BM25 parameters or a char-n-gram re-rank) -> .572.
 *
 * Text relevance is that likelihood ratio, which the ranking signals multiply like a bounded document prior
 * (ranking-signals.ts). `coverage` is the share of the query's content words (after the common-terms cutoff, see
 * `informativeWords`) that occur in the article.
 */
export const CANDIDATE_SEARCH_OPTIONS: SearchOptions = {
  boost: { questions: 5, keywords: 2, body: 1 },
  combineWith: 'OR',
};
/** Candidates the ranking stage sees (at least the number of hits asked for). */
export const CANDIDATE_DEPTH = 20;
/** The candidate stage searches at most this many terms, the rarest first... */
export const CANDIDATE_TERMS = 5;
/** ...and no more once the articles indexing them add up to this (MiniSearch's cost grows with both). */
export const CANDIDATE_POSTINGS = 100;
/**
 * Query-likelihood settings: the question's weight in the mixture, and the Dirichlet priors as multiples of the
 * collection's average phrasing length and average article length (so they follow the collection's scale).
 */
export const QUERY_LIKELIHOOD = { titleWeight: 0.8, titleSmoothing: 2, documentSmoothing: 8 } as const;
/** Typos: unknown words of this many characters (as stemmed) or more are corrected within one edit... */
export const TYPO_MIN_LENGTH = 6;
/** ...and then count this much (an exact word 1) in both stages. */
export const TYPO_WEIGHT = 0.5;
/** Distinct query words whose analysis (stem, stop word, typo correction) is remembered. */
export const ANALYSES_CACHED = 20_000;

export const COMMON_TERMS_MIN_ARTICLES = 1_000;
export const COMMON_TERM_SHARE = 0.05;
export const MAX_QUERY_TERMS = 8;
