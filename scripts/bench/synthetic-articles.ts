import type { Article } from '../../core/ports/knowledge-base.js';
import { TIERS } from '../../core/model/types.js';

/** Deterministic pseudo-random generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` articles written from the vocabulary of real texts (Zipf-like word choice), so the index has realistic
 * term statistics at sizes the project does not ship. Every tenth article is tier-restricted.
 */
export function syntheticArticles(count: number, texts: readonly string[], seed = 7): Article[] {
  const random = seeded(seed);
  const vocab = [...new Set(texts.flatMap((t) => t.toLowerCase().match(/[a-z][a-z0-9']{2,}/g) ?? []))];
  const word = () => vocab[Math.floor(vocab.length * random() ** 2)] as string;
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    id: `synthetic-${i}`,
    title: words(5),
    body: `${words(60)}.\n\n${words(80)}.\n\n${words(60)}.`,
    tags: [word(), word()],
    intents: [],
    tiers: i % 10 === 0 ? [TIERS[i % 4] as Article['tiers'][number]] : [],
    platforms: [],
    language: 'en',
    updated: Date.UTC(2026, 0, 1) + i * 3_600_000,
  }));
}
