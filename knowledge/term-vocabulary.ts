import SearchableMap from 'minisearch/SearchableMap';

/**
 * The terms of a knowledge base (as processTerm gives them), with what search needs to know about each:
 * - a numeric id (term bags store ids, see term-counts.ts) and how often the term occurs in the whole collection,
 *   stop words included (the query-likelihood model's p(t | collection));
 * - in how many articles it is indexed (the common-terms cutoff), counted as the full-text index sees them;
 * - `closest`: the indexed term nearest to an unknown one, for typos.
 */
export const CORRECTIONS_CACHED = 10_000;

export class TermVocabulary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly counts: number[] = [];
  private words = 0;
  private readonly articleCounts = new Map<string, number>();
  private indexed: SearchableMap<number> | undefined;
  /** Corrections already looked up (a fuzzy lookup walks the whole vocabulary tree), up to CORRECTIONS_CACHED. */
  private readonly corrections = new Map<string, string | null>();

  /** Count the words of one article's text (every occurrence); returns their ids in order. */
  addWords(terms: readonly string[]): number[] {
    const out: number[] = [];
    for (const term of terms) {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.counts.length;
        this.ids.set(term, id);
        this.terms.push(term);
        this.counts.push(0);
      }
      this.counts[id] = (this.counts[id] as number) + 1;
      out.push(id);
    }
    this.words += terms.length;
    return out;
  }

  /** Count one article's indexed terms (each once) for the document frequency. */
  addIndexedArticle(terms: Iterable<string>): void {
    for (const term of new Set(terms)) this.articleCounts.set(term, (this.articleCounts.get(term) ?? 0) + 1);
    this.indexed = undefined;
    this.corrections.clear();
  }

  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The term of an id given by `addWords`. */
  termOf(id: number): string {
    const term = this.terms[id];
    if (term === undefined) throw new Error(`unknown term id ${id}`);
    return term;
  }

  /** p(t | collection): the term's share of all words counted; 0 for an unknown id. */
  collectionProbability(id: number): number {
    return this.words === 0 ? 0 : (this.counts[id] ?? 0) / this.words;
  }

  /** Articles that index the term. */
  documentFrequency(term: string): number {
    return this.articleCounts.get(term) ?? 0;
  }

  /**
   * The indexed term within `maxEdits` edits (Levenshtein) of an unknown term, the one in the most articles when
   * several are (then the first in alphabetical order); undefined if the term is indexed itself or none is close.
   */
  closest(term: string, maxEdits: number): string | undefined {
    if (this.articleCounts.has(term)) return undefined;
    const key = `${maxEdits}:${term}`;
    const cached = this.corrections.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.lookUpClosest(term, maxEdits);
    if (this.corrections.size < CORRECTIONS_CACHED) this.corrections.set(key, found ?? null);
    return found;
  }

  private lookUpClosest(term: string, maxEdits: number): string | undefined {
    if (this.indexed === undefined) {
      this.indexed = new SearchableMap<number>();
      for (const [t, n] of this.articleCounts) this.indexed.set(t, n);
    }
    let best: { term: string; distance: number; articles: number } | undefined;
    for (const [candidate, [articles, distance]] of this.indexed.fuzzyGet(term, maxEdits)) {
      const better =
        best === undefined ||
        distance < best.distance ||
        (distance === best.distance &&
          (articles > best.articles || (articles === best.articles && candidate < best.term)));
      if (better) best = { term: candidate, distance, articles };
    }
    return best?.term;
  }
}
