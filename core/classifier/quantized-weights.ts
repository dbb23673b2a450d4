/**
 * Int8 weights with one float32 scale per feature row (`classes` weights): a quarter of the float32 size, and the
 * rounding error (at most half a step, 1/254 of the row's largest weight) does not change predictions measurably.
 */
export interface QuantizedWeights {
  readonly scales: Float32Array;
  readonly codes: Int8Array;
}

export function quantizeRows(weights: Float32Array, classes: number): QuantizedWeights {
  const rows = weights.length / classes;
  const scales = new Float32Array(rows);
  const codes = new Int8Array(weights.length);
  for (let j = 0; j < rows; j++) {
    const base = j * classes;
    let max = 0;
    for (let k = 0; k < classes; k++) max = Math.max(max, Math.abs(weights[base + k] as number));
    const scale = Math.fround(max / 127);
    scales[j] = scale;
    if (scale === 0) continue;
    for (let k = 0; k < classes; k++) codes[base + k] = Math.round((weights[base + k] as number) / scale);
  }
  return { scales, codes };
}

/** The float32 weights a quantized matrix stands for (the model computes with exactly these). */
export function dequantizeRows(quantized: QuantizedWeights, classes: number): Float32Array {
  const { scales, codes } = quantized;
  const weights = new Float32Array(codes.length);
  for (let j = 0; j < scales.length; j++) {
    const scale = scales[j] as number;
    const base = j * classes;
    for (let k = 0; k < classes; k++) weights[base + k] = (codes[base + k] as number) * scale;
  }
  return weights;
}
