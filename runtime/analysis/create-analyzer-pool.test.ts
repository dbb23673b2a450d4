import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntentModel } from '../../core/classifier/intent-model.js';
import { trainIntentModel } from '../../core/classifier/train-intent-model.js';
import { analyzeText } from '../../core/engine/analyze-text.js';
import type { Article, ArticleStats } from '../../core/ports/knowledge-base.js';
import type { TextAnalysisRequest } from '../../core/ports/text-analyzer.js';
import { HOLDOUT_CORPUS_PATH, loadTrainingCorpus } from '../../data/training/load-training-corpus.js';
import { loadArticles } from '../../knowledge/load-articles.js';
import {
  createMiniSearchKnowledgeBase,
  type MiniSearchKnowledgeBase,
} from '../../knowledge/minisearch-knowledge-base.js';
import { createAnalyzerPool, type AnalyzerPool } from './create-analyzer-pool.js';

const T = Date.UTC(2026, 10, 23, 12);
const settings = { threshold: 0.8, criticalThreshold: 0.5, minCoverage: 0.5, strongCoverage: 0.8 };
let model: IntentModel;
let articles: Article[];
let kb: MiniSearchKnowledgeBase;
let pool: AnalyzerPool;

beforeAll(async () => {
  model = trainIntentModel(loadTrainingCorpus());
  articles = loadArticles('knowledge/articles').articles;
  kb = createMiniSearchKnowledgeBase(articles, { now: () => T });
  pool = await createAnalyzerPool({ workers: 2, articles, model, kb, settings, now: () => T });
}, 60_000);
afterAll(async () => pool?.close());

const requests = (): TextAnalysisRequest[] =>
  loadTrainingCorpus(HOLDOUT_CORPUS_PATH).map((e, i) => ({
    text: e.text,
    search: i % 5 === 0 ? null : { tier: i % 2 ? 'enterprise' : 'community', platform: 'slack', language: 'en' },
  }));
const summary = (a: Awaited<ReturnType<AnalyzerPool['analyze']>>) => ({
  prediction: a.prediction,
  hits: a.hits.map((h) => ({
    id: h.article.id,
    same: h.article === kb.get(h.article.id),
    score: h.score.toPrecision(8),
    coverage: h.coverage,
    excerpt: h.excerpt,
  })),
});

describe('createAnalyzerPool', () => {
  it('answers exactly as the in-process analysis, across two worker threads', async () => {
    const all = requests();
    const fromPool = await Promise.all(all.map((r) => pool.analyze(r)));
    expect(pool.workers).toBe(2);
    expect(fromPool.some((a) => a.hits.length > 0)).toBe(true);
    fromPool.forEach((a, i) => {
      expect(summary(a)).toEqual(summary(analyzeText(all[i] as TextAnalysisRequest, model, kb, settings)));
    });
  });

  it('ranks with the vote counts it is sent', async () => {
    const request = requests().find(
      (r) => r.search !== null && analyzeText(r, model, kb, settings).hits.length > 0,
    ) as TextAnalysisRequest;
    const top = analyzeText(request, model, kb, settings).hits[0];
    const stats = new Map<string, ArticleStats>([
      [top?.article.id as string, { helpful: 0, notHelpful: 500, views: 1 }],
    ]);
    kb.setStats(stats);
    const expected = summary(analyzeText(request, model, kb, settings));
    expect(Number(expected.hits.find((h) => h.id === top?.article.id)?.score)).toBeLessThan(top?.score as number); // the votes count
    pool.setStats(stats);
    expect(summary(await pool.analyze(request))).toEqual(expected);
    kb.setStats(new Map());
    pool.setStats(new Map());
  });

  it("ranks recency against the desk's clock of each request, not the worker's own", async () => {
    let t = T;
    const kbAt = createMiniSearchKnowledgeBase(articles, { now: () => t });
    const timed = await createAnalyzerPool({ workers: 1, articles, model, kb: kbAt, settings, now: () => t });
    try {
      const request = requests().find(
        (r) => r.search !== null && analyzeText(r, model, kbAt, settings).hits.length > 0,
      ) as TextAnalysisRequest;
      const before = summary(analyzeText(request, model, kbAt, settings));
      t = T + 3 * 365 * 86_400_000; // the desk's clock moves on three years: every article is older now
      const after = summary(analyzeText(request, model, kbAt, settings));
      expect(after.hits[0]?.score).not.toBe(before.hits[0]?.score);
      expect(summary(await timed.analyze(request))).toEqual(after);
    } finally {
      await timed.close();
    }
  });

  it('analyses in process once its workers are gone, so no message is lost', async () => {
    const extra = await createAnalyzerPool({ workers: 1, articles, model, kb, settings, now: () => T });
    const request = requests()[1] as TextAnalysisRequest;
    await extra.close();
    expect(summary(await extra.analyze(request))).toEqual(summary(analyzeText(request, model, kb, settings)));
  });
});
