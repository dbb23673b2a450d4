/**
 * `natural`'s BayesClassifier, imported from its own file: `natural`'s index runs dotenv (which prints to stdout,
 * breaking the eval's JSON) and its index.d.ts pulls a .ts source that does not typecheck under verbatimModuleSyntax.
 */
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    addDocument(text: string | string[], classification: string): void;
    train(): void;
    classify(observation: string | string[]): string;
    getClassifications(observation: string | string[]): Array<{ label: string; value: number }>;
  }
}
