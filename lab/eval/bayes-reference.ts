import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import type { LabeledText } from '../../core/classifier/intent-model.js';
import type { TextClassifier } from './text-classifier.js';

/**
 * The reference: `natural.BayesClassifier` with its defaults (Porter stemmer, stop words removed). Its scores are
 * normalised to sum to 1 so the same abstain threshold logic applies to it.
 */
export function trainBayesReference(examples: readonly LabeledText[]): TextClassifier {
  const bayes = new BayesClassifier();
  for (const { text, label } of examples) bayes.addDocument(text, label);
  bayes.train();
  return {
    predict(text: string) {
      const scored = bayes.getClassifications(text);
      const total = scored.reduce((sum, s) => sum + s.value, 0);
      const best = scored[0];
      if (!best) return { label: '', confidence: 0 };
      return { label: best.label, confidence: total > 0 ? best.value / total : 0 };
    },
  };
}
