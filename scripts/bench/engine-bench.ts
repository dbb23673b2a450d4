import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntentModel } from '../../core/classifier/intent-model.js';
import type { SupportConfig } from '../../core/config/support-config.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import { createTriageEngine } from '../../core/engine/create-triage-engine.js';
import { percentileOfSorted } from '../../core/metrics/percentile.js';
import type { InboundMessage } from '../../core/model/inbound-message.js';
import { systemClock } from '../../core/ports/clock.js';
import { startWalCheckpointer } from '../../data/start-wal-checkpointer.js';
import { openDatabase } from '../../data/open-database.js';
import { createSqliteSupportStore } from '../../data/sqlite-support-store.js';
import type { Article } from '../../core/ports/knowledge-base.js';
import { createMiniSearchKnowledgeBase } from '../../knowledge/minisearch-knowledge-base.js';
import { seeded, syntheticArticles } from './synthetic-articles.js';

export interface EngineBenchResult {
  articles: number;
  messages: number;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Where the time goes: median microseconds per message of each stage measured alone on the same texts. */
  stageMedianUs: { classify: number; search: number; commitOpen: number; total: number };
  indexBuildMs: number;
}

const sortedMs = (xs: number[]) => xs.sort((a, b) => a - b);

/**
 * Messages through the real engine on a SQLite file: a realistic mix of customers (tiers), one conversation per
 * message, so each either opens a ticket or answers from the knowledge base. Measures the end-to-end handle() time.
 */
export async function benchEngine(options: { config: SupportConfig; model: IntentModel; texts: readonly string[]; articles: Article[]; articleCount: number; messages: number; concurrency?: number }): Promise<EngineBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  try {
    const db = openDatabase(join(dir, 'bench.sqlite'));
    const checkpointer = startWalCheckpointer(db); // as createDesk runs it
    const store = createSqliteSupportStore(db);
    const articles = [...options.articles, ...syntheticArticles(Math.max(0, options.articleCount - options.articles.length), options.texts)];
    const t0 = performance.now();
    const kb = createMiniSearchKnowledgeBase(articles);
    const indexBuildMs = performance.now() - t0;
    const config = options.config;
    const engine = createTriageEngine({ store, kb, model: options.model, config, directory: createDirectory(config), clock: systemClock });
    const random = seeded(3);
    const customers = [undefined, ...config.customers.map((c) => c.id)];
    const messages: InboundMessage[] = Array.from({ length: options.messages }, (_, i) => {
      const customerId = customers[Math.floor(random() * customers.length)];
      return {
        platform: 'slack',
        eventId: `bench-${i}`,
        conversation: { platform: 'slack', channelId: customerId ?? 'community', threadId: String(i) },
        author: { id: `U${i % 500}` },
        customerId,
        text: options.texts[i % options.texts.length] as string,
        receivedAt: Date.now(),
      };
    });
    // Warm up the JIT and SQLite page cache on a separate slice.
    for (const m of messages.slice(0, 200)) await engine.handle({ ...m, eventId: `warm-${m.eventId}`, conversation: { ...m.conversation, threadId: `w${m.conversation.threadId}` } });
    const latencies: number[] = [];
    const start = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < messages.length) {
        const m = messages[next++] as InboundMessage;
        const s = performance.now();
        await engine.handle(m);
        latencies.push(performance.now() - s);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 1 }, lane));
    const elapsed = performance.now() - start;
    sortedMs(latencies);

    // Stage timings on the same texts, each alone.
    const sample = messages.slice(0, 2_000);
    const time = async (fn: (m: InboundMessage, i: number) => unknown) => {
      const xs: number[] = [];
      for (const [i, m] of sample.entries()) {
        const s = performance.now();
        await fn(m, i);
        xs.push((performance.now() - s) * 1000);
      }
      return percentileOfSorted(sortedMs(xs), 50);
    };
    const classify = await time((m) => options.model.predict(m.text));
    const search = await time((m) => kb.search(m.text, { tier: 'enterprise', platform: 'slack', language: 'en' }, 3));
    const ticket = await store.getTicket(1);
    const commitOpen = ticket
      ? await time((m, i) =>
          // A ticket insert with message, audit and outbox rows: the heaviest write path, one commit at a time.
          store.commit({
            event: { platform: 'slack', eventId: `stage-${i}`, receivedAt: Date.now(), conversationKey: `k${i}`, authorId: 'U', outcome: 'bench' },
            openTicket: { ...ticket, conversation: { platform: 'slack', channelId: 'bench', threadId: `s${i}` } },
            messages: [{ platform: 'slack', eventId: `stage-${i}`, messageId: null, authorId: 'U', authorName: null, role: 'customer', text: m.text, at: Date.now() }],
            audits: [{ actor: 'U', action: 'ticket.opened', detail: {}, at: Date.now() }],
            outbox: [{ platform: 'slack', conversation: { platform: 'slack', channelId: 'bench', threadId: `s${i}` }, message: { text: 'reply' }, dedupeKey: `stage-${i}` }],
          }),
        )
      : 0;
    await checkpointer.stop();
    db.close();
    return {
      articles: articles.length,
      messages: messages.length,
      messagesPerSecond: Math.round(messages.length / (elapsed / 1000)),
      p50Ms: round(percentileOfSorted(latencies, 50)),
      p99Ms: round(percentileOfSorted(latencies, 99)),
      stageMedianUs: { classify: Math.round(classify), search: Math.round(search), commitOpen: Math.round(commitOpen), total: Math.round(percentileOfSorted(latencies, 50) * 1000) },
      indexBuildMs: Math.round(indexBuildMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
