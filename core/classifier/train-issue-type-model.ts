import type { IntentModel, IntentPrediction, LabeledText } from './intent-model.js';
import { ISSUE_TRAIN_OPTIONS } from './issue-train-options.js';
import { issueText } from './issue-text.js';
import { trainIntentModel } from './train-intent-model.js';
import type { TrainOptions } from './train-options.js';

/** A GitHub issue with its type label (`bug`, `enhancement`, `question`, ...), as training data. */
export interface LabeledIssue {
  title: string;
  body: string;
  label: string;
}

/** The classifier's input for an issue: `issueText(title, body)`, for training and prediction alike. */
export function issueTypeExample(issue: LabeledIssue): LabeledText {
  return { text: issueText(issue.title, issue.body), label: issue.label };
}

/**
 * What an issue-type model is trained on and with: the issues through `issueText`, and `ISSUE_TRAIN_OPTIONS` under
 * any overrides (an evaluation's seed). The GitHub adapter's models and `npm run eval -- issues` both come from here.
 */
export function issueTypeTraining(issues: readonly LabeledIssue[], overrides: TrainOptions = {}): { examples: LabeledText[]; options: TrainOptions } {
  return { examples: issues.map(issueTypeExample), options: { ...ISSUE_TRAIN_OPTIONS, ...overrides } };
}

export function trainIssueTypeModel(issues: readonly LabeledIssue[], overrides: TrainOptions = {}): IntentModel {
  const { examples, options } = issueTypeTraining(issues, overrides);
  return trainIntentModel(examples, options);
}

/** Predict an issue's type from its title and body with a model trained by `trainIssueTypeModel`. */
export function predictIssueType(model: IntentModel, title: string, body: string): IntentPrediction {
  return model.predict(issueText(title, body));
}
