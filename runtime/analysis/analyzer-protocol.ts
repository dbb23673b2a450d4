import type { IntentPrediction } from '../../core/classifier/intent-model.js';
import type { ArticleStats } from '../../core/ports/knowledge-base.js';
import type { TextAnalysisRequest } from '../../core/ports/text-analyzer.js';

/** An article hit as it crosses threads: the article by id (the main thread has the same articles). */
export interface WireHit {
  id: string;
  score: number;
  relevance: number;
  coverage: number;
  excerpt: string;
}

/** `now`: the desk's clock when the request was made, so a worker ranks recency against exactly the main thread's time. */
export type AnalyzerRequestMessage =
  | { kind: 'analyze'; id: number; request: TextAnalysisRequest; now: number }
  | { kind: 'stats'; stats: [string, ArticleStats][] };

export type AnalyzerReply =
  | { id: number; ok: true; prediction: IntentPrediction; hits: WireHit[] }
  | { id: number; ok: true; ready: true }
  | { id: number; ok: false; error: string };
