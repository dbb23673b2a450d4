import { isStopWord, processTerm, tokenize } from './search-terms.js';
import { ANALYSES_CACHED, TYPO_MIN_LENGTH, TYPO_WEIGHT } from './search-settings.js';
import type { TermVocabulary } from './term-vocabulary.js';

/**
 * One word of a query as analysed: `asked` is what the user wrote (stemmed), `term` what is searched (the same, or
 * the correction of a typo, which weighs TYPO_WEIGHT), with its vocabulary id (-1 if unknown) and how many articles
 * index it.
 */
export interface QueryWord {
  asked: string;
  term: string;
  stop: boolean;
  weight: number;
  id: number;
  df: number;
}

/**
 * Reads a query's words against the collection: stemmed, stop words marked, and an unknown word of TYPO_MIN_LENGTH+
 * characters read as the indexed term one edit away when there is one. Each distinct raw word is analysed once (up
 * to ANALYSES_CACHED). Split compounds are joined first (see `joinCompounds`).
 */
export class QueryAnalyzer {
  private readonly analyses = new Map<string, QueryWord | null>();

  /** `spellings`: every word the articles write, as written (lower case). */
  constructor(
    private readonly vocabulary: TermVocabulary,
    private readonly spellings: ReadonlySet<string>,
  ) {}

  words(query: string): QueryWord[] {
    const out: QueryWord[] = [];
    for (const raw of this.joinCompounds(tokenize(query))) {
      let word = this.analyses.get(raw);
      if (word === undefined) {
        word = this.analyse(raw);
        if (this.analyses.size < ANALYSES_CACHED) this.analyses.set(raw, word);
      }
      if (word !== null) out.push(word);
    }
    return out;
  }

  /**
   * Two adjacent query words that the articles write as one are read as that word: "corona virus" -> "coronavirus",
   * "take out" -> "takeout", "it s" (an apostrophe lost) -> "its". Joined when some article writes the concatenation
   * as one word, except two stop words making a content word ("we are" -> "wear"). Queries only: the articles decide.
   * CovidFAQ hit@1 .572 -> .575 (even query ids .576 -> .584, odd .567 -> .567; "corona virus" is in 7% of queries;
   * joining when the concatenation's stem is indexed gave .577 but stemmed every word pair of every search).
   */
  private joinCompounds(tokens: readonly string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i] as string;
      const second = tokens[i + 1];
      if (second !== undefined && this.isCompound(first, second)) {
        out.push(first + second);
        i++;
        continue;
      }
      out.push(first);
    }
    return out;
  }

  /**
   * Whether `first second` is read as one word (see `joinCompounds`): the articles write it so (a set lookup, no
   * stemming, so it costs nothing measurable per search), and it is not two stop words making a content word.
   */
  private isCompound(first: string, second: string): boolean {
    const joined = (first + second).toLowerCase();
    return this.spellings.has(joined) && !(isStopWord(first) && isStopWord(second) && !isStopWord(joined));
  }

  private analyse(raw: string): QueryWord | null {
    const asked = processTerm(raw);
    if (asked === null) return null;
    const corrected = asked.length >= TYPO_MIN_LENGTH ? this.vocabulary.closest(asked, 1) : undefined;
    const term = corrected ?? asked;
    return {
      asked,
      term,
      stop: isStopWord(raw),
      weight: corrected === undefined ? 1 : TYPO_WEIGHT,
      id: this.vocabulary.idOf(term) ?? -1,
      df: this.vocabulary.documentFrequency(term),
    };
  }
}
