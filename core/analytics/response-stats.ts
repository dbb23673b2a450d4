import { percentileOfSorted } from '../metrics/percentile.js';

/** Average and R-7 percentiles of a sample of durations (ms); nulls when the sample is empty. */
export interface ResponseStats {
  count: number;
  avgMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
}

export function responseStats(values: readonly number[]): ResponseStats {
  if (values.length === 0) return { count: 0, avgMs: null, p50Ms: null, p90Ms: null, p99Ms: null };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const at = (p: number) => percentileOfSorted(sorted as unknown as readonly number[], p);
  return { count: sorted.length, avgMs: sum / sorted.length, p50Ms: at(50), p90Ms: at(90), p99Ms: at(99) };
}

/** Median (R-7 p50) of a sample, null when empty. */
export function median(values: readonly number[]): number | null {
  return responseStats(values).p50Ms;
}
