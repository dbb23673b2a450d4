import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { HOLDOUT_CORPUS_PATH, loadTrainingCorpus } from '../data/training/load-training-corpus.js';
import { loadArticles } from '../knowledge/load-articles.js';
import { benchEmailIntake } from '../lab/bench/email-intake-bench.js';
import type { EmailIntakeBench } from '../lab/bench/email-intake-bench.js';
import { benchEngine } from '../lab/bench/engine-bench.js';
import type { EngineBenchResult } from '../lab/bench/engine-bench.js';
import { benchMetrics } from '../lab/bench/metrics-bench.js';
import { benchSla } from '../lab/bench/sla-bench.js';
import { benchSlackHttp } from '../lab/bench/slack-http-bench.js';
import { benchPostgresEngine } from '../lab/bench/postgres-engine-bench.js';
import type { PostgresEngineBench } from '../lab/bench/postgres-engine-bench.js';
import { benchSlackInstances } from '../lab/bench/slack-instances-bench.js';
import { benchTicketSearch } from '../lab/bench/ticket-search-bench.js';
import type { TicketSearchBench, TicketSearchStoreBench } from '../lab/bench/ticket-search-bench.js';
import type { SlackInstancesRun } from '../lab/bench/slack-instances-bench.js';
import type { SlackHttpBenchResult } from '../lab/bench/slack-http-bench.js';
import { loadConfig } from '../runtime/load-config.js';
import { prepareModel } from '../runtime/prepare-model.js';

/**
 * npm run bench [-- --skip sla,metrics]: prints JSON and writes BENCHMARKS.md with the machine it ran on.
 * Sections: engine (1,000 and 10,000 articles), slack (signed events over HTTP), postgres (the engine on PostgreSQL, and
 * signed Slack events over 1, 2 and 3 instances on one database; needs TEST_DATABASE_URL's server, by default the
 * local one), email (IMAP intake of 500 mails; skipped without Dovecot), sla (100,000 timers), metrics (1,000,000
 * tickets), ticket-search (the web desk's ticket list over 1,000,000 tickets on SQLite, and on PostgreSQL unless
 * postgres is skipped).
 */
const { values } = parseArgs({
  options: {
    skip: { type: 'string', default: '' },
    messages: { type: 'string', default: '10000' },
    articles: { type: 'string', default: '1000,10000' },
    mails: { type: 'string', default: '500' },
  },
});
const skip = new Set(values.skip.split(',').filter(Boolean));
const peak = { rss: 0 };
const sampler = setInterval(() => (peak.rss = Math.max(peak.rss, process.memoryUsage().rss)), 50);
const log = (s: string) => process.stderr.write(`${s}\n`);

const { config } = loadConfig('support.config.example.yaml', true);
const corpus = loadTrainingCorpus();
const texts = [...loadTrainingCorpus(HOLDOUT_CORPUS_PATH), ...corpus].map((e) => e.text);
const { model, trainMs } = prepareModel(corpus, null);
const { articles } = loadArticles(config.knowledge.dir);
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  loadAverageAtStart: loadavg()[0]?.toFixed(2),
};
const results: Record<string, unknown> = { machine, classifierTrainMs: Math.round(trainMs) };

const engine: Record<number, EngineBenchResult> = {};
// One message at a time on the main thread (latency alone), then as npm start runs: messages in flight together and
// analysis on worker threads (one per core beyond the first).
const workers = Math.max(1, Math.min(4, availableParallelism() - 1));
// Then the open loop: messages arriving at 2,000/s on a schedule, latency counted from each scheduled arrival; and at
// lower rates, to show which arrival rate the desk holds with p99 under the 5 ms goal.
const TARGET_RATE = 2_000;
const LOWER_RATES = [1_000, 500];
const ENGINE_MODES = [
  { concurrency: 1, analysisWorkers: 0 },
  { concurrency: 8, analysisWorkers: 0 },
  { concurrency: 2, analysisWorkers: workers },
  { concurrency: 8, analysisWorkers: workers },
  { concurrency: 16, analysisWorkers: workers },
  // The A/B of the web desk's ticket search on the hot path: the row above it, without the triggers that queue entries.
  { concurrency: 8, analysisWorkers: workers, ticketSearch: 'off' as const },
  { concurrency: 0, ratePerSecond: TARGET_RATE, analysisWorkers: 0 },
  { concurrency: 0, ratePerSecond: TARGET_RATE, analysisWorkers: workers },
  ...LOWER_RATES.map((ratePerSecond) => ({ concurrency: 0, ratePerSecond, analysisWorkers: workers })),
];
if (!skip.has('engine')) {
  for (const articleCount of values.articles.split(',').map(Number)) {
    log(`engine with ${articleCount} articles...`);
    engine[articleCount] = await benchEngine({
      config,
      model,
      texts,
      articles,
      articleCount,
      messages: Number(values.messages),
      modes: ENGINE_MODES,
    });
    results[`engine_${articleCount}_articles`] = engine[articleCount];
  }
}
let slack: SlackHttpBenchResult | undefined;
if (!skip.has('slack')) {
  log('signed Slack events over HTTP...');
  slack = await benchSlackHttp({ model, texts });
  results.slack_http = slack;
}
let postgresEngine: PostgresEngineBench | undefined;
let instances: SlackInstancesRun[] | undefined;
if (!skip.has('postgres')) {
  log('the engine on PostgreSQL...');
  postgresEngine = await benchPostgresEngine({
    config,
    model,
    texts,
    articles,
    messages: Math.min(Number(values.messages), 5_000),
    inFlight: [1, 8, 32],
  });
  results.postgres_engine = postgresEngine;
  log('signed Slack events over 1, 2 and 3 instances on PostgreSQL...');
  instances = await benchSlackInstances({ texts });
  results.slack_instances = instances;
}
let email: EmailIntakeBench | undefined;
if (!skip.has('email')) {
  log(`IMAP intake of ${values.mails} mails (Dovecot on loopback)...`);
  email = await benchEmailIntake({ model, texts, mails: Number(values.mails) });
  if ('skipped' in email) log(`email intake: skipped, ${email.skipped}`);
  results.email_intake = email;
}
let sla: Record<string, number> | undefined;
if (!skip.has('sla')) {
  log('SLA sweep over 100,000 timers (minutes)...');
  sla = await benchSla();
  results.sla = sla;
}
let metrics: Record<string, number> | undefined;
if (!skip.has('metrics')) {
  log('30-day metrics over 1,000,000 tickets (seeding takes a minute)...');
  metrics = await benchMetrics();
  results.metrics = metrics;
}
let ticketSearch: TicketSearchBench | undefined;
if (!skip.has('ticket-search')) {
  log('ticket list search over 1,000,000 tickets, SQLite then PostgreSQL (filling takes minutes)...');
  ticketSearch = await benchTicketSearch({ postgres: !skip.has('postgres') });
  results.ticket_search = ticketSearch;
}
clearInterval(sampler);
results.peakRssMiB = Math.round(peak.rss / 2 ** 20);
console.log(JSON.stringify(results, null, 2));

const rows = (name: string, e: EngineBenchResult | undefined) =>
  e
    ? e.runs
        .map((r) =>
          r.ratePerSecond
            ? `| ${name} | open loop at ${r.ratePerSecond}/s (at most ${r.maxInFlight}) | ${r.analysisWorkers} | ${r.messagesPerSecond} | ${r.p50Ms} | **${r.p99Ms}** (${r.repeatsP99Ms?.join(', ') ?? ''}) | ${r.cpuUsPerMessage} | ${r.writtenKbPerMessage ?? 'n/a'} | ${r.walPeakMiB} |`
            : `| ${name} | ${r.concurrency}${r.ticketSearch === 'off' ? ' (ticket search off)' : ''} | ${r.analysisWorkers} | ${r.messagesPerSecond} (${r.repeatsPerSecond?.join(', ') ?? ''}) | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuUsPerMessage} | ${r.writtenKbPerMessage ?? 'n/a'} | ${r.walPeakMiB} |`,
        )
        .join('\n')
    : `| ${name} | skipped | | | | | | | |`;
const stageRow = (name: string, e: EngineBenchResult | undefined) =>
  e
    ? `| ${name} | ${e.stageMedianUs.classify} | ${e.stageMedianUs.search} | ${e.stageMedianUs.commitOpen} | ${e.indexBuildMs} |`
    : `| ${name} | skipped | | | |`;
const pagesLine = (e: EngineBenchResult | undefined) =>
  (e?.loneCommit ?? [])
    .map(
      (c) =>
        `- a message ${c.outcome === 'answered' ? 'answered from the knowledge base' : 'that opens a ticket'} (mean of ${c.samples}): ${c.pages} pages (${Object.entries(
          c.byTable,
        )
          .sort((a, b) => b[1] - a[1])
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')})`,
    )
    .join('\n') || '- skipped';
const searchRows = (s: TicketSearchBench) => {
  const other = new Map((s.postgres?.timings ?? []).map((t) => [t.query, t]));
  return s.sqlite.timings
    .map((t) => {
      const p = other.get(t.query);
      const pg = p
        ? `${p.medianMs} | ${p.p95Ms}${p.sameAsSqlite === false ? ' (a different page!)' : ''}`
        : 'skipped | ';
      return `| ${t.query} | ${t.found} | ${t.medianMs} | ${t.p95Ms} | ${pg} |`;
    })
    .join('\n');
};
const searchStore = (name: string, s: TicketSearchStoreBench | null | undefined) =>
  s
    ? `${name}: filled in ${Math.round(s.fillMs / 1000)} s, ${s.sizeMiB} MiB, of which the search index ${s.searchIndexMiB} MiB`
    : `${name}: skipped`;
const kv = (o: Record<string, number> | undefined) =>
  o
    ? Object.entries(o)
        .map(([k, v]) => `| ${k} | ${v} |`)
        .join('\n')
    : '| skipped | |';
writeFileSync(
  'BENCHMARKS.md',
  `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node},
${machine.platform}; load average at start ${machine.loadAverageAtStart}. All figures are from this one run.

## Triage engine (SQLite file in WAL mode, ${values.messages} messages, one conversation each; each row the median of three runs)

Closed loop (a fixed number in flight): the median run by messages/s, all three in brackets. Open loop (arrivals on
a schedule at the given rate, whatever is in flight, as webhooks reach a server): the run with the median p99, all
three p99s in brackets; latency counts from the scheduled arrival, so any stall (a COMMIT, a GC pause, a timer
firing late) delays every message due during it. The schedule is kept with this thread's timers, whose 1 ms
granularity adds about 0.5 ms to the p50 of an idle engine (measured); a worker thread keeping it instead lowered
p50 but raised p99, one more busy thread on two cores.

| knowledge base | in flight | analysis workers | messages/s: median run (all three) | p50 ms | p99 ms | CPU µs per message | KB written per message | WAL peak MiB |
|---|---|---|---|---|---|---|---|---|
${rows('1,000 articles', engine[1_000])}
${rows('10,000 articles', engine[10_000])}

The rows "8 (ticket search off)" are the A/B of the web desk's full-text search on this path: the same mode as the
row "8" with analysis workers, on a file without the triggers of migration 013. With them, a message's commit also
notes its subject and text in \`ticket_search_queue\` (one small B-tree); the FTS5 index itself is written later, many
entries in one transaction, when the list is searched (indexing in the ticket's own transaction cost ~25% of these
messages/s: FTS5 writes a segment at every commit).

Each stage alone, median µs on the same texts (ticket commit: one at a time, no group commit to share):

| knowledge base | classify | search | ticket commit | index build ms |
|---|---|---|---|---|
${stageRow('1,000 articles', engine[1_000])}
${stageRow('10,000 articles', engine[10_000])}

Pages (of ${(engine[1_000] ?? engine[10_000])?.loneCommit[0]?.pageSize ?? '?'} bytes) one lone message's commit writes to the WAL, by table with its indexes (every B-tree a commit
changes costs at least one whole page):
${pagesLine(engine[1_000] ?? engine[10_000])}

Where the time goes: each message is classified, searched (when the classifier is confident) and written in one SQLite
transaction (event id, ticket or search log, transcript, audit and outbox rows; the SLA clock hook that npm start
attaches is not part of this figure, see the SLA section). With messages in flight together, the commits of one
event-loop turn share one transaction (group commit); WAL checkpoints run on their own thread; with analysis workers,
classification and search run on worker threads while the main thread does the database work. Latency is from
handle() to the committed outcome, so it includes waiting for the batch's COMMIT. "KB written" is every byte the
process wrote during the run (WAL frames, checkpoint copies into the database file) per message: a commit writes
each page it changed whole (1 KiB: see \`PAGE_SIZE\` in data/open-database.ts), so a lone message's commit costs a page for each table and index it touches
(the list above), and messages committed together share their pages. That is where the open loop's tail comes from: at 2,000 arrivals/s most commits carry
one or two messages, the disk takes ~60 MB/s, and COMMITs and checkpoints stall for tens of milliseconds now and
then, delaying every message due meanwhile (with young-generation GC pauses and three busy threads on two cores).
"WAL peak" is the largest the write-ahead log grew during the run: each checkpoint makes passes until one finds no
new frame, so under steady traffic the log starts over; a flood that leaves no gap grows it until a lull
(\`journal_size_limit\` then cuts the file back to 64 MiB).
The synthetic articles are topical (each draws most words from its own topic), so term statistics resemble a real
collection; from 1,000 articles on, the search leaves out words found in more than 5% of articles (common-terms cutoff).

## Slack over HTTP (signed events to /slack/events, real server, loopback emulator)

${slack ? `| events | concurrency | events/s | p50 ms | p99 ms | replies delivered |\n|---|---|---|---|---|---|\n| ${slack.events} | ${slack.concurrency} | ${slack.eventsPerSecond} | ${slack.p50Ms} | ${slack.p99Ms} | ${slack.repliesDelivered} |` : 'skipped'}

Each request is verified (HMAC), triaged and committed before the 200 is sent (processBeforeResponse).

## PostgreSQL and several instances

The engine on PostgreSQL (\`DATABASE_URL\`, local server, pool of ${postgresEngine?.poolSize ?? 10}; the SLA clock hook in each ticket's transaction, as npm start wires it; ${postgresEngine?.messages ?? 0} messages, 1,000 articles, closed loop):

${postgresEngine ? `| in flight | messages/s | p50 ms | p99 ms |\n|---|---|---|---|\n${postgresEngine.runs.map((r) => `| ${r.inFlight} | ${r.messagesPerSecond} | ${r.p50Ms} | ${r.p99Ms} |`).join('\n')}` : 'skipped'}

Signed Slack events over HTTP spread round-robin over several \`npm start\` processes on one PostgreSQL database (16 in flight; the sender shares the machine's cores with the instances):

${instances ? `| instances | events | events/s | p50 ms | p99 ms |\n|---|---|---|---|---|\n${instances.map((r) => `| ${r.instances} | ${r.events} | ${r.eventsPerSecond} | ${r.p50Ms} | ${r.p99Ms} |`).join('\n')}` : 'skipped'}

## Email over IMAP (a backlog of new mails in a local Dovecot, real server code path, acknowledgements to an SMTP sink)

${email && !('skipped' in email) ? `| mails | mails/s | p50 ms per mail | p99 ms per mail | p50 engine ms |\n|---|---|---|---|---|\n| ${email.mails} | ${email.mailsPerSecond} | ${email.p50MsPerMail} | ${email.p99MsPerMail} | ${email.p50EngineMs} |` : `skipped${email && 'skipped' in email ? `: ${email.skipped}` : ''}`}

One mail at a time, each committed before it is flagged \\Seen and the cursor saved; "per mail" is that whole turn
(fetch, parse, triage and commit, flag, cursor), "engine" the triage and commit within it.

## SLA sweep (100,000 open timers, SQLite file)

| measure | value |
|---|---|
${kv(sla)}

## Analytics (30-day metrics over 1,000,000 tickets)

| measure | value |
|---|---|
${kv(metrics)}

## Ticket list search (the web desk's list over ${ticketSearch ? ticketSearch.tickets.toLocaleString('en') : '1,000,000'} tickets, pages of 50)

${
  ticketSearch
    ? `${ticketSearch.tickets.toLocaleString('en')} tickets with ${ticketSearch.messages.toLocaleString('en')} transcript messages (words drawn by Zipf's law from a 30,000-word
vocabulary) and a first-response clock each, the same rows on both stores; median and p95 ms of 30 runs of each query.
${searchStore('SQLite (FTS5)', ticketSearch.sqlite)}; ${searchStore('PostgreSQL (GIN)', ticketSearch.postgres)}.

| query | tickets on the page | SQLite median ms | SQLite p95 ms | PostgreSQL median ms | PostgreSQL p95 ms |
|---|---|---|---|---|---|
${searchRows(ticketSearch)}`
    : 'skipped'
}

Peak RSS of the benchmark process: ${results.peakRssMiB} MiB. Classifier training on the shipped corpus: ${results.classifierTrainMs} ms.
`,
);
