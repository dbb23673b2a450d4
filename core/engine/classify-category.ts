import type { IntentPrediction } from '../classifier/intent-model.js';
import type { Category } from '../model/types.js';
import { CATEGORIES } from '../model/types.js';
import { CRITICAL_CATEGORIES } from '../policy/priority-for.js';

export interface Classification {
  /** What the classifier thinks, whatever its confidence. */
  intent: string;
  confidence: number;
  /** At or above the threshold: the bot may auto-answer. */
  confident: boolean;
  /** The category used for priority: the intent when confident, or a critical intent above the lower critical threshold. */
  category: Category;
}

const isCategory = (label: string): label is Category => (CATEGORIES as readonly string[]).includes(label);

/**
 * Below the threshold the bot does not auto-answer and the ticket is filed as a general question, except that a
 * likely outage, security issue or data loss (above `criticalThreshold`) keeps its critical category: missing one
 * costs far more than a false alarm.
 */
export function classifyCategory(
  prediction: IntentPrediction,
  threshold: number,
  criticalThreshold: number,
): Classification {
  const intent = prediction.label;
  const confident = prediction.confidence >= threshold && isCategory(intent);
  let category: Category = 'general-question';
  if (confident) category = intent as Category;
  else if (isCategory(intent) && CRITICAL_CATEGORIES.has(intent) && prediction.confidence >= criticalThreshold)
    category = intent;
  return { intent, confidence: prediction.confidence, confident, category };
}
