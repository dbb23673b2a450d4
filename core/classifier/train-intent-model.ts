import { fitTemperature } from './fit-temperature.js';
import type { IntentModel, LabeledText } from './intent-model.js';
import { LinearIntentModel } from './linear-intent-model.js';
import type { ModelMember } from './linear-intent-model.js';
import type { LinearModel } from './linear-model.js';
import { logCountRatios } from './log-count-ratios.js';
import { dequantizeRows, quantizeRows } from './quantized-weights.js';
import { seededRandom } from './seeded-random.js';
import { stratifiedSplit } from './stratified-split.js';
import { TextFeaturizer } from './text-featurizer.js';
import { trainSoftmaxRegression } from './train-softmax-regression.js';
import type { SoftmaxSgdOptions } from './train-softmax-regression.js';
import { resolveTrainOptions } from './train-options.js';
import type { ResolvedTrainOptions, TrainOptions } from './train-options.js';

export type { TrainOptions } from './train-options.js';

function fitFeaturizer(texts: readonly string[], options: ResolvedTrainOptions): TextFeaturizer {
  return TextFeaturizer.fit(texts, {
    wordNgramMax: options.wordNgramMax,
    charNgramMin: options.charNgramMin,
    charNgramMax: options.charNgramMax,
    minDf: options.minDf,
    maxDfRatio: options.maxDfRatio,
    wordWeight: options.wordWeight,
    charWeight: options.charWeight,
    titleView: options.titleWeight > 0,
    titleWeight: options.titleWeight,
  });
}

function sgdOptions(options: ResolvedTrainOptions, examples: number, seed: number): SoftmaxSgdOptions {
  return {
    epochs: Math.max(options.epochs, Math.ceil(options.minUpdates / Math.max(1, examples))),
    l2: options.l2,
    learningRate: options.learningRate,
    averageFrom: 0.5,
    seed,
  };
}

function member(featurizer: TextFeaturizer, model: LinearModel): ModelMember {
  const quantized = quantizeRows(model.weights, model.classes);
  return { featurizer, model: { ...model, weights: dequantizeRows(quantized, model.classes) }, quantized };
}

/** One softmax regression over TF-IDF (the default). */
function trainSoftmaxMember(
  texts: readonly string[],
  ys: Int32Array,
  classes: number,
  options: ResolvedTrainOptions,
): ModelMember {
  const featurizer = fitFeaturizer(texts, options);
  const xs = texts.map((text) => featurizer.transform(text));
  return member(
    featurizer,
    trainSoftmaxRegression(xs, ys, classes, featurizer.dimension, sgdOptions(options, texts.length, options.seed)),
  );
}

/**
 * NB-LR (`naiveBayesScaling`): member k is label k's binary logistic regression over TF scaled by its log-count
 * ratios (the featurizer's term weights, in place of IDF); its linear model scores label k only (the other columns
 * are 0), so the ensemble's averaged logits are the binary logits divided by the number of labels.
 */
function trainNaiveBayesMembers(
  texts: readonly string[],
  ys: Int32Array,
  classes: number,
  options: ResolvedTrainOptions,
): ModelMember[] {
  const vocabulary = fitFeaturizer(texts, options);
  const { dimension } = vocabulary;
  const ratios = logCountRatios(
    texts.map((text) => vocabulary.transform(text)),
    ys,
    classes,
    dimension,
  );
  return ratios.map((ratio, k) => {
    const featurizer = new TextFeaturizer({ ...vocabulary.state(), idf: ratio });
    const xs = texts.map((text) => featurizer.transform(text));
    const isK = Int32Array.from(ys, (y) => (y === k ? 1 : 0));
    const binary = trainSoftmaxRegression(xs, isK, 2, dimension, sgdOptions(options, texts.length, options.seed + k));
    const weights = new Float32Array(dimension * classes);
    for (let j = 0; j < dimension; j++)
      weights[j * classes + k] = (binary.weights[j * 2 + 1] as number) - (binary.weights[j * 2] as number);
    const bias = new Float32Array(classes);
    bias[k] = (binary.bias[1] as number) - (binary.bias[0] as number);
    return member(featurizer, { classes, dimension, weights, bias });
  });
}

/** Fits the featurizer(s) and linear model(s) on `examples` (labels already mapped to indices). */
function trainMembers(
  texts: readonly string[],
  ys: Int32Array,
  classes: number,
  options: ResolvedTrainOptions,
): ModelMember[] {
  if (options.naiveBayesScaling && classes > 1) return trainNaiveBayesMembers(texts, ys, classes, options);
  return [trainSoftmaxMember(texts, ys, classes, options)];
}

/**
 * Trains the product's intent model: TF-IDF over stemmed word n-grams and character n-grams, multinomial logistic
 * regression by averaged SGD (or, with `naiveBayesScaling`, NB-LR: one-vs-rest binary regressions over NB-scaled TF),
 * softmax temperature fitted on a held-out slice so `confidence` is a calibrated probability. Deterministic for a
 * given `options.seed`.
 */
export function trainIntentModel(examples: readonly LabeledText[], options: TrainOptions = {}): IntentModel {
  const resolved = resolveTrainOptions(options);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  if (labels.length === 0) throw new RangeError('trainIntentModel needs at least one labeled example');
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const texts = examples.map((e) => e.text);
  const ys = Int32Array.from(examples, (e) => labelIndex.get(e.label) as number);
  const classes = labels.length;
  const stages = resolved.calibrationFraction > 0 && classes > 1 ? 2 : 1;
  let temperature = 1;
  if (stages === 2) {
    const split = stratifiedSplit(
      examples.map((e) => e.label),
      resolved.calibrationFraction,
      seededRandom(resolved.seed),
    );
    const members = trainMembers(
      split.kept.map((i) => texts[i] as string),
      Int32Array.from(split.kept, (i) => ys[i] as number),
      classes,
      resolved,
    );
    const held = new LinearIntentModel(labels, members, 1);
    const logits = new Float64Array(split.heldOut.length * classes);
    split.heldOut.forEach((i, row) => {
      logits.set(held.logits(texts[i] as string), row * classes);
    });
    temperature = fitTemperature(
      logits,
      Int32Array.from(split.heldOut, (i) => ys[i] as number),
      classes,
    );
    resolved.onProgress?.(1, stages);
  }
  const members = trainMembers(texts, ys, classes, resolved);
  resolved.onProgress?.(stages, stages);
  return new LinearIntentModel(labels, members, temperature);
}
