/**
 * npm run train [-- --corpus <intents.yaml>]
 *
 * Trains the intent classifier on data/training/intents.yaml plus the maintainers' label corrections stored in the
 * desk's database (GitHub type labels mapped back to categories), and writes the model cache `npm start` loads. When
 * the configuration serves GitHub repositories, also the issue-type models (per repository from `github.trainingIssues`
 * and the corrections, and desk-wide), cached beside it.
 */
import { parseArgs } from 'node:util';
import { correctionExamples } from '../core/training/correction-examples.js';
import { loadTrainingCorpus, TRAINING_CORPUS_PATH } from '../data/training/load-training-corpus.js';
import { envWasSet, readEnv } from '../runtime/env.js';
import { loadConfig } from '../runtime/load-config.js';
import { openConfiguredStores } from '../runtime/open-stores.js';
import { issueTypeCacheDir, loadIssueTypes } from '../runtime/platforms/github.js';
import { prepareModel } from '../runtime/prepare-model.js';
import { runCli } from '../runtime/run-cli.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { corpus: { type: 'string' } } });
  const env = readEnv();
  const corpusPath = values.corpus ?? TRAINING_CORPUS_PATH;
  const corpus = loadTrainingCorpus(corpusPath);
  const { config } = loadConfig(env.SUPPORT_CONFIG, envWasSet('SUPPORT_CONFIG'));
  const stores = await openConfiguredStores(env, config);
  let corrections;
  let issueTypes;
  try {
    corrections = await stores.corrections.listCorrections();
    if (config.github.repos.length) issueTypes = await loadIssueTypes({ config, stores }, env, corpusPath);
  } finally {
    await stores.close();
  }
  const fromCorrections = correctionExamples(corrections);
  const types = corrections.filter((c) => c.kind === 'type').length;
  console.log(`corpus: ${corpus.length} examples from ${corpusPath}`);
  console.log(
    `corrections: ${corrections.length} stored (${types} type, ${corrections.length - types} priority); ${fromCorrections.length} used as training examples`,
  );
  const prepared = prepareModel([...corpus, ...fromCorrections], env.MODEL_CACHE_PATH);
  const how =
    prepared.source === 'cache'
      ? 'unchanged since the last training: loaded from the cache'
      : `trained in ${(prepared.trainMs / 1000).toFixed(1)} s`;
  console.log(`model: ${prepared.examples} examples, ${prepared.model.labels.length} intents; ${how}`);
  console.log(`model cache: ${env.MODEL_CACHE_PATH}`);
  for (const m of issueTypes?.models ?? []) {
    const how =
      m.source === 'cache' ? 'unchanged: loaded from the cache' : `trained in ${(m.trainMs / 1000).toFixed(1)} s`;
    console.log(`issue-type model ${m.repo === '*' ? '(desk-wide)' : m.repo}: ${m.issues} labeled issues; ${how}`);
  }
  if (issueTypes) console.log(`issue-type model cache: ${issueTypeCacheDir(env.MODEL_CACHE_PATH)}`);
  return 0;
}

runCli(main);
