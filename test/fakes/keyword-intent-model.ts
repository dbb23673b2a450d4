import type { IntentModel, IntentPrediction } from '../../core/classifier/intent-model.js';

/**
 * A predictable stand-in for the trained classifier in unit tests: the first rule whose pattern matches
 * gives its label and confidence; otherwise `general-question` at low confidence.
 */
export function createKeywordIntentModel(rules: ReadonlyArray<[RegExp, string, number]>): IntentModel {
  const labels = [...new Set([...rules.map((r) => r[1]), 'general-question'])];
  return {
    labels,
    predict(text: string): IntentPrediction {
      const rule = rules.find(([re]) => re.test(text));
      const label = rule?.[1] ?? 'general-question';
      const confidence = rule?.[2] ?? 0.3;
      return { label, confidence, ranked: [{ label, score: confidence }] };
    },
    toJSON: () => ({ format: 'keyword-fake', version: 1 }),
  };
}
