import { describe, expect, it } from 'vitest';
import { DESK_WIDE_WEIGHT, ISSUE_TRAIN_OPTIONS } from './issue-train-options.js';
import { issueText } from './issue-text.js';
import {
  issueTypeExample,
  issueTypeTraining,
  predictIssueType,
  trainIssueTypeModel,
} from './train-issue-type-model.js';
import type { LabeledIssue } from './train-issue-type-model.js';
import { poolPredictions } from './pool-predictions.js';

const subjects = [
  'the parser',
  'the exporter',
  'the sync job',
  'the login page',
  'the CLI',
  'the cache',
  'the uploader',
  'the scheduler',
];
const issues: LabeledIssue[] = subjects.flatMap((s) => [
  {
    title: `${s} crashes with an exception`,
    body: `Steps to reproduce: run ${s}.\n\`\`\`\nTypeError: x is undefined\n\`\`\`\nExpected it to work.`,
    label: 'bug',
  },
  {
    title: `Add an option to ${s}`,
    body: `It would be nice if ${s} supported this. Proposal: a new flag.`,
    label: 'enhancement',
  },
  {
    title: `How do I configure ${s}?`,
    body: `I read the docs but could not find how to set up ${s}. Any hints?`,
    label: 'question',
  },
]);

describe('trainIssueTypeModel', () => {
  it('trains on issueText with ISSUE_TRAIN_OPTIONS under the overrides', () => {
    const { examples, options } = issueTypeTraining(issues.slice(0, 2), { seed: 7 });
    expect(examples[0]).toEqual({ text: issueText(issues[0]!.title, issues[0]!.body), label: 'bug' });
    expect(examples[0]?.text).toContain('codeblock'); // the code block became a marker word
    expect(options).toEqual({ ...ISSUE_TRAIN_OPTIONS, seed: 7 });
    expect(issueTypeExample(issues[2]!).text.startsWith('titlestart How do I configure')).toBe(true);
  });

  it('predicts the type of issues it has not seen from their title and body', () => {
    const model = trainIssueTypeModel(issues);
    expect([...model.labels].sort()).toEqual(['bug', 'enhancement', 'question']);
    const models = { own: null, deskWide: model };
    expect(
      predictIssueType(
        models,
        'The importer crashes on an empty file',
        'Steps to reproduce: import an empty file. Exception thrown.',
      ).label,
    ).toBe('bug');
    expect(
      predictIssueType(models, 'Add an option to the importer', 'It would be nice to have a new flag for this.').label,
    ).toBe('enhancement');
    expect(predictIssueType(models, 'How do I configure the importer?', 'Could not find how to set it up.').label).toBe(
      'question',
    );
  });

  it("pools a repository's own model with the desk-wide one", () => {
    // This repository files questions with "Crash report" titles: its own model learned that, the desk-wide one did not.
    const own = trainIssueTypeModel([
      ...subjects.map((s) => ({
        title: `Crash report: ${s}`,
        body: `Why does ${s} stop? Is this expected?`,
        label: 'question',
      })),
      ...issues.filter((i) => i.label !== 'question'),
    ]);
    const deskWide = trainIssueTypeModel(issues);
    const title = 'Crash report: the importer';
    const body = 'Why does the importer stop? Is this expected?';
    const alone = predictIssueType({ own: null, deskWide }, title, body);
    const pooled = predictIssueType({ own, deskWide }, title, body);
    const text = issueText(title, body);
    const expected = poolPredictions([
      { prediction: own.predict(text), weight: 1 - DESK_WIDE_WEIGHT },
      { prediction: deskWide.predict(text), weight: DESK_WIDE_WEIGHT },
    ]);
    expect(pooled).toEqual(expected);
    expect(pooled.label).toBe('question');
    expect(alone.ranked.find((r) => r.label === 'question')!.score).toBeLessThan(pooled.confidence);
  });
});
