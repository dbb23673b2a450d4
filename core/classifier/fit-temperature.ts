/**
 * Temperature scaling (Guo et al. 2017): the T > 0 that minimises the negative log-likelihood of
 * `softmax(logits / T)` on held-out examples. `logits` is row-major, `classes` per row. Golden-section search on log T.
 */
export function fitTemperature(logits: Float64Array, labels: Int32Array, classes: number): number {
  if (labels.length === 0) return 1;
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let total = 0;
    for (let i = 0; i < labels.length; i++) {
      const row = i * classes;
      let max = -Infinity;
      for (let k = 0; k < classes; k++) max = Math.max(max, (logits[row + k] as number) / t);
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += Math.exp((logits[row + k] as number) / t - max);
      total += Math.log(sum) + max - (logits[row + (labels[i] as number)] as number) / t;
    }
    return total / labels.length;
  };
  let lo = Math.log(0.01);
  let hi = Math.log(100);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = nll(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
