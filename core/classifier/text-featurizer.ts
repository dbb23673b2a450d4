import type { SparseVector } from './sparse-vector.js';
import { textTerms } from './text-terms.js';
import type { TermConfig, TextTerms } from './text-terms.js';

/** Featurizer settings: the views, vocabulary pruning and view weights. */
export interface FeaturizerConfig extends TermConfig {
  /** Keep terms that occur in at least this many training texts. */
  readonly minDf: number;
  /** Weight of the word view and of the character view (each view is L2-normalised, then scaled). */
  readonly wordWeight: number;
  readonly charWeight: number;
  /** Weight of the first-line view (only with `titleView`). */
  readonly titleWeight?: number;
}

/** The fitted state of a featurizer: its vocabulary and inverse document frequencies. */
export interface FeaturizerState {
  readonly config: FeaturizerConfig;
  readonly terms: readonly string[];
  readonly idf: Float32Array;
}

/** TF-IDF over word and character n-grams: sublinear TF, smoothed IDF, per-view L2 normalisation. */
export class TextFeaturizer {
  readonly config: FeaturizerConfig;
  readonly idf: Float32Array;
  private readonly index: Map<string, number>;
  private readonly terms: readonly string[];

  constructor(state: FeaturizerState) {
    this.config = state.config;
    this.terms = state.terms;
    this.idf = state.idf;
    this.index = new Map(state.terms.map((term, i) => [term, i]));
  }

  get dimension(): number {
    return this.terms.length;
  }

  static fit(texts: readonly string[], config: FeaturizerConfig): TextFeaturizer {
    const df = new Map<string, number>();
    for (const text of texts) {
      const { word, char, title } = textTerms(text, config);
      for (const term of new Set([...word, ...char, ...title])) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const terms: string[] = [];
    const idfValues: number[] = [];
    const n = texts.length;
    for (const [term, count] of df) {
      if (count < config.minDf) continue;
      terms.push(term);
      idfValues.push(Math.log((1 + n) / (1 + count)) + 1);
    }
    return new TextFeaturizer({ config, terms, idf: Float32Array.from(idfValues) });
  }

  transform(text: string): SparseVector {
    return this.vectorize(textTerms(text, this.config));
  }

  state(): FeaturizerState {
    return { config: this.config, terms: this.terms, idf: this.idf };
  }

  private vectorize(terms: TextTerms): SparseVector {
    const word = this.weigh(terms.word, this.config.wordWeight);
    const char = this.weigh(terms.char, this.config.charWeight);
    const title = this.weigh(terms.title, this.config.titleWeight ?? 0);
    const size = word.size + char.size + title.size;
    const indices = new Int32Array(size);
    const values = new Float32Array(size);
    let k = 0;
    for (const view of [word, char, title]) {
      for (const [index, value] of view) {
        indices[k] = index;
        values[k] = value;
        k++;
      }
    }
    return { indices, values };
  }

  /** Sublinear TF x IDF of one view's terms, L2-normalised and scaled by `weight`. */
  private weigh(terms: readonly string[], weight: number): Map<number, number> {
    const counts = new Map<number, number>();
    if (weight === 0) return counts;
    for (const term of terms) {
      const index = this.index.get(term);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    let norm = 0;
    for (const [index, tf] of counts) {
      const value = (1 + Math.log(tf)) * (this.idf[index] as number);
      counts.set(index, value);
      norm += value * value;
    }
    if (norm === 0) return counts;
    const scale = weight / Math.sqrt(norm);
    for (const [index, value] of counts) counts.set(index, value * scale);
    return counts;
  }
}
