import type { SparseVector } from './sparse-vector.js';

/** A multi-class linear model. `weights` is feature-major: the score of class k gets `weights[j * classes + k]`. */
export interface LinearModel {
  readonly classes: number;
  readonly dimension: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** Writes the class scores (logits) of `x` into `out` (length `model.classes`). */
export function linearScores(model: LinearModel, x: SparseVector, out: Float64Array): Float64Array {
  const { classes, weights, bias } = model;
  for (let k = 0; k < classes; k++) out[k] = bias[k] as number;
  const { indices, values } = x;
  for (let n = 0; n < indices.length; n++) {
    const value = values[n] as number;
    const base = (indices[n] as number) * classes;
    for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + value * (weights[base + k] as number);
  }
  return out;
}
