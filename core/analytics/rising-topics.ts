import { contentWords } from './text-terms.js';

export interface RisingTopic {
  /** A word or two-word phrase. */
  term: string;
  current: number;
  previous: number;
  /** Share of this period's texts that mention it divided by the share last period (smoothed, +1). */
  lift: number;
}

function documentFrequency(texts: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const t of texts) {
    const words = contentWords(t);
    const terms = new Set(words);
    for (let i = 0; i + 1 < words.length; i++) terms.add(`${words[i]} ${words[i + 1]}`);
    for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return df;
}

/**
 * Terms and phrases that rise in this period's ticket texts against the previous period's: how many texts mention
 * each (document frequency), normalised by the number of texts, with add-one smoothing so a brand-new term needs
 * `minCount` mentions to show. A phrase hides the single words it contains when it rises as much.
 */
export function risingTopics(
  current: readonly string[],
  previous: readonly string[],
  options: { minCount?: number; limit?: number } = {},
): RisingTopic[] {
  const minCount = options.minCount ?? 3;
  const cur = documentFrequency(current);
  const prev = documentFrequency(previous);
  const nCur = Math.max(current.length, 1);
  const nPrev = Math.max(previous.length, 1);
  const found: RisingTopic[] = [];
  for (const [term, c] of cur) {
    if (c < minCount) continue;
    const p = prev.get(term) ?? 0;
    const lift = (c + 1) / nCur / ((p + 1) / nPrev);
    if (lift > 1.5) found.push({ term, current: c, previous: p, lift });
  }
  const words = (t: string) => t.split(' ').length;
  found.sort(
    (a, b) => b.lift - a.lift || words(b.term) - words(a.term) || b.current - a.current || a.term.localeCompare(b.term),
  );
  const out: RisingTopic[] = [];
  for (const t of found) {
    if (out.some((o) => o.term.includes(' ') && o.term.split(' ').includes(t.term) && o.lift >= t.lift * 0.8)) continue;
    out.push(t);
    if (out.length >= (options.limit ?? 10)) break;
  }
  return out;
}
