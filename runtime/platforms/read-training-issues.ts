import { existsSync } from 'node:fs';
import { normalizeTypeLabel } from '../../bots/github/triage-labels.js';
import { GITHUB_REPO_NAME } from '../../core/config/support-config.js';
import { SupportError } from '../../core/errors.js';
import type { TypeLabel } from '../../bots/github/triage-labels.js';
import { readCsvFile } from '../../data/csv/read-csv-file.js';

/** One labeled issue of a repository, for its issue-type model. */
export interface TrainingIssue {
  /** `owner/name`, lower-cased (GitHub names are case-insensitive). */
  repo: string;
  title: string;
  body: string;
  label: TypeLabel;
}

/** `github.trainingIssues` is missing, unreadable or has bad rows. */
export class TrainingIssuesError extends SupportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('training.invalid', message, options);
    this.name = 'TrainingIssuesError';
  }
}

/**
 * `github.trainingIssues`: a CSV file with the columns `repo,label,title,body` (others, such as `created_at`, are
 * ignored; bodies may be quoted multi-line fields), e.g. a repository's closed issues exported with
 * `npm run github:issues` or the NLBSE'24 file. Labels are type labels or their aliases (`feature`, `docs`). Every
 * problem names the row; a bad file stops the start rather than training a wrong model.
 */
export function readTrainingIssues(path: string): TrainingIssue[] {
  if (!existsSync(path)) throw new TrainingIssuesError(`github.trainingIssues: ${path} does not exist`);
  let records: Record<string, string>[];
  try {
    records = readCsvFile(path, ['repo', 'label', 'title', 'body']);
  } catch (err) {
    throw new TrainingIssuesError(`github.trainingIssues: ${err instanceof Error ? err.message : String(err)}`);
  }
  const problems: string[] = [];
  const issues: TrainingIssue[] = [];
  records.forEach((r, i) => {
    const row = i + 2; // the header is line 1
    const repo = (r.repo ?? '').trim();
    const label = normalizeTypeLabel(r.label ?? '');
    const title = (r.title ?? '').trim();
    if (!GITHUB_REPO_NAME.test(repo)) problems.push(`row ${row}: repo "${repo}" must be owner/name`);
    else if (!label)
      problems.push(
        `row ${row}: label "${r.label ?? ''}" is not an issue type (bug, enhancement, question, documentation; or feature, docs)`,
      );
    else if (!title) problems.push(`row ${row}: the title is empty`);
    else issues.push({ repo: repo.toLowerCase(), title, body: r.body ?? '', label });
  });
  if (problems.length) {
    const shown = problems.slice(0, 10).map((p) => `  ${p}`);
    if (problems.length > 10) shown.push(`  ... and ${problems.length - 10} more`);
    throw new TrainingIssuesError(
      `github.trainingIssues: ${path} has ${problems.length} bad rows:\n${shown.join('\n')}`,
    );
  }
  return issues;
}
