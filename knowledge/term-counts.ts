/**
 * A bag of words kept compact for large knowledge bases: the distinct term ids in ascending order and how often each
 * occurs, in two typed arrays (6-8 bytes a term instead of a Map entry), plus the number of words.
 */
export interface TermCounts {
  readonly ids: Int32Array;
  readonly counts: Uint32Array;
  /** Words in the bag, repeats included. */
  readonly length: number;
}

/** Count a sequence of term ids (any order, repeats allowed). */
export function termCounts(ids: readonly number[]): TermCounts {
  const sorted = Int32Array.from(ids).sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const out = { ids: new Int32Array(distinct), counts: new Uint32Array(distinct), length: ids.length };
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) out.ids[++k] = sorted[i] as number;
    (out.counts[k] as number)++;
  }
  return out;
}

/** How often a term occurs in the bag (binary search); 0 if it does not. */
export function countOf(bag: TermCounts, id: number): number {
  const ids = bag.ids;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = ids[mid] as number;
    if (at < id) lo = mid + 1;
    else if (at > id) hi = mid - 1;
    else return bag.counts[mid] as number;
  }
  return 0;
}
