/**
 * Options of `trainIntentModel`. Every field is optional; the defaults are tuned for the product's short support
 * messages (one or two sentences), see DEFAULT_TRAIN_OPTIONS.
 */
export interface TrainOptions {
  /** Seed of every random choice (shuffles, calibration split): same data + same seed = same model. */
  seed?: number;
  /** Passes of SGD over the data (at least; see `minUpdates`). */
  epochs?: number;
  /** Small corpora get more passes: at least this many SGD updates in all (e.g. 440 examples -> 69 epochs). */
  minUpdates?: number;
  /** L2 penalty per example. */
  l2?: number;
  /** Initial SGD step size. */
  learningRate?: number;
  /** Largest word n-gram over stems. */
  wordNgramMax?: number;
  /** Character n-gram range inside word boundaries; `charNgramMax: 0` turns the character view off. */
  charNgramMin?: number;
  charNgramMax?: number;
  /** Relative weights of the word and the character views. */
  wordWeight?: number;
  charWeight?: number;
  /** Weight of a separate view over the first line's word n-grams (an issue's title); 0 turns it off. */
  titleWeight?: number;
  /** Drop terms seen in fewer training texts than this. */
  minDf?: number;
  /** Drop terms found in more than this share of training texts (e.g. issue-template boilerplate); 1 keeps all. */
  maxDfRatio?: number;
  /**
   * Fraction of each label's examples held out to fit the softmax temperature (confidence calibration); the final
   * model is then trained on everything. 0 keeps temperature 1.
   */
  calibrationFraction?: number;
  /**
   * NB-LR (Wang & Manning 2012, "Baselines and Bigrams"): instead of one softmax regression over TF-IDF, one binary
   * logistic regression per label (one vs rest) whose features are sublinear TF scaled by that label's naive-Bayes
   * log-count ratio (see log-count-ratios.ts) in place of IDF; a text's score for a label is its binary model's logit.
   * A strong baseline for small text-classification sets. Off by default.
   */
  naiveBayesScaling?: boolean;
  /** Called after each training stage, e.g. to drive a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export type ResolvedTrainOptions = Required<Omit<TrainOptions, 'onProgress'>> & Pick<TrainOptions, 'onProgress'>;

export const DEFAULT_TRAIN_OPTIONS: Readonly<Required<Omit<TrainOptions, 'onProgress'>>> = {
  seed: 1,
  epochs: 5,
  minUpdates: 30_000,
  l2: 3e-6,
  learningRate: 1,
  wordNgramMax: 2,
  charNgramMin: 2,
  charNgramMax: 5,
  wordWeight: 1,
  charWeight: 1,
  titleWeight: 0,
  minDf: 2,
  maxDfRatio: 1,
  calibrationFraction: 0.15,
  naiveBayesScaling: false,
};

export function resolveTrainOptions(options: TrainOptions = {}): ResolvedTrainOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_TRAIN_OPTIONS, ...defined };
}
