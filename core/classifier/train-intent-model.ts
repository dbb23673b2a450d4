import { fitTemperature } from './fit-temperature.js';
import type { IntentModel, LabeledText } from './intent-model.js';
import { LinearIntentModel } from './linear-intent-model.js';
import type { ModelMember } from './linear-intent-model.js';
import { dequantizeRows, quantizeRows } from './quantized-weights.js';
import { seededRandom } from './seeded-random.js';
import { stratifiedSplit } from './stratified-split.js';
import { TextFeaturizer } from './text-featurizer.js';
import { trainSoftmaxRegression } from './train-softmax-regression.js';
import { resolveTrainOptions } from './train-options.js';
import type { ResolvedTrainOptions, TrainOptions } from './train-options.js';

export type { TrainOptions } from './train-options.js';

/** Fits the featurizer and the linear model on `examples` (labels already mapped to indices). */
function trainMember(texts: readonly string[], ys: Int32Array, classes: number, options: ResolvedTrainOptions): ModelMember {
  const featurizer = TextFeaturizer.fit(texts, {
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
  const xs = texts.map((text) => featurizer.transform(text));
  const trained = trainSoftmaxRegression(xs, ys, classes, featurizer.dimension, {
    epochs: Math.max(options.epochs, Math.ceil(options.minUpdates / Math.max(1, texts.length))),
    l2: options.l2,
    learningRate: options.learningRate,
    averageFrom: 0.5,
    seed: options.seed,
  });
  const quantized = quantizeRows(trained.weights, classes);
  return { featurizer, model: { ...trained, weights: dequantizeRows(quantized, classes) }, quantized };
}

/**
 * Trains the product's intent model: TF-IDF over stemmed word n-grams and character n-grams, multinomial logistic
 * regression by averaged SGD, softmax temperature fitted on a held-out slice so `confidence` is a calibrated
 * probability. Deterministic for a given `options.seed`.
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
    const split = stratifiedSplit(examples.map((e) => e.label), resolved.calibrationFraction, seededRandom(resolved.seed));
    const member = trainMember(split.kept.map((i) => texts[i] as string), Int32Array.from(split.kept, (i) => ys[i] as number), classes, resolved);
    const held = new LinearIntentModel(labels, [member], 1);
    const logits = new Float64Array(split.heldOut.length * classes);
    split.heldOut.forEach((i, row) => logits.set(held.logits(texts[i] as string), row * classes));
    temperature = fitTemperature(logits, Int32Array.from(split.heldOut, (i) => ys[i] as number), classes);
    resolved.onProgress?.(1, stages);
  }
  const member = trainMember(texts, ys, classes, resolved);
  resolved.onProgress?.(stages, stages);
  return new LinearIntentModel(labels, [member], temperature);
}
