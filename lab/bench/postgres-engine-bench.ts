import type { IntentModel } from '../../core/classifier/intent-model.js';
import type { SupportConfig } from '../../core/config/support-config.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import { createTriageEngine } from '../../core/engine/create-triage-engine.js';
import type { InboundMessage } from '../../core/model/inbound-message.js';
import { systemClock } from '../../core/ports/clock.js';
import type { Article } from '../../core/ports/knowledge-base.js';
import type { SupportStore } from '../../core/ports/support-store.js';
import { createSlaTicketHook } from '../../core/sla/create-sla-ticket-hook.js';
import { openPostgres } from '../../data/open-postgres.js';
import { createPostgresSlaStore } from '../../data/postgres-sla-store.js';
import { createPostgresSupportStore } from '../../data/postgres-support-store.js';
import { createMiniSearchKnowledgeBase } from '../../knowledge/minisearch-knowledge-base.js';
import { createTestSchema } from '../../test/support/postgres/test-postgres.js';
import { percentileOfSorted } from '../metrics/percentile.js';
import { benchMessages } from './engine-bench.js';
import { syntheticArticles } from './synthetic-articles.js';

export interface PostgresEngineRun {
  inFlight: number;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface PostgresEngineBench {
  messages: number;
  articles: number;
  poolSize: number;
  runs: PostgresEngineRun[];
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The triage engine on PostgreSQL as `npm start` wires it with DATABASE_URL (the SLA clock hook in each ticket's
 * transaction, a pool of connections), closed loop at several messages in flight, each run on a fresh schema of the
 * local server. Latency is from handle() to the committed outcome.
 */
export async function benchPostgresEngine(options: {
  config: SupportConfig;
  model: IntentModel;
  texts: readonly string[];
  articles: Article[];
  messages: number;
  inFlight: readonly number[];
  poolSize?: number;
}): Promise<PostgresEngineBench> {
  const { config, model } = options;
  const articles = [
    ...options.articles,
    ...syntheticArticles(Math.max(0, 1_000 - options.articles.length), options.texts),
  ];
  const kb = createMiniSearchKnowledgeBase(articles);
  const directory = createDirectory(config);
  const poolSize = options.poolSize ?? 10;
  const runs: PostgresEngineRun[] = [];
  for (const inFlight of options.inFlight) {
    const schema = await createTestSchema();
    const db = await openPostgres(schema.url, { max: poolSize });
    const sla = createPostgresSlaStore(db);
    const store: SupportStore = createPostgresSupportStore(db, {
      onTicketChange: createSlaTicketHook({ config, directory, sink: sla.sink }),
      clocks: sla.clocks,
    });
    const engine = createTriageEngine({ store, kb, model, config, directory, clock: systemClock });
    try {
      const feed = async (messages: InboundMessage[], latencies: number[]) => {
        let next = 0;
        const lane = async () => {
          while (next < messages.length) {
            const m = messages[next++] as InboundMessage;
            const started = performance.now();
            await engine.handle(m);
            latencies.push(performance.now() - started);
          }
        };
        await Promise.all(Array.from({ length: inFlight }, lane));
      };
      await feed(benchMessages(config, options.texts, 300, 'warm'), []);
      const latencies: number[] = [];
      const messages = benchMessages(config, options.texts, options.messages, 'bench');
      const start = performance.now();
      await feed(messages, latencies);
      const elapsed = performance.now() - start;
      latencies.sort((a, b) => a - b);
      runs.push({
        inFlight,
        messagesPerSecond: Math.round(messages.length / (elapsed / 1000)),
        p50Ms: round(percentileOfSorted(latencies, 50)),
        p99Ms: round(percentileOfSorted(latencies, 99)),
      });
    } finally {
      await store.close();
      await schema.drop();
    }
  }
  return { messages: options.messages, articles: 1_000, poolSize, runs };
}
