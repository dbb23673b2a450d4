import { parentPort, workerData } from 'node:worker_threads';
import type { SerializedIntentModel } from '../../core/classifier/intent-model.js';
import { loadIntentModel } from '../../core/classifier/load-intent-model.js';
import { analyzeText } from '../../core/engine/analyze-text.js';
import type { TextAnalysisSettings } from '../../core/engine/analyze-text.js';
import type { Article, ArticleStats } from '../../core/ports/knowledge-base.js';
import type { TextAnalysisRequest } from '../../core/ports/text-analyzer.js';
import { createMiniSearchKnowledgeBase } from '../../knowledge/minisearch-knowledge-base.js';
import type { AnalyzerReply, AnalyzerRequestMessage, WireHit } from './analyzer-protocol.js';

/** One analyzer thread: its own copy of the model and the knowledge index, fed requests by the pool. */
interface WorkerInit {
  articles: Article[];
  model: SerializedIntentModel;
  settings: TextAnalysisSettings;
  stats: [string, ArticleStats][];
}

const init = workerData as WorkerInit;
/** The desk's time of the request being analysed (each request carries it). */
let requestNow = Date.now();
const kb = createMiniSearchKnowledgeBase(init.articles, { now: () => requestNow, stats: new Map(init.stats) });
const model = loadIntentModel(init.model);
const port = parentPort;
if (port === null) throw new Error('analyzer-worker runs only as a worker thread');

port.on('message', (message: AnalyzerRequestMessage) => {
  if (message.kind === 'stats') {
    kb.setStats(new Map(message.stats));
    return;
  }
  requestNow = message.now;
  let reply: AnalyzerReply;
  try {
    const analysis = analyzeText(message.request as TextAnalysisRequest, model, kb, init.settings);
    const hits: WireHit[] = analysis.hits.map((h) => ({
      id: h.article.id,
      score: h.score,
      relevance: h.relevance,
      coverage: h.coverage,
      excerpt: h.excerpt,
    }));
    reply = { id: message.id, ok: true, prediction: analysis.prediction, hits };
  } catch (error) {
    reply = { id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ id: -1, ok: true, ready: true });
