import { DEFAULT_TRAIN_OPTIONS } from '../../core/classifier/train-options.js';
import type { TrainOptions } from '../../core/classifier/train-options.js';
import { seededRandom } from '../../core/classifier/seeded-random.js';
import { stratifiedSplit } from '../../core/classifier/stratified-split.js';
import { trainIntentModel } from '../../core/classifier/train-intent-model.js';
import type { IntentModel, LabeledText } from '../../core/classifier/intent-model.js';
import { trainBayesReference } from './bayes-reference.js';
import { numberFlag, parseFlags, requireFlag, trainOptionsFlag } from '../../runtime/cli-args.js';
import type { Flags } from '../../runtime/cli-args.js';
import { startProgress } from './progress.js';
import { machineInfo } from './machine-info.js';
import { ratios } from './ratios.js';
import { readCsvFile } from '../../data/csv/read-csv-file.js';
import { runSystem } from './run-system.js';
import type { LabeledRows, SystemFigures } from './run-system.js';

const LABEL_COLUMNS = ['label', 'intent', 'category'];

function readRows(
  path: string,
  textColumn: string,
  labelColumn: string | undefined,
): LabeledRows & { labelColumn: string } {
  const records = readCsvFile(path, [textColumn]);
  const column = labelColumn ?? LABEL_COLUMNS.find((c) => c in (records[0] as object));
  if (column === undefined)
    throw new Error(`${path}: pass --label <column> (none of ${LABEL_COLUMNS.join(', ')} exists)`);
  if (!(column in (records[0] as object))) throw new Error(`${path}: no column "${column}"`);
  return {
    texts: records.map((r) => r[textColumn] as string),
    labels: records.map((r) => r[column] as string),
    labelColumn: column,
  };
}

const toExamples = (rows: LabeledRows, keep: (i: number) => boolean): LabeledText[] =>
  rows.texts.flatMap((text, i) => (keep(i) ? [{ text, label: rows.labels[i] as string }] : []));

const pick = (rows: LabeledRows, indices: readonly number[]): LabeledRows => ({
  texts: indices.map((i) => rows.texts[i] as string),
  labels: indices.map((i) => rows.labels[i] as string),
});

/** Splits train into (fit, tuning): a stratified slice of in-scope rows plus every out-of-scope row goes to tuning. */
function holdOutTuning(
  train: LabeledRows,
  fraction: number,
  oosLabel: string | undefined,
  seed: number,
): { fit: LabeledRows; tuning: LabeledRows } {
  const inScope = train.labels.flatMap((label, i) => (label === oosLabel ? [] : [i]));
  const oos = train.labels.flatMap((label, i) => (label === oosLabel ? [i] : []));
  const split = stratifiedSplit(
    inScope.map((i) => train.labels[i] as string),
    fraction,
    seededRandom(seed),
  );
  return {
    fit: pick(
      train,
      split.kept.map((k) => inScope[k] as number),
    ),
    tuning: pick(train, [...split.heldOut.map((k) => inScope[k] as number), ...oos]),
  };
}

export const INTENTS_FLAGS = [
  'train',
  'test',
  'val',
  'val-fraction',
  'text',
  'label',
  'oos-label',
  'min-oos-recall',
  'threshold',
  'train-options',
  'seed',
];

/** `eval intents`: the product's classifier and natural's Bayes on the same split; see docs/evaluation.md. */
export async function runIntentsEval(argv: readonly string[]): Promise<Record<string, unknown>> {
  const flags: Flags = parseFlags(argv, INTENTS_FLAGS, ['oos-as-class']);
  const textColumn = typeof flags.text === 'string' ? flags.text : 'text';
  const labelColumn = typeof flags.label === 'string' ? flags.label : undefined;
  const oosLabel = typeof flags['oos-label'] === 'string' ? flags['oos-label'] : undefined;
  const oosAsClass = flags['oos-as-class'] === true;
  const seed = numberFlag(flags, 'seed', DEFAULT_TRAIN_OPTIONS.seed);
  const trainRows = readRows(requireFlag(flags, 'train'), textColumn, labelColumn);
  const test = readRows(requireFlag(flags, 'test'), textColumn, trainRows.labelColumn);
  let fit: LabeledRows = trainRows;
  let tuning: LabeledRows | undefined;
  let tuningSource = 'none';
  if (typeof flags.val === 'string') {
    tuning = readRows(flags.val, textColumn, trainRows.labelColumn);
    tuningSource = flags.val;
  } else if (flags['val-fraction'] !== undefined) {
    const fraction = numberFlag(flags, 'val-fraction', 0.1);
    ({ fit, tuning } = holdOutTuning(trainRows, fraction, oosAsClass ? undefined : oosLabel, seed));
    tuningSource = `train: ${fraction} of each in-scope label${oosLabel && !oosAsClass ? ` + every "${oosLabel}" row` : ''}`;
  }
  // With a threshold, out-of-scope rows are not a class to learn: the model abstains on them instead.
  const examples = toExamples(fit, (i) => oosAsClass || fit.labels[i] !== oosLabel);
  const trainOptions: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, seed, ...trainOptionsFlag(flags) };
  const defaultThreshold = numberFlag(flags, 'threshold', 0.8);
  const warmUp = examples.slice(0, 200).map((e) => e.text);
  const minOosRecall = flags['min-oos-recall'] === undefined ? undefined : numberFlag(flags, 'min-oos-recall', 0.5);
  const common = {
    ...(tuning ? { tuning } : {}),
    ...(oosLabel !== undefined ? { oosLabel } : {}),
    ...(minOosRecall !== undefined ? { minOosRecall } : {}),
    defaultThreshold,
    warmUp,
  };

  const ours = runSystem(
    {
      name: 'ours',
      train: () => {
        const bar = startProgress('ours: train', 1);
        const model = trainIntentModel(examples, {
          ...trainOptions,
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        return model;
      },
      sizeBytes: (model) => Buffer.byteLength(JSON.stringify((model as IntentModel).toJSON())),
    },
    test,
    common,
  );
  const reference = runSystem(
    {
      name: 'natural Bayes',
      train: () => {
        const bar = startProgress('natural Bayes: train', 1);
        const model = trainBayesReference(examples);
        bar.increment();
        bar.stop();
        return model;
      },
    },
    test,
    common,
  );
  const summary = (f: SystemFigures): Record<string, unknown> => {
    const { perLabelF1: _labels, threshold: _threshold, thresholdSweepOnTest: _sweep, ...rest } = f;
    return rest;
  };
  return {
    task: 'intents',
    machine: machineInfo(),
    train: { rows: fit.texts.length, examples: examples.length, labels: new Set(examples.map((e) => e.label)).size },
    test: { rows: test.texts.length },
    tuning: {
      source: tuningSource,
      rows: tuning?.texts.length ?? 0,
      objective:
        minOosRecall === undefined
          ? 'max accuracy (abstain = oos)'
          : `lowest threshold with oos recall >= ${minOosRecall}`,
    },
    oosLabel: oosLabel ?? null,
    oosAsClass,
    trainOptions,
    ours,
    reference: { name: 'natural.BayesClassifier', ...reference },
    ratios: ratios(summary(ours), summary(reference)),
  };
}
