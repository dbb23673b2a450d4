import { seededRandom } from '../../core/classifier/seeded-random.js';
import type { Article } from '../../core/ports/knowledge-base.js';
import { TIERS } from '../../core/model/types.js';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ster',
  'vex',
  'dra',
  'pol',
  'zen',
  'qua',
  'rin',
  'tor',
  'bel',
  'sha',
  'nox',
  'fi',
  'gru',
];

/**
 * `count` articles with the shape of a real knowledge base: each is about one topic, so it draws most of its words
 * from that topic's own vocabulary (product nouns, error names: invented words here) and the rest from the common
 * vocabulary of real support messages. Term statistics then follow a real collection (a rare word matches a few
 * articles, a common one many), unlike uniformly random text where every word matches every article.
 * Every tenth article is tier-restricted.
 */
export function syntheticArticles(count: number, texts: readonly string[], seed = 7): Article[] {
  const random = seededRandom(seed);
  const common = [...new Set(texts.flatMap((t) => t.toLowerCase().match(/[a-z][a-z0-9']{2,}/g) ?? []))];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const commonWord = () => common[Math.floor(common.length * random() ** 2)] as string;
  const inventWord = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SYLLABLES)).join('');
  const topics = Array.from({ length: Math.max(10, Math.ceil(count / 5)) }, () =>
    Array.from({ length: 25 }, inventWord),
  );
  const sentence = (topic: string[], n: number) =>
    Array.from({ length: n }, () => (random() < 0.3 ? pick(topic) : commonWord())).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const topic = topics[i % topics.length] as string[];
    return {
      id: `synthetic-${i}`,
      title: `${pick(topic)} ${sentence(topic, 4)}`,
      body: Array.from({ length: 6 }, () => `${sentence(topic, 30)}.`).join('\n\n'),
      tags: [pick(topic), pick(topic)],
      intents: [],
      tiers: i % 10 === 0 ? [TIERS[i % 4] as Article['tiers'][number]] : [],
      platforms: [],
      language: 'en',
      updated: Date.UTC(2026, 0, 1) + i * 3_600_000,
    };
  });
}
