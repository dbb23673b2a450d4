/** What the eval needs from a classifier: the product's IntentModel and the Bayes reference both fit. */
export interface TextClassifier {
  predict(text: string): { label: string; confidence: number };
}
