import type { IntentModel, IntentPrediction } from '../classifier/intent-model.js';
import type { SupportConfig } from '../config/support-config.js';
import type { KnowledgeBase } from '../ports/knowledge-base.js';
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
  return {
    threshold: config.classifier.threshold,
    criticalThreshold: config.classifier.criticalThreshold,
    minCoverage: config.knowledge.minCoverage,
    strongCoverage: config.knowledge.strongCoverage,
  };
}

/** The model's prediction for a message (its first CLASSIFY_CHARS characters) and what the thresholds make of it. */
export function classifyText(
  model: IntentModel,
  text: string,
  thresholds: Pick<TextAnalysisSettings, 'threshold' | 'criticalThreshold'>,
): { prediction: IntentPrediction; classification: Classification } {
  const prediction = model.predict(text.slice(0, CLASSIFY_CHARS));
  return {
    prediction,
    classification: classifyCategory(prediction, thresholds.threshold, thresholds.criticalThreshold),
  };
}

/**
 * Classify, then (when asked) search for articles to suggest. Confident: the articles must cover at least
 * `minCoverage` of the question's content words and be written for the predicted intent, or cover `strongCoverage`.
 * Unsure: only articles covering `strongCoverage` ("the bot doesn't reply in my discord channel" reads as nothing
 * the classifier knows, yet the Discord troubleshooting article covers every word of it). Then only the articles
 * that cover as much of the question as the best one are kept: one that matches fewer of its words is a looser
 * match, and a loose match is worse than none ("how do I rotate the token" offered the shell article, which says
 * "no tokens", beside the one on rotating tokens).
 */
export function analyzeText(
  request: TextAnalysisRequest,
  model: IntentModel,
  kb: KnowledgeBase,
  settings: TextAnalysisSettings,
): TextAnalysis {
  const { prediction, classification } = classifyText(model, request.text, settings);
  if (!request.search) return { prediction, hits: [] };
  const { confident, category } = classification;
  const found = kb
    .search(request.text, confident ? { ...request.search, intent: category } : request.search, 3)
    .filter(
      (h) =>
        h.coverage >= settings.strongCoverage ||
        (confident && h.coverage >= settings.minCoverage && h.article.intents.includes(category)),
    );
  const best = Math.max(0, ...found.map((h) => h.coverage));
  return { prediction, hits: found.filter((h) => h.coverage >= best) };
}

/** The analyzer that runs on the calling thread. */
export function createInProcessAnalyzer(
  model: IntentModel,
  kb: KnowledgeBase,
  settings: TextAnalysisSettings,
): TextAnalyzer {
  return { analyze: async (request) => analyzeText(request, model, kb, settings) };
}
