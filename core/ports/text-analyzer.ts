import type { IntentPrediction } from '../classifier/intent-model.js';
import type { ArticleHit, SearchFilters } from './knowledge-base.js';

export interface TextAnalysisRequest {
  text: string;
  /** Search the knowledge base for articles to suggest, with these filters; null = classify only. */
  search: Omit<SearchFilters, 'intent'> | null;
}

export interface TextAnalysis {
  prediction: IntentPrediction;
  /** Articles worth suggesting (already filtered by coverage and intent, see core/engine/analyze-text.ts). */
  hits: readonly ArticleHit[];
}

/**
 * The CPU-heavy half of triage: classify a message and find articles for it. Pure computation over the model and
 * the knowledge base, so it can run in process or on worker threads beside the engine's database work.
 */
export interface TextAnalyzer {
  analyze(request: TextAnalysisRequest): Promise<TextAnalysis>;
}
