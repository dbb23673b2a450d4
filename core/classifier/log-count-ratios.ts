/**
 * Naive-Bayes log-count ratios (Wang & Manning 2012, "Baselines and Bigrams", the NB in NB-SVM / NB-LR), one vector
 * per label k, one-vs-rest: r[k][j] = log((p_j + alpha) / |p + alpha|_1) - log((q_j + alpha) / |q + alpha|_1), where
 * p_j counts the documents of label k that contain term j and q_j those of the other labels. A term typical of k gets
 * a large positive ratio, a term typical of the rest a negative one, a term spread evenly about 0.
 *
 * `docs[i].indices` are the terms present in document i (each at most once); `ys[i]` is its label index.
 */
export function logCountRatios(
  docs: readonly { readonly indices: Int32Array }[],
  ys: Int32Array,
  classes: number,
  dimension: number,
  alpha = 1,
): Float32Array[] {
  if (!(alpha > 0)) throw new RangeError(`alpha must be positive, got ${alpha}`);
  const perLabel = Array.from({ length: classes }, () => new Float64Array(dimension));
  const all = new Float64Array(dimension);
  docs.forEach((doc, i) => {
    const counts = perLabel[ys[i] as number] as Float64Array;
    for (const j of doc.indices) {
      counts[j] = (counts[j] as number) + 1;
      all[j] = (all[j] as number) + 1;
    }
  });
  let allTotal = 0;
  for (let j = 0; j < dimension; j++) allTotal += all[j] as number;
  return perLabel.map((p) => {
    let pTotal = 0;
    for (let j = 0; j < dimension; j++) pTotal += p[j] as number;
    const pNorm = pTotal + alpha * dimension;
    const qNorm = allTotal - pTotal + alpha * dimension;
    const r = new Float32Array(dimension);
    for (let j = 0; j < dimension; j++) {
      const pj = p[j] as number;
      const qj = (all[j] as number) - pj;
      r[j] = Math.log((pj + alpha) / pNorm) - Math.log((qj + alpha) / qNorm);
    }
    return r;
  });
}
