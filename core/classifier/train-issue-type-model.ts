import type { IntentModel, IntentPrediction, LabeledText } from './intent-model.js';
import { DESK_WIDE_WEIGHT, ISSUE_TRAIN_OPTIONS } from './issue-train-options.js';
import { issueText } from './issue-text.js';
import { poolPredictions } from './pool-predictions.js';
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
export function issueTypeTraining(
  issues: readonly LabeledIssue[],
  overrides: TrainOptions = {},
): { examples: LabeledText[]; options: TrainOptions } {
  return { examples: issues.map(issueTypeExample), options: { ...ISSUE_TRAIN_OPTIONS, ...overrides } };
}

export function trainIssueTypeModel(issues: readonly LabeledIssue[], overrides: TrainOptions = {}): IntentModel {
  const { examples, options } = issueTypeTraining(issues, overrides);
  return trainIntentModel(examples, options);
}

/**
 * The models that judge one repository's issues, each trained by `trainIssueTypeModel`: the desk-wide model (every
 * labeled issue of every repository the desk knows) and, when the repository has enough labeled issues, its own.
 */
export interface IssueTypeModels {
  own: IntentModel | null;
  deskWide: IntentModel;
}

/**
 * Predict an issue's type from its title and body: the repository's own model and the desk-wide one pooled
 * log-linearly, the desk-wide one weighing DESK_WIDE_WEIGHT (see issue-train-options.ts); the desk-wide one alone
 * for a repository without a model of its own.
 */
export function predictIssueType(models: IssueTypeModels, title: string, body: string): IntentPrediction {
  const text = issueText(title, body);
  const desk = models.deskWide.predict(text);
  if (models.own === null) return desk;
  return poolPredictions([
    { prediction: models.own.predict(text), weight: 1 - DESK_WIDE_WEIGHT },
    { prediction: desk, weight: DESK_WIDE_WEIGHT },
  ]);
}
