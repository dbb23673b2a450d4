import type { IntentModel, IntentPrediction } from '../classifier/intent-model.js';
import type { SupportConfig } from '../config/support-config.js';
import type { ArticleHit, KnowledgeBase } from '../ports/knowledge-base.js';
import type { TextAnalysis, TextAnalysisRequest, TextAnalyzer } from '../ports/text-analyzer.js';
import { classifyCategory } from './classify-category.js';
import type { Classification } from './classify-category.js';

/** The classifier reads at most this much of a message (long pastes add cost, not signal). */
export const CLASSIFY_CHARS = 2_000;

export interface TextAnalysisSettings {
  threshold: number;
  criticalThreshold: number;
  /** An article is suggested when it covers `minCoverage` of the question and is written for its intent... */
  minCoverage: number;
  /** ...or covers `strongCoverage` of it whatever its intents. A loose match is worse than no answer. */
  strongCoverage: number;
}

export function analysisSettings(config: SupportConfig): TextAnalysisSettings {
  return { threshold: config.classifier.threshold, criticalThreshold: config.classifier.criticalThreshold, minCoverage: config.knowledge.minCoverage, strongCoverage: config.knowledge.strongCoverage };
}

/** The model's prediction for a message (its first CLASSIFY_CHARS characters) and what the thresholds make of it. */
export function classifyText(model: IntentModel, text: string, thresholds: Pick<TextAnalysisSettings, 'threshold' | 'criticalThreshold'>): { prediction: IntentPrediction; classification: Classification } {
  const prediction = model.predict(text.slice(0, CLASSIFY_CHARS));
  return { prediction, classification: classifyCategory(prediction, thresholds.threshold, thresholds.criticalThreshold) };
}

/**
 * Classify, then (when asked and confident) search for articles to suggest: the articles must cover at least
 * `minCoverage` of the question's content words and be written for the predicted intent, or cover `strongCoverage`.
 */
export function analyzeText(request: TextAnalysisRequest, model: IntentModel, kb: KnowledgeBase, settings: TextAnalysisSettings): TextAnalysis {
  const { prediction, classification } = classifyText(model, request.text, settings);
  let hits: ArticleHit[] = [];
  if (request.search && classification.confident) {
    const category = classification.category;
    hits = kb
      .search(request.text, { ...request.search, intent: category }, 3)
      .filter((h) => h.coverage >= settings.strongCoverage || (h.coverage >= settings.minCoverage && h.article.intents.includes(category)));
  }
  return { prediction, hits };
}

/** The analyzer that runs on the calling thread. */
export function createInProcessAnalyzer(model: IntentModel, kb: KnowledgeBase, settings: TextAnalysisSettings): TextAnalyzer {
  return { analyze: async (request) => analyzeText(request, model, kb, settings) };
}
