import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTrainingIssues, TrainingIssuesError } from './read-training-issues.js';

let dir = '';
const file = (text: string): string => {
  dir = mkdtempSync(join(tmpdir(), 'training-issues-'));
  const path = join(dir, 'issues.csv');
  writeFileSync(path, text);
  return path;
};
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readTrainingIssues', () => {
  it('reads repo, label, title and multi-line quoted bodies, lower-cases repos and maps label aliases', () => {
    const path = file(
      'repo,created_at,label,title,body\nAcme/Widgets,2024-01-01,feature,Add dark mode,"Line 1\nLine 2, with a comma"\nacme/widgets,2024-01-02,Bug,It crashes,\n',
    );
    expect(readTrainingIssues(path)).toEqual([
      { repo: 'acme/widgets', label: 'enhancement', title: 'Add dark mode', body: 'Line 1\nLine 2, with a comma' },
      { repo: 'acme/widgets', label: 'bug', title: 'It crashes', body: '' },
    ]);
  });

  it('names every bad row and refuses the file', () => {
    const path = file('repo,label,title,body\nacme,bug,t,b\nacme/w,wontfix,t,b\nacme/w,bug,,b\n');
    let error: unknown;
    try {
      readTrainingIssues(path);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TrainingIssuesError);
    expect((error as TrainingIssuesError).code).toBe('training.invalid');
    expect((error as Error).message).toMatch(/3 bad rows/);
    expect((error as Error).message).toMatch(/row 2: repo "acme" must be owner\/name/);
    expect((error as Error).message).toMatch(/row 3: label "wontfix" is not an issue type/);
    expect((error as Error).message).toMatch(/row 4: the title is empty/);
  });

  it('says which column is missing, and when the file does not exist', () => {
    expect(() => readTrainingIssues(file('repo,title,body\nacme/w,t,b\n'))).toThrow(/no column "label"/);
    expect(() => readTrainingIssues(join(tmpdir(), 'no-such-issues.csv'))).toThrow(/does not exist/);
  });
});
