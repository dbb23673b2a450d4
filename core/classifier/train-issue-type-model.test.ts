import { describe, expect, it } from 'vitest';
import { ISSUE_TRAIN_OPTIONS } from './issue-train-options.js';
import { issueText } from './issue-text.js';
import { issueTypeExample, issueTypeTraining, predictIssueType, trainIssueTypeModel } from './train-issue-type-model.js';
import type { LabeledIssue } from './train-issue-type-model.js';

const subjects = ['the parser', 'the exporter', 'the sync job', 'the login page', 'the CLI', 'the cache', 'the uploader', 'the scheduler'];
const issues: LabeledIssue[] = subjects.flatMap((s) => [
  { title: `${s} crashes with an exception`, body: `Steps to reproduce: run ${s}.\n\`\`\`\nTypeError: x is undefined\n\`\`\`\nExpected it to work.`, label: 'bug' },
  { title: `Add an option to ${s}`, body: `It would be nice if ${s} supported this. Proposal: a new flag.`, label: 'enhancement' },
  { title: `How do I configure ${s}?`, body: `I read the docs but could not find how to set up ${s}. Any hints?`, label: 'question' },
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
    expect(predictIssueType(model, 'The importer crashes on an empty file', 'Steps to reproduce: import an empty file. Exception thrown.').label).toBe('bug');
    expect(predictIssueType(model, 'Add an option to the importer', 'It would be nice to have a new flag for this.').label).toBe('enhancement');
    expect(predictIssueType(model, 'How do I configure the importer?', 'Could not find how to set it up.').label).toBe('question');
  });
});
