import type { SparseVector } from './sparse-vector.js';
import { TERM_VIEWS, VIEW_PREFIX, visitTerms } from './text-terms.js';
import type { TermConfig, TermView } from './text-terms.js';

/** Featurizer settings: the views, vocabulary pruning and view weights. */
export interface FeaturizerConfig extends TermConfig {
  /** Keep terms that occur in at least this many training texts. */
  readonly minDf: number;
  /** Drop terms that occur in more than this share of training texts (template boilerplate); 1 keeps all. */
  readonly maxDfRatio?: number | undefined;
  /** Weight of the word view and of the character view (each view is L2-normalised, then scaled). */
  readonly wordWeight: number;
  readonly charWeight: number;
  /** Weight of the first-line view (only with `titleView`). */
  readonly titleWeight?: number | undefined;
}

/** The fitted state of a featurizer: its vocabulary (terms prefixed by view) and inverse document frequencies. */
export interface FeaturizerState {
  readonly config: FeaturizerConfig;
  readonly terms: readonly string[];
  readonly idf: Float32Array;
}

/** TF-IDF over word and character n-grams: sublinear TF, smoothed IDF, per-view L2 normalisation. */
export class TextFeaturizer {
  readonly config: FeaturizerConfig;
  readonly idf: Float32Array;
  private readonly terms: readonly string[];
  private readonly index: Map<string, number>[];
  private readonly weights: readonly number[];
  /** Per-call scratch: term counts by feature index, and which indices each view touched. */
  private readonly counts: Float64Array;
  private readonly touched: number[][] = [[], [], []];

  constructor(state: FeaturizerState) {
    this.config = state.config;
    this.terms = state.terms;
    this.idf = state.idf;
    this.index = TERM_VIEWS.map(() => new Map<string, number>());
    state.terms.forEach((term, i) => {
      const view = VIEW_PREFIX.indexOf(term.slice(0, 2) as (typeof VIEW_PREFIX)[number]);
      if (view < 0) throw new Error(`vocabulary term ${JSON.stringify(term)} has no view prefix`);
      (this.index[view] as Map<string, number>).set(term.slice(2), i);
    });
    this.weights = [state.config.wordWeight, state.config.charWeight, state.config.titleWeight ?? 0];
    this.counts = new Float64Array(state.terms.length);
  }

  get dimension(): number {
    return this.terms.length;
  }

  static fit(texts: readonly string[], config: FeaturizerConfig): TextFeaturizer {
    const df = new Map<string, number>();
    const seen = new Set<string>();
    for (const text of texts) {
      seen.clear();
      visitTerms(text, config, (view, term) => seen.add(VIEW_PREFIX[view] + term));
      for (const term of seen) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const terms: string[] = [];
    const idf: number[] = [];
    for (const [term, count] of df) {
      if (count < config.minDf || count > (config.maxDfRatio ?? 1) * texts.length) continue;
      terms.push(term);
      idf.push(Math.log((1 + texts.length) / (1 + count)) + 1);
    }
    return new TextFeaturizer({ config, terms, idf: Float32Array.from(idf) });
  }

  transform(text: string): SparseVector {
    const { counts, touched, index } = this;
    visitTerms(text, this.config, (view: TermView, term: string) => {
      const i = (index[view] as Map<string, number>).get(term);
      if (i === undefined) return;
      if (counts[i] === 0) (touched[view] as number[]).push(i);
      counts[i] = (counts[i] as number) + 1;
    });
    const size = touched.reduce((sum, list) => sum + list.length, 0);
    const indices = new Int32Array(size);
    const values = new Float32Array(size);
    let at = 0;
    for (const view of TERM_VIEWS) {
      const list = touched[view] as number[];
      let norm = 0;
      for (const i of list) {
        const value = (1 + Math.log(counts[i] as number)) * (this.idf[i] as number);
        counts[i] = value;
        norm += value * value;
      }
      const scale = norm > 0 ? (this.weights[view] as number) / Math.sqrt(norm) : 0;
      for (const i of list) {
        if (scale !== 0) {
          indices[at] = i;
          values[at] = (counts[i] as number) * scale;
          at++;
        }
        counts[i] = 0;
      }
      list.length = 0;
    }
    return at === size ? { indices, values } : { indices: indices.slice(0, at), values: values.slice(0, at) };
  }

  state(): FeaturizerState {
    return { config: this.config, terms: this.terms, idf: this.idf };
  }
}
