import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IntentModel } from '../../core/classifier/intent-model.js';
import { createInProcessAnalyzer } from '../../core/engine/analyze-text.js';
import type { TextAnalysisSettings } from '../../core/engine/analyze-text.js';
import type { Article, ArticleHit, ArticleStats, KnowledgeBase } from '../../core/ports/knowledge-base.js';
import type { Logger } from '../../core/ports/logger.js';
import { silentLogger } from '../../core/ports/logger.js';
import type { TextAnalysis, TextAnalysisRequest, TextAnalyzer } from '../../core/ports/text-analyzer.js';
import type { AnalyzerReply, AnalyzerRequestMessage, WireHit } from './analyzer-protocol.js';

export interface AnalyzerPoolOptions {
  /** Worker threads; each holds its own model and knowledge index. */
  workers: number;
  articles: readonly Article[];
  model: IntentModel;
  /** The main thread's knowledge base: hits come back as ids and are resolved here; also the fallback. */
  kb: KnowledgeBase;
  settings: TextAnalysisSettings;
  stats?: ReadonlyMap<string, ArticleStats> | undefined;
  /** The desk's clock: each request carries its reading, so the workers rank recency against the same "now". */
  now?: () => number;
  log?: Logger;
}

export interface AnalyzerPool extends TextAnalyzer {
  readonly workers: number;
  /** New vote and view counts for every worker's ranking. */
  setStats(stats: ReadonlyMap<string, ArticleStats>): void;
  close(): Promise<void>;
}

interface Pending {
  resolve: (analysis: TextAnalysis) => void;
  reject: (error: Error) => void;
  request: TextAnalysisRequest;
}

interface Lane {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

// A CommonJS bootstrap run from a string: it registers tsx's loader inside the worker (tsx/esm/api), then imports the TypeScript
// entry. It does not inherit the parent's execArgv, so it loads the same way under tsx, vitest or node.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.bootstrap.tsx).then((tsx) => {
  tsx.register();
  return import(workerData.bootstrap.entry);
});
`;

/**
 * Classification and article search on worker threads, beside the engine's database work on the main thread:
 * on a 2-core machine one worker doubles the CPU the desk can use. Requests go to the lane with the fewest in
 * flight. A worker that fails is not retried: its requests and every later one run in process, so a message is
 * never lost to a worker crash (it is logged).
 */
export async function createAnalyzerPool(options: AnalyzerPoolOptions): Promise<AnalyzerPool> {
  const log = options.log ?? silentLogger;
  const fallback = createInProcessAnalyzer(options.model, options.kb, options.settings);
  // Compiled (`npm run build`, dist/*.js): the worker is plain JavaScript beside this file and tsx, a development
  // dependency, may not be installed. From the TypeScript source (tsx, vitest): the bootstrap registers tsx first.
  const compiled = import.meta.url.endsWith('.js');
  const bootstrap = compiled
    ? null
    : {
        tsx: pathToFileURL(
          join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
        ).href,
        entry: new URL('./analyzer-worker.ts', import.meta.url).href,
      };
  const startWorker = (workerData: unknown) =>
    compiled
      ? new Worker(new URL('./analyzer-worker.js', import.meta.url), { workerData, execArgv: [] })
      : new Worker(BOOTSTRAP, { eval: true, workerData, execArgv: [] });
  const now = options.now ?? Date.now;
  const init = {
    bootstrap,
    articles: options.articles,
    model: options.model.toJSON(),
    settings: options.settings,
    stats: [...(options.stats ?? new Map()).entries()],
  };
  let nextId = 0;
  let closing = false;

  const toHits = (wire: readonly WireHit[]): ArticleHit[] =>
    wire.flatMap((h) => {
      const article = options.kb.get(h.id);
      return article
        ? [{ article, score: h.score, relevance: h.relevance, coverage: h.coverage, excerpt: h.excerpt }]
        : [];
    });

  const started: Worker[] = [];
  const lanes: Lane[] = await Promise.all(
    Array.from(
      { length: options.workers },
      (_, index) =>
        new Promise<Lane>((resolve, reject) => {
          const worker = startWorker(init);
          started.push(worker);
          const lane: Lane = { worker, pending: new Map(), alive: true };
          const fail = (error: Error) => {
            if (!lane.alive) return;
            lane.alive = false;
            if (!closing)
              log.error({ err: error.message, worker: index }, 'analyzer worker failed; analysing in process');
            for (const p of lane.pending.values()) fallback.analyze(p.request).then(p.resolve, p.reject);
            lane.pending.clear();
            reject(error);
          };
          worker.on('message', (reply: AnalyzerReply) => {
            if ('ready' in reply) return resolve(lane);
            const p = lane.pending.get(reply.id);
            if (!p) return;
            lane.pending.delete(reply.id);
            if (reply.ok) p.resolve({ prediction: reply.prediction, hits: toHits(reply.hits) });
            else p.reject(new Error(`analysis failed: ${reply.error}`));
          });
          worker.on('error', fail);
          worker.on('exit', (code) => fail(new Error(`analyzer worker exited with code ${code}`)));
        }),
    ),
  ).catch(async (error: unknown) => {
    closing = true;
    await Promise.all(started.map((w) => w.terminate()));
    throw error;
  });

  const post = (lane: Lane, message: AnalyzerRequestMessage) => lane.worker.postMessage(message);

  return {
    workers: lanes.length,
    analyze(request) {
      let best: Lane | undefined;
      for (const lane of lanes)
        if (lane.alive && (best === undefined || lane.pending.size < best.pending.size)) best = lane;
      if (best === undefined) return fallback.analyze(request);
      const lane = best;
      const id = nextId++;
      return new Promise<TextAnalysis>((resolve, reject) => {
        lane.pending.set(id, { resolve, reject, request });
        post(lane, { kind: 'analyze', id, request, now: now() });
      });
    },
    setStats(stats) {
      const entries = [...stats.entries()];
      for (const lane of lanes) if (lane.alive) post(lane, { kind: 'stats', stats: entries });
    },
    async close() {
      closing = true;
      await Promise.all(lanes.map((lane) => lane.worker.terminate()));
    },
  };
}
