/**
 * npm run receive -- <payload.json> --event <issues|issue_comment> [--id <delivery-guid>] [--corpus <intents.yaml>]
 *
 * Replays a saved GitHub webhook payload through the GitHub adapter against the configured database, as probot's
 * `receive` does: no signature is needed. With GitHub credentials set, the labels and comment it queued are written
 * to GitHub now; without them they stay queued for `npm start`. `--id` pins the delivery id (a replay with the same
 * id changes nothing twice); by default every replay is a new delivery.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadTrainingCorpus } from '../data/training/load-training-corpus.js';
import { createDesk } from '../runtime/create-desk.js';
import { envWasSet, readEnv } from '../runtime/env.js';
import { loadConfig } from '../runtime/load-config.js';
import { createLogger } from '../runtime/logger.js';
import { createGitHubAdapter } from '../runtime/platforms/github.js';
import { prepareModel } from '../runtime/prepare-model.js';
import { runCli } from '../runtime/run-cli.js';

const USAGE =
  'usage: npm run receive -- <payload.json> --event <issues|issue_comment> [--id <delivery-guid>] [--corpus <intents.yaml>]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { event: { type: 'string', short: 'e' }, id: { type: 'string' }, corpus: { type: 'string' } },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = args.positionals;
  const event = args.values.event;
  if (!file || extra.length || !event) {
    console.error(USAGE);
    return 2;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`cannot read ${file} as JSON: ${(err as Error).message}`);
    return 2;
  }

  const env = readEnv();
  const log = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const { config } = loadConfig(env.SUPPORT_CONFIG, envWasSet('SUPPORT_CONFIG'));
  const model = args.values.corpus
    ? prepareModel(loadTrainingCorpus(args.values.corpus), env.MODEL_CACHE_PATH).model
    : undefined;
  const desk = await createDesk({
    config,
    databasePath: env.DATABASE_PATH,
    databaseUrl: env.DATABASE_URL,
    modelCachePath: env.MODEL_CACHE_PATH,
    log,
    model,
    outboxSendDeadlineMs: env.OUTBOX_SEND_DEADLINE_MS,
  });
  try {
    const adapter = await createGitHubAdapter(desk, env, log.child({ platform: 'github' }), {
      corpusPath: args.values.corpus,
    });
    // The desk's own dispatcher sends what the replay queues (one dispatcher, so nothing is sent twice); items of
    // platforms that do not run in this process wait a minute and are left to the server.
    if (adapter.chat) desk.platforms.set('github', adapter.chat);
    const deliveryId = args.values.id ?? randomUUID();
    const result = await adapter.handler.handle(event, deliveryId, payload);
    console.log(
      `delivery ${deliveryId} (${event}.${String((payload as { action?: unknown }).action)}): ${describe(result)}`,
    );
    if (!adapter.chat) {
      console.log(
        `GitHub writes stay queued (${await desk.store.pendingOutboxCount()} pending): set GITHUB_TOKEN or GITHUB_APP_ID + GITHUB_PRIVATE_KEY, or let npm start send them`,
      );
      return 0;
    }
    const report = await desk.outbox.flush();
    console.log(`sent: ${report.sent} written, ${report.retried} queued for retry, ${report.dead} rejected`);
    return 0;
  } finally {
    await desk.close();
  }
}

function describe(
  result: Awaited<ReturnType<Awaited<ReturnType<typeof createGitHubAdapter>>['handler']['handle']>>,
): string {
  switch (result.kind) {
    case 'skipped':
      return `skipped (${result.reason})`;
    case 'triaged':
      return `${result.outcome.kind}${'ticket' in result.outcome ? ` ${result.outcome.ticket.key}` : ''}; labels ${result.labels.join(', ')}; ${result.commented ? 'one comment' : 'no comment'}`;
    case 'message':
      return result.outcome.kind;
    case 'ticket-action':
      return `${result.verb} ${result.ticket}: ${result.result}`;
    case 'correction':
      return `correction ${result.correction.action} ${result.correction.label}${result.stored ? '' : ' (already stored)'}`;
  }
}

runCli(main);
