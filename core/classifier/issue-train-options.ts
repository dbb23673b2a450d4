import type { TrainOptions } from './train-options.js';

/**
 * TrainOptions for GitHub issue types (bug / feature / question) on `issueText` input: longer texts and few examples
 * per repository, so a stronger L2 penalty and more epochs than the defaults for short support messages.
 */
export const ISSUE_TRAIN_OPTIONS: Readonly<TrainOptions> = {
  epochs: 20,
  l2: 1e-4,
};
