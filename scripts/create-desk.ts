import type { IntentModel } from '../core/classifier/intent-model.js';
import type { SupportConfig } from '../core/config/support-config.js';
import { createDirectory } from '../core/directory/create-directory.js';
import { createFeedbackRecorder } from '../core/engine/create-feedback-recorder.js';
import { createTicketActions } from '../core/engine/create-ticket-actions.js';
import { createTriageEngine } from '../core/engine/create-triage-engine.js';
import type { ConversationRef } from '../core/model/inbound-message.js';
import type { Platform } from '../core/model/types.js';
import { createOutboxDispatcher } from '../core/outbox/create-outbox-dispatcher.js';
import type { ChatPlatform } from '../core/ports/chat-platform.js';
import type { Clock } from '../core/ports/clock.js';
import { systemClock } from '../core/ports/clock.js';
import type { Logger } from '../core/ports/logger.js';
import { openDatabase } from '../data/open-database.js';
import type { SqliteDatabase } from '../data/open-database.js';
import { createSqliteSupportStore } from '../data/sqlite-support-store.js';
import { loadTrainingCorpus } from '../data/training/load-training-corpus.js';
import { formatArticleReport } from '../knowledge/check-articles.js';
import { loadArticles } from '../knowledge/load-articles.js';
import { createMiniSearchKnowledgeBase } from '../knowledge/minisearch-knowledge-base.js';
import { prepareModel } from './prepare-model.js';

export interface DeskOptions {
  config: SupportConfig;
  databasePath: string;
  /** Where the trained model is cached; null to always train. */
  modelCachePath: string | null;
  log: Logger;
  clock?: Clock;
  /** A model to use instead of training (tests, benchmarks). */
  model?: IntentModel;
  /** Where new paid-tier tickets are announced (set once the Slack staff channel is live). */
  staffAnnouncements?: ConversationRef[];
}

export class KnowledgeError extends Error {
  readonly code = 'knowledge.invalid';
}

/** Wire the core to SQLite, the knowledge base and the classifier. Platforms are attached by the caller. */
export async function createDesk(options: DeskOptions) {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const { articles, problems } = loadArticles(config.knowledge.dir, { baseUrl: config.knowledge.baseUrl });
  if (problems.length) throw new KnowledgeError(`The knowledge base has problems (fix them or run npm run kb:check):\n${formatArticleReport(problems).join('\n')}`);

  const db: SqliteDatabase = openDatabase(options.databasePath);
  const store = createSqliteSupportStore(db, { ticketPrefix: config.desk.ticketPrefix });
  const kb = createMiniSearchKnowledgeBase(articles, { now: () => clock.now(), stats: await store.articleStats() });

  let model = options.model;
  let modelInfo = { source: 'given', examples: 0, trainMs: 0 };
  if (!model) {
    const prepared = prepareModel(loadTrainingCorpus(), options.modelCachePath);
    model = prepared.model;
    modelInfo = prepared;
  }

  const directory = createDirectory(config);
  const platforms = new Map<Platform, ChatPlatform>();
  const outbox = createOutboxDispatcher({ store, platforms, clock, log: log.child({ component: 'outbox' }) });
  const staffAnnouncements: ConversationRef[] = options.staffAnnouncements ?? [];
  const engine = createTriageEngine({ store, kb, model, config, directory, clock, log: log.child({ component: 'engine' }), staffAnnouncements, onQueued: () => outbox.kick() });
  const actions = createTicketActions({ store, directory, clock, onQueued: () => outbox.kick() });
  const feedback = createFeedbackRecorder({ store, kb, clock });

  return {
    config,
    clock,
    log,
    db,
    store,
    kb,
    model,
    modelInfo,
    directory,
    engine,
    actions,
    feedback,
    outbox,
    platforms,
    /** Announce new paid-tier tickets in this conversation too (e.g. the Slack staff channel). */
    addStaffAnnouncements(target: ConversationRef) {
      staffAnnouncements.push(target);
    },
    async close() {
      await outbox.stop();
      await store.close();
    },
  };
}

export type Desk = Awaited<ReturnType<typeof createDesk>>;
