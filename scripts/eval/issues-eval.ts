import { seededRandom } from '../../core/classifier/seeded-random.js';
import { issueTypeExample, issueTypeTraining, predictIssueType, trainIssueTypeModel } from '../../core/classifier/train-issue-type-model.js';
import type { LabeledIssue } from '../../core/classifier/train-issue-type-model.js';
import { DEFAULT_TRAIN_OPTIONS } from '../../core/classifier/train-options.js';
import type { TrainOptions } from '../../core/classifier/train-options.js';
import { macroF1 } from '../../core/metrics/classification-metrics.js';
import { trainBayesReference } from './bayes-reference.js';
import { numberFlag, parseFlags, requireFlag, trainOptionsFlag } from './cli-args.js';
import { startProgress } from './progress.js';
import { machineInfo } from './machine-info.js';
import { ratios } from './ratios.js';
import { readCsvFile } from './read-labeled-csv.js';
import { stratifiedFolds } from './stratified-folds.js';
import type { TextClassifier } from './text-classifier.js';

interface Issue extends LabeledIssue {
  group: string;
}

interface Split {
  group: string;
  train: Issue[];
  test: Issue[];
}

/** An issue classifier under evaluation: trained on labeled issues, asked for the type of one. */
interface IssueClassifier {
  predict(issue: Issue): string;
}

function readIssues(path: string, by: string): Issue[] {
  return readCsvFile(path, [by, 'label', 'title', 'body']).map((r) => ({
    group: r[by] as string,
    label: r['label'] as string,
    title: r['title'] as string,
    body: r['body'] as string,
  }));
}

/** One split per group and fold (cross-validation), or per group of the train and test files. */
function splits(train: Issue[], test: Issue[] | undefined, folds: number, seed: number): Split[] {
  const groups = [...new Set(train.map((i) => i.group))].sort();
  return groups.flatMap((group) => {
    const rows = train.filter((i) => i.group === group);
    if (test) return [{ group, train: rows, test: test.filter((i) => i.group === group) }];
    return stratifiedFolds(rows.map((r) => r.label), folds, seededRandom(seed)).map((fold) => {
      const held = new Set(fold);
      return { group, train: rows.filter((_, i) => !held.has(i)), test: fold.map((i) => rows[i] as Issue) };
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
  const by = typeof flags['by'] === 'string' ? flags['by'] : 'repo';
  const seed = numberFlag(flags, 'seed', DEFAULT_TRAIN_OPTIONS.seed);
  const train = readIssues(requireFlag(flags, 'train'), by);
  const test = typeof flags['test'] === 'string' ? readIssues(flags['test'], by) : undefined;
  const folds = numberFlag(flags, 'folds', 5);
  // The GitHub adapter's own training (issueText + ISSUE_TRAIN_OPTIONS), with the evaluation's seed.
  const overrides: TrainOptions = { seed, ...trainOptionsFlag(flags) };
  const trainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...issueTypeTraining([], overrides).options };
  const all = splits(train, test, folds, seed);
  const systems: Record<'ours' | 'reference', (issues: Issue[]) => IssueClassifier> = {
    ours: (issues) => {
      const model = trainIssueTypeModel(issues, overrides);
      return { predict: (issue) => predictIssueType(model, issue.title, issue.body).label };
    },
    // natural's Bayes reads the same text as ours.
    reference: (issues) => {
      const bayes: TextClassifier = trainBayesReference(issues.map(issueTypeExample));
      return { predict: (issue) => bayes.predict(issueTypeExample(issue).text).label };
    },
  };
  const perGroup: Record<'ours' | 'reference', Map<string, { f1: number[]; ms: number[] }>> = { ours: new Map(), reference: new Map() };
  const bar = startProgress('issues: train + predict', all.length * 2);
  for (const split of all) {
    for (const name of ['ours', 'reference'] as const) {
      const start = performance.now();
      const classifier = systems[name](split.train);
      const ms = performance.now() - start;
      const predicted = split.test.map((issue) => classifier.predict(issue));
      const entry = perGroup[name].get(split.group) ?? { f1: [], ms: [] };
      entry.f1.push(macroF1(split.test.map((e) => e.label), predicted));
      entry.ms.push(ms);
      perGroup[name].set(split.group, entry);
      bar.increment();
    }
  }
  bar.stop();
  const figures = (name: 'ours' | 'reference'): { meanMacroF1: number; perGroup: Record<string, GroupFigures> } => {
    const groups = Object.fromEntries(
      [...perGroup[name]].map(([group, e]) => [group, { macroF1: mean(e.f1), trainMs: Math.round(mean(e.ms)) }]),
    );
    return { meanMacroF1: mean(Object.values(groups).map((g) => g.macroF1)), perGroup: groups };
  };
  const ours = figures('ours');
  const reference = figures('reference');
  return {
    task: 'issues',
    machine: machineInfo(),
    protocol: test ? 'train/test per group' : `${folds}-fold stratified cross-validation per group`,
    by,
    rows: { train: train.length, test: test?.length ?? 0 },
    trainOptions,
    ours,
    reference: { name: 'natural.BayesClassifier', ...reference },
    ratios: ratios(ours, reference),
  };
}
