import { parseArgs } from 'node:util';
import { percentile } from '../metrics/percentile.js';
import { summarizeRankings } from '../metrics/ranking-metrics.js';
import type { Article } from '../../core/ports/knowledge-base.js';
import { createMiniSearchKnowledgeBase } from '../../knowledge/minisearch-knowledge-base.js';
import { createLunrReferenceIndex } from './lunr-reference-index.js';
import { readFaqDataset, type FaqEntry, type FaqQuery } from './read-faq-dataset.js';

const FIXED_TIME = Date.UTC(2024, 0, 1);

/**
 * An FAQ entry as a knowledge-base article: the first question is the title, any other phrasing of it an alternative
 * question (front matter `questions`), the answer the body.
 */
export function faqToArticle(faq: FaqEntry): Article {
  return {
    id: faq.faq_id,
    title: faq.questions[0] ?? '',
    questions: faq.questions.slice(1),
    body: faq.answer,
    tags: [],
    intents: ['general-question'],
    tiers: [],
    platforms: [],
    language: 'en',
    updated: FIXED_TIME,
  };
}

interface SystemFigures {
  queries: number;
  hitAt1: number;
  recallAt5: number;
  mrrAt10: number;
  latencyUs: { p50: number; p99: number };
  indexMs: number;
}

function measure(queries: readonly FaqQuery[], search: (q: string) => string[], indexMs: number): SystemFigures {
  for (const q of queries.slice(0, 50)) search(q.query); // warm-up: JIT and caches, not measured
  const latencies: number[] = [];
  const runs = queries.map((q) => {
    const start = process.hrtime.bigint();
    const ranked = search(q.query);
    latencies.push(Number(process.hrtime.bigint() - start) / 1000);
    return { ranked, relevant: new Set([q.faq_id]) };
  });
  const summary = summarizeRankings(runs);
  const round = (x: number, digits = 4) => Number(x.toFixed(digits));
  return {
    queries: summary.queries,
    hitAt1: round(summary.hitAt1),
    recallAt5: round(summary.recallAt5),
    mrrAt10: round(summary.mrrAt10),
    latencyUs: { p50: round(percentile(latencies, 50), 1), p99: round(percentile(latencies, 99), 1) },
    indexMs: round(indexMs, 1),
  };
}

function timed<T>(build: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = build();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

/**
 * `eval kb --faqs <jsonl> --queries <jsonl>`: FAQ retrieval with the product's own knowledge base
 * (createMiniSearchKnowledgeBase, same code the bots use) against a lunr reference on the same entries.
 */
export async function runKbEval(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== 'kb'),
    options: { faqs: { type: 'string' }, queries: { type: 'string' } },
    strict: true,
  });
  if (values.faqs === undefined || values.queries === undefined) {
    throw new Error('usage: eval kb --faqs <faqs.jsonl> --queries <queries.jsonl>');
  }
  const { faqs, queries } = readFaqDataset(values.faqs, values.queries);

  const [kb, kbMs] = timed(() => createMiniSearchKnowledgeBase(faqs.map(faqToArticle), { now: () => FIXED_TIME }));
  const ours = measure(queries, (q) => kb.search(q, {}, 10).map((h) => h.article.id), kbMs);
  const [lunrIndex, lunrMs] = timed(() => createLunrReferenceIndex(faqs));
  const reference = measure(queries, (q) => lunrIndex.search(q, 10), lunrMs);

  const ratio = (a: number, b: number) => (b === 0 ? null : Number((a / b).toFixed(3)));
  return {
    task: 'kb',
    faqs: faqs.length,
    queries: queries.length,
    ours: { system: 'MiniSearchKnowledgeBase', ...ours },
    reference: { system: 'lunr 2 (defaults)', ...reference },
    ratios: {
      hitAt1: ratio(ours.hitAt1, reference.hitAt1),
      recallAt5: ratio(ours.recallAt5, reference.recallAt5),
      mrrAt10: ratio(ours.mrrAt10, reference.mrrAt10),
      latencyP50: ratio(ours.latencyUs.p50, reference.latencyUs.p50),
      latencyP99: ratio(ours.latencyUs.p99, reference.latencyUs.p99),
    },
  };
}
