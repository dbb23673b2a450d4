import type { IntentModel } from '../core/classifier/intent-model.js';
import type { SupportConfig } from '../core/config/support-config.js';
import { createDirectory } from '../core/directory/create-directory.js';
import { createFeedbackRecorder } from '../core/engine/create-feedback-recorder.js';
import { createStaffReplies } from '../core/engine/create-staff-replies.js';
import { createTicketActions } from '../core/engine/create-ticket-actions.js';
import { SupportError } from '../core/errors.js';
import { createTriageEngine } from '../core/engine/create-triage-engine.js';
import type { ConversationRef } from '../core/model/inbound-message.js';
import type { Platform } from '../core/model/types.js';
import { createOutboxDispatcher } from '../core/outbox/create-outbox-dispatcher.js';
import type { ChatPlatform } from '../core/ports/chat-platform.js';
import type { Clock } from '../core/ports/clock.js';
import { systemClock } from '../core/ports/clock.js';
import type { Logger } from '../core/ports/logger.js';
import { createAnalytics } from '../core/analytics/create-analytics.js';
import { createSlaService } from '../core/sla/create-sla-service.js';
import { createSlaTicketHook } from '../core/sla/create-sla-ticket-hook.js';
import { loadTrainingCorpus } from '../data/training/load-training-corpus.js';
import { correctionExamples } from '../core/training/correction-examples.js';
import { formatArticleReport } from '../knowledge/check-articles.js';
import { loadArticles } from '../knowledge/load-articles.js';
import { createMiniSearchKnowledgeBase } from '../knowledge/minisearch-knowledge-base.js';
import { createAnalyzerPool, type AnalyzerPool } from './analysis/create-analyzer-pool.js';
import { prepareModel } from './prepare-model.js';
import { openStores } from './open-stores.js';
import type { SqliteDatabase } from '../data/open-database.js';
import { analysisSettings } from '../core/engine/analyze-text.js';
import type { KnowledgeBase } from '../core/ports/knowledge-base.js';
import type { MeetingProvider } from '../core/ports/meeting-provider.js';
import { createCallScheduler } from '../core/calls/create-call-scheduler.js';
import { renderCallInvite } from '../bots/meetings/render-call-invite.js';
import { createMeetingProvider } from './create-meeting-provider.js';

export interface DeskOptions {
  config: SupportConfig;
  /** The SQLite file (DATABASE_PATH), used when no databaseUrl is given. */
  databasePath: string;
  /** PostgreSQL (DATABASE_URL): several instances may share it. */
  databaseUrl?: string | undefined;
  /** PostgreSQL connections per instance (DATABASE_POOL_SIZE). */
  databasePoolSize?: number | undefined;
  /** This instance's id among several (INSTANCE_ID): the owner of its outbox claims. */
  instanceId?: string | undefined;
  /** Where the trained model is cached; null to always train. */
  modelCachePath: string | null;
  log: Logger;
  clock?: Clock | undefined;
  /** A model to use instead of training (tests, benchmarks). */
  model?: IntentModel | undefined;
  /** Where new paid-tier tickets are announced (set once the Slack staff channel is live). */
  staffAnnouncements?: ConversationRef[];
  /** Worker threads for classification and article search (0 = on the main thread, the default). */
  analysisWorkers?: number;
  /** How often a desk on PostgreSQL re-reads other instances' article votes and views (default one minute). */
  statsRefreshMs?: number;
  /** The outbox's bound on one send (OUTBOX_SEND_DEADLINE_MS; the dispatcher's default when unset). */
  outboxSendDeadlineMs?: number;
  /** Where video calls happen (runtime/create-meeting-provider.ts); default Jitsi on calls.jitsi.baseUrl. */
  meetingProvider?: MeetingProvider | undefined;
}

export class KnowledgeError extends SupportError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('knowledge.invalid', message, options);
    this.name = 'KnowledgeError';
  }
}

/** How often an instance on a shared database re-reads article votes and views for its ranking. */
const STATS_REFRESH_MS = 60_000;

/** Wire the core to its database (SQLite or PostgreSQL), the knowledge base and the classifier. Platforms are attached by the caller. */
export async function createDesk(options: DeskOptions) {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const { articles, problems } = loadArticles(config.knowledge.dir, { baseUrl: config.knowledge.baseUrl });
  if (problems.length)
    throw new KnowledgeError(
      `The knowledge base has problems (fix them or run npm run kb:check):\n${formatArticleReport(problems).join('\n')}`,
    );

  const directory = createDirectory(config);
  // SLA clocks are derived inside each ticket commit (same transaction) through this hook.
  const stores = await openStores(
    { databasePath: options.databasePath, databaseUrl: options.databaseUrl, poolSize: options.databasePoolSize },
    {
      ticketPrefix: config.desk.ticketPrefix,
      hookFor: (sink) => createSlaTicketHook({ config, directory, sink }),
      log,
    },
  );
  const { store, sla: slaStore } = stores;
  const stats = await store.articleStats();
  const kb = createMiniSearchKnowledgeBase(articles, { now: () => clock.now(), stats });

  let model = options.model;
  let modelInfo = { source: 'given', examples: 0, trainMs: 0 };
  if (!model) {
    // The same examples as `npm run train` (corpus + maintainers' corrections), so its cached model is reused.
    const corrections = correctionExamples(await stores.corrections.listCorrections());
    const prepared = prepareModel([...loadTrainingCorpus(), ...corrections], options.modelCachePath);
    model = prepared.model;
    modelInfo = prepared;
  }

  // Classification and search on worker threads when asked for; if they cannot start, the desk runs them in process.
  let analyzer: AnalyzerPool | null = null;
  if ((options.analysisWorkers ?? 0) > 0) {
    analyzer = await createAnalyzerPool({
      workers: options.analysisWorkers ?? 0,
      articles,
      model,
      kb,
      settings: analysisSettings(config),
      stats,
      now: () => clock.now(),
      log: log.child({ component: 'analyzer' }),
    }).catch((error: unknown) => {
      log.warn({ err: String(error) }, 'analyzer workers did not start; classifying and searching in process');
      return null;
    });
  }
  // Votes re-rank the main thread's index and every worker's.
  const rankedKb: KnowledgeBase = {
    get size() {
      return kb.size;
    },
    search: (query, filters, limit) => kb.search(query, filters, limit),
    get: (id) => kb.get(id),
    setStats(stats) {
      kb.setStats(stats);
      analyzer?.setStats(stats);
    },
  };

  const platforms = new Map<Platform, ChatPlatform>();
  const outboxOptions = {
    ...(options.outboxSendDeadlineMs !== undefined ? { sendDeadlineMs: options.outboxSendDeadlineMs } : {}),
    ...(options.instanceId !== undefined ? { owner: options.instanceId } : {}),
  };
  const outbox = createOutboxDispatcher({
    store,
    platforms,
    clock,
    log: log.child({ component: 'outbox' }),
    options: outboxOptions,
  });
  const analytics = createAnalytics({
    store: stores.analytics,
    tickets: store,
    config,
    clock,
    cacheMs: 30_000,
  });
  const sla = createSlaService({
    tickets: store,
    sla: slaStore,
    config,
    directory,
    clock,
    log: log.child({ component: 'sla' }),
  });
  // The stores announce their own commits: whatever queued messages (a ticket commit, a sweep step, an outreach
  // record, a digest) wakes the outbox, and a ticket commit that wrote clocks wakes the sweep (a critical ticket's
  // on-call page is due at once). The intervals still catch anything a wake-up missed.
  const unsubscribe = [store.onOutboxQueued(() => outbox.kick()), slaStore.onTimersChanged(() => sla.kick())];
  const staffAnnouncements: ConversationRef[] = options.staffAnnouncements ?? [];
  const engine = createTriageEngine({
    store,
    kb,
    model,
    config,
    directory,
    clock,
    log: log.child({ component: 'engine' }),
    staffAnnouncements,
    ...(analyzer ? { analyzer } : {}),
  });
  const actions = createTicketActions({ store, directory, clock });
  const feedback = createFeedbackRecorder({ store, kb: rankedKb, clock });
  const staffReplies = createStaffReplies({ store, directory, clock });
  const calls = createCallScheduler({
    calls: stores.calls,
    tickets: store,
    config,
    directory,
    clock,
    provider: options.meetingProvider ?? createMeetingProvider(config.calls, {}),
    renderInvite: renderCallInvite,
    log: log.child({ component: 'calls' }),
  });
  const emailStore = stores.email;
  // Instances sharing PostgreSQL see each other's votes and views: each re-reads them every minute for its ranking.
  const statsTimer =
    stores.kind === 'postgres'
      ? setInterval(() => {
          store.articleStats().then(
            (fresh) => rankedKb.setStats(fresh),
            (error: unknown) => log.warn({ err: String(error) }, 'article stats refresh failed'),
          );
        }, options.statsRefreshMs ?? STATS_REFRESH_MS)
      : null;
  statsTimer?.unref();

  return {
    config,
    clock,
    log,
    /** Every store, on SQLite or PostgreSQL (`stores.kind`). */
    stores,
    /** The SQLite handle (backups, the demo, tests' direct reads); there is none on PostgreSQL. */
    get db(): SqliteDatabase {
      if (!stores.sqlite) throw new Error(`the desk's database is PostgreSQL (${stores.where}), not a SQLite file`);
      return stores.sqlite;
    },
    store,
    kb,
    model,
    modelInfo,
    /** Worker threads analysing messages (0 when in process). */
    analysisWorkers: analyzer?.workers ?? 0,
    directory,
    engine,
    actions,
    /** Staff replies written outside the ticket's conversation (a staff-channel thread, the shell), sent to it. */
    staffReplies,
    /** Video calls: offers, bookings, invitations, reminders, recaps (docs/video-calls.md). */
    calls,
    feedback,
    /** Mail threads, the IMAP cursor, acknowledgement throttling and attachments. */
    emailStore,
    outbox,
    /** SLA sweep, acknowledgements (`escalation.ack`), on-call (`sla.oncall.schedule()` / `setOverride`) and the digest. */
    sla,
    slaStore,
    analytics,
    platforms,
    /** Announce new paid-tier tickets in this conversation too (e.g. the Slack staff channel). */
    addStaffAnnouncements(target: ConversationRef) {
      staffAnnouncements.push(target);
    },
    async close() {
      for (const stop of unsubscribe) stop();
      if (statsTimer) clearInterval(statsTimer);
      await sla.idle();
      await outbox.stop();
      await analyzer?.close();
      await stores.close();
    },
  };
}

export type Desk = Awaited<ReturnType<typeof createDesk>>;
