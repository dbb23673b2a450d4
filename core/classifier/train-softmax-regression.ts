import { sparseScores } from './linear-model.js';
import type { LinearModel } from './linear-model.js';
import { seededRandom, shuffleInPlace } from './seeded-random.js';
import type { SparseVector } from './sparse-vector.js';

const GRADIENT_FLOOR = 1e-4;

/** Settings of the SGD trainer for multinomial logistic regression. */
export interface SoftmaxSgdOptions {
  readonly epochs: number;
  /** L2 penalty (per example, as in scikit-learn's `alpha`). */
  readonly l2: number;
  /** Initial step size; decays as `eta0 / (1 + eta0 * l2 * t)`. */
  readonly learningRate: number;
  /** Weights are averaged over the epochs from this fraction of the run on (0.5 = the second half). */
  readonly averageFrom: number;
  readonly seed: number;
}

/**
 * Multinomial logistic regression by SGD with L2 (the weight-scale trick keeps each step sparse) and tail averaging
 * of the per-epoch weights. Deterministic for a given seed.
 */
export function trainSoftmaxRegression(
  xs: readonly SparseVector[],
  ys: Int32Array,
  classes: number,
  dimension: number,
  options: SoftmaxSgdOptions,
): LinearModel {
  const { epochs, l2, learningRate: eta0 } = options;
  const w = new Float32Array(dimension * classes);
  const b = new Float32Array(classes);
  const avgW = new Float64Array(dimension * classes);
  const avgB = new Float64Array(classes);
  let averaged = 0;
  let scale = 1;
  let t = 0;
  const random = seededRandom(options.seed);
  const order = Int32Array.from(xs.keys());
  const z = new Float64Array(classes);
  const activeClasses = new Int32Array(classes);
  const activeGradients = new Float64Array(classes);
  const firstAveraged = Math.min(epochs - 1, Math.floor(epochs * options.averageFrom));
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const x = xs[i] as SparseVector;
      const y = ys[i] as number;
      const eta = eta0 / (1 + eta0 * l2 * t);
      t++;
      scale *= 1 - eta * l2;
      if (scale < 1e-6) {
        for (let n = 0; n < w.length; n++) w[n] = (w[n] as number) * scale;
        scale = 1;
      }
      sparseScores(w, classes, x, scale, b, z);
      let max = -Infinity;
      for (let k = 0; k < classes; k++) if ((z[k] as number) > max) max = z[k] as number;
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        const e = Math.exp((z[k] as number) - max);
        z[k] = e;
        sum += e;
      }
      // Only classes with a non-negligible gradient are updated: late in training most probabilities are ~0,
      // so this makes the update step several times cheaper without changing the result measurably.
      let active = 0;
      for (let k = 0; k < classes; k++) {
        const g = (z[k] as number) / sum - (k === y ? 1 : 0);
        b[k] = (b[k] as number) - eta * g;
        if (g > GRADIENT_FLOOR || g < -GRADIENT_FLOOR) {
          activeClasses[active] = k;
          activeGradients[active] = g;
          active++;
        }
      }
      const { indices, values } = x;
      const step = eta / scale;
      for (let n = 0; n < indices.length; n++) {
        const v = (values[n] as number) * step;
        const base = (indices[n] as number) * classes;
        for (let a = 0; a < active; a++) {
          const at = base + (activeClasses[a] as number);
          w[at] = (w[at] as number) - v * (activeGradients[a] as number);
        }
      }
    }
    if (epoch >= firstAveraged) {
      for (let n = 0; n < w.length; n++) avgW[n] = (avgW[n] as number) + (w[n] as number) * scale;
      for (let k = 0; k < classes; k++) avgB[k] = (avgB[k] as number) + (b[k] as number);
      averaged++;
    }
  }
  const weights = new Float32Array(w.length);
  for (let n = 0; n < w.length; n++) weights[n] = (avgW[n] as number) / averaged;
  const bias = new Float32Array(classes);
  for (let k = 0; k < classes; k++) bias[k] = (avgB[k] as number) / averaged;
  return { classes, dimension, weights, bias };
}
