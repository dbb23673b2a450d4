import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { loadTrainingCorpus, HOLDOUT_CORPUS_PATH } from '../data/training/load-training-corpus.js';
import { loadArticles } from '../knowledge/load-articles.js';
import { benchEngine } from './bench/engine-bench.js';
import { loadConfig } from './load-config.js';
import { prepareModel } from './prepare-model.js';

/** npm run bench: prints JSON and writes BENCHMARKS.md with the machine it ran on. */
const peak = { rss: 0 };
const sampler = setInterval(() => {
  peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
}, 50);

const { config } = loadConfig('support.config.example.yaml', true);
const corpus = loadTrainingCorpus();
const texts = [...loadTrainingCorpus(HOLDOUT_CORPUS_PATH), ...corpus].map((e) => e.text);
const { model, trainMs } = prepareModel(corpus, null);
const { articles } = loadArticles(config.knowledge.dir);

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
const results: Record<string, unknown> = { machine, classifierTrainMs: Math.round(trainMs) };
for (const articleCount of [1_000, 10_000]) {
  process.stderr.write(`engine with ${articleCount} articles...\n`);
  results[`engine_${articleCount}_articles`] = await benchEngine({ config, model, texts, articles, articleCount, messages: 10_000 });
}
clearInterval(sampler);
results.peakRssMiB = Math.round(peak.rss / 2 ** 20);
console.log(JSON.stringify(results, null, 2));

const e1 = results.engine_1000_articles as Awaited<ReturnType<typeof benchEngine>>;
const e10 = results.engine_10000_articles as Awaited<ReturnType<typeof benchEngine>>;
const row = (name: string, e: typeof e1) =>
  `| ${name} | ${e.messagesPerSecond} | ${e.p50Ms} | ${e.p99Ms} | ${e.stageMedianUs.classify} | ${e.stageMedianUs.search} | ${e.stageMedianUs.commitOpen} | ${e.indexBuildMs} |`;
writeFileSync(
  'BENCHMARKS.md',
  `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}.
Figures are from one run; medians where a median is named.

## Triage engine (SQLite file, WAL, 10,000 messages, one conversation each)

| knowledge base | messages/s | p50 ms | p99 ms | classify µs (median) | search µs (median) | ticket commit µs (median) | index build ms |
|---|---|---|---|---|---|---|---|
${row('1,000 articles', e1)}
${row('10,000 articles', e10)}

Where the time goes: each message is classified, searched (when the classifier is confident) and written in one SQLite
transaction (event id, ticket or search log, transcript, audit and outbox rows). The stage columns time each step alone
on the same texts.

Peak RSS: ${results.peakRssMiB} MiB. Classifier training on the shipped corpus: ${results.classifierTrainMs} ms.
`,
);
