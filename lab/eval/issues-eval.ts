import type { IntentModel } from '../../core/classifier/intent-model.js';
import { seededRandom } from '../../core/classifier/seeded-random.js';
import {
  issueTypeExample,
  issueTypeTraining,
  predictIssueType,
  trainIssueTypeModel,
} from '../../core/classifier/train-issue-type-model.js';
import type { LabeledIssue } from '../../core/classifier/train-issue-type-model.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../core/classifier/train-options.js';
import type { TrainOptions } from '../../core/classifier/train-options.js';
import { macroF1 } from '../metrics/classification-metrics.js';
import { trainBayesReference } from './bayes-reference.js';
import { creationDateProbe, CREATION_DATE_PROBE_NEIGHBOURS } from './creation-date-probe.js';
import { numberFlag, parseFlags, requireFlag, trainOptionsFlag } from '../../runtime/cli-args.js';
import { startProgress } from './progress.js';
import { machineInfo } from './machine-info.js';
import { ratios } from './ratios.js';
import { readCsvFile } from '../../data/csv/read-csv-file.js';
import { stratifiedFolds } from './stratified-folds.js';
import type { TextClassifier } from './text-classifier.js';

export interface Issue extends LabeledIssue {
  group: string;
  /** From the optional `created_at` column (epoch ms), for the creation-date leak probe only; never a model input. */
  createdAt?: number;
}

export interface Split {
  group: string;
  /** The group's training issues. */
  train: Issue[];
  /** What the desk-wide model learns from: the group's training issues and every issue of the other groups. */
  deskWide: Issue[];
  test: Issue[];
}

type SystemName = 'ours' | 'oursRepositoryOnly' | 'reference' | 'creationDateOnly';

interface IssueFile {
  issues: Issue[];
  /** Why the creation-date probe cannot run on this file (no `created_at` column, or a value that is not a date). */
  undated: string | null;
}

function readIssues(path: string, by: string): IssueFile {
  let undated: string | null = null;
  const issues = readCsvFile(path, [by, 'label', 'title', 'body']).map((r, row) => {
    const issue: Issue = {
      group: r[by] as string,
      label: r.label as string,
      title: r.title as string,
      body: r.body as string,
    };
    const created = r.created_at;
    const createdAt = created === undefined ? Number.NaN : Date.parse(created);
    if (created === undefined) undated ??= `${path}: no created_at column`;
    else if (Number.isNaN(createdAt))
      undated ??= `${path}: data row ${row + 1}: created_at ${JSON.stringify(created)} is not a date`;
    else issue.createdAt = createdAt;
    return issue;
  });
  return { issues, undated };
}

/**
 * One split per group and fold (cross-validation), or per group of the train and test files. A group's test issues
 * are never in its split's training sets; the other groups' issues are (they are never tested in this split).
 */
export function issueSplits(train: Issue[], test: Issue[] | undefined, folds: number, seed: number): Split[] {
  const groups = [...new Set(train.map((i) => i.group))].sort();
  return groups.flatMap((group) => {
    const rows = train.filter((i) => i.group === group);
    const others = train.filter((i) => i.group !== group);
    if (test) return [{ group, train: rows, deskWide: train, test: test.filter((i) => i.group === group) }];
    return stratifiedFolds(
      rows.map((r) => r.label),
      folds,
      seededRandom(seed),
    ).map((fold) => {
      const held = new Set(fold);
      const own = rows.filter((_, i) => !held.has(i));
      return { group, train: own, deskWide: [...own, ...others], test: fold.map((i) => rows[i] as Issue) };
    });
  });
}

interface GroupFigures {
  macroF1: number;
  trainMs: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** `eval issues`: one classifier per repository (the NLBSE'24 protocol), ours and natural's Bayes on the same splits. */
export async function runIssuesEval(argv: readonly string[]): Promise<Record<string, unknown>> {
  const flags = parseFlags(argv, ['train', 'test', 'folds', 'by', 'train-options', 'seed']);
  const by = typeof flags.by === 'string' ? flags.by : 'repo';
  const seed = numberFlag(flags, 'seed', DEFAULT_TRAIN_OPTIONS.seed);
  const trainFile = readIssues(requireFlag(flags, 'train'), by);
  const testFile = typeof flags.test === 'string' ? readIssues(flags.test, by) : undefined;
  const train = trainFile.issues;
  const test = testFile?.issues;
  const folds = numberFlag(flags, 'folds', 5);
  // The GitHub adapter's own training (issueText + ISSUE_TRAIN_OPTIONS), with the evaluation's seed.
  const overrides: TrainOptions = { seed, ...trainOptionsFlag(flags) };
  const trainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...issueTypeTraining([], overrides).options };
  const all = issueSplits(train, test, folds, seed);
  const undated = trainFile.undated ?? testFile?.undated ?? null;
  // Ours trains the repository's model and the desk-wide one (the GitHub adapter's pair); the same repository model
  // alone is reported too, as `oursRepositoryOnly`, to show what the desk-wide model adds.
  const bar = startProgress('issues: train + predict', all.length * 3);
  const perGroup = new Map<SystemName, Map<string, { f1: number[]; ms: number[] }>>();
  const record = (name: SystemName, split: Split, predicted: string[], ms: number) => {
    const groups = perGroup.get(name) ?? new Map<string, { f1: number[]; ms: number[] }>();
    const entry = groups.get(split.group) ?? { f1: [], ms: [] };
    entry.f1.push(
      macroF1(
        split.test.map((e) => e.label),
        predicted,
      ),
    );
    entry.ms.push(ms);
    groups.set(split.group, entry);
    perGroup.set(name, groups);
  };
  let lastDesk: { issues: Issue[]; model: IntentModel } | undefined;
  for (const split of all) {
    let start = performance.now();
    const own = trainIssueTypeModel(split.train, overrides);
    const ownMs = performance.now() - start;
    bar.increment();
    start = performance.now();
    // With a test file every split shares one desk-wide training set: trained once (only the last model is kept).
    if (lastDesk?.issues !== split.deskWide)
      lastDesk = { issues: split.deskWide, model: trainIssueTypeModel(split.deskWide, overrides) };
    const deskWide = lastDesk.model;
    const deskMs = performance.now() - start;
    bar.increment();
    record(
      'ours',
      split,
      split.test.map((i) => predictIssueType({ own, deskWide }, i.title, i.body).label),
      ownMs + deskMs,
    );
    // The repository's model through predictIssueType's single-model path.
    record(
      'oursRepositoryOnly',
      split,
      split.test.map((i) => predictIssueType({ own: null, deskWide: own }, i.title, i.body).label),
      ownMs,
    );
    // natural's Bayes, one per repository (the NLBSE protocol), reads the same text as ours.
    start = performance.now();
    const bayes: TextClassifier = trainBayesReference(split.train.map(issueTypeExample));
    const bayesMs = performance.now() - start;
    record(
      'reference',
      split,
      split.test.map((i) => bayes.predict(issueTypeExample(i).text).label),
      bayesMs,
    );
    if (undated === null && split.train.length > 0) {
      start = performance.now();
      const byDate = creationDateProbe(split.train.map((i) => ({ createdAt: i.createdAt as number, label: i.label })));
      record(
        'creationDateOnly',
        split,
        split.test.map((i) => byDate(i.createdAt as number)),
        performance.now() - start,
      );
    }
    bar.increment();
  }
  bar.stop();
  const figures = (name: SystemName): { meanMacroF1: number; perGroup: Record<string, GroupFigures> } => {
    const groups = Object.fromEntries(
      [...(perGroup.get(name) ?? [])].map(([group, e]) => [
        group,
        { macroF1: mean(e.f1), trainMs: Math.round(mean(e.ms)) },
      ]),
    );
    return { meanMacroF1: mean(Object.values(groups).map((g) => g.macroF1)), perGroup: groups };
  };
  const ours = figures('ours');
  const oursRepositoryOnly = figures('oursRepositoryOnly');
  const reference = figures('reference');
  return {
    task: 'issues',
    machine: machineInfo(),
    protocol: test ? 'train/test per group' : `${folds}-fold stratified cross-validation per group`,
    deskWide:
      "ours pools each group's model with a desk-wide model trained on the group's training issues and every issue of the other groups",
    by,
    rows: { train: train.length, test: test?.length ?? 0 },
    trainOptions,
    ours,
    oursRepositoryOnly,
    reference: { name: 'natural.BayesClassifier', ...reference },
    ratios: ratios(ours, reference),
    creationDateOnly:
      undated === null
        ? {
            probe: `a leak check, not a model: each issue labelled by the ${CREATION_DATE_PROBE_NEIGHBOURS} issues of its group's training set created nearest in time; far above chance means the labels were sampled from different time windows`,
            ...figures('creationDateOnly'),
          }
        : { skipped: undated },
  };
}
