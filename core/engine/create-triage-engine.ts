import type { IntentModel } from '../classifier/intent-model.js';
import type { SupportConfig } from '../config/support-config.js';
import type { Directory, Requester } from '../directory/create-directory.js';
import { conversationKey } from '../model/inbound-message.js';
import type { ConversationRef, InboundMessage } from '../model/inbound-message.js';
import type { Clock } from '../ports/clock.js';
import type { ArticleHit, KnowledgeBase } from '../ports/knowledge-base.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import type { TextAnalyzer } from '../ports/text-analyzer.js';
import type { TicketStore } from '../ports/ticket-store.js';
import { analysisSettings, createInProcessAnalyzer } from './analyze-text.js';
import { createMessagePlanner } from './create-message-planner.js';
import type { HandleOptions } from './handle-options.js';
import { createKeyedQueue } from './keyed-queue.js';
import { createMessageContext } from './message-context.js';
import { searchLog } from './search-log.js';
import { settleUnstored } from './settle-unstored.js';
import { DUPLICATE } from './triage-plan.js';
import type { TriageOutcome } from './triage-outcome.js';

export type { HandleOptions } from './handle-options.js';

export const MAX_TEXT_LENGTH = 20_000;

export interface TriageEngineDeps {
  store: TicketStore;
  kb: KnowledgeBase;
  model: IntentModel;
  config: SupportConfig;
  directory: Directory;
  clock: Clock;
  log?: Logger;
  /** Where new paid-tier tickets are announced to staff (e.g. the Slack staff channel), if anywhere. */
  staffAnnouncements?: readonly ConversationRef[];
  /** Where classification and article search run (e.g. a worker-thread pool); in process on `model` and `kb` by default. */
  analyzer?: TextAnalyzer;
}

export interface TriageEngine {
  handle(message: InboundMessage, options?: HandleOptions): Promise<TriageOutcome>;
  /** Knowledge-base search for a person (`/kb`), logged like every search. */
  search(
    query: string,
    who: { platform: InboundMessage['platform']; tier: Requester['tier']; customerId: string | null },
    limit?: number,
  ): Promise<readonly ArticleHit[]>;
}

export function createTriageEngine(deps: TriageEngineDeps): TriageEngine {
  const { store, kb, model, config, directory, clock } = deps;
  const log = deps.log ?? silentLogger;
  const queue = createKeyedQueue();
  const analyzer = deps.analyzer ?? createInProcessAnalyzer(model, kb, analysisSettings(config));

  const planner = createMessagePlanner({
    store,
    directory,
    analyzer,
    config,
    clock,
    staffAnnouncements: deps.staffAnnouncements ?? [],
  });
  const unstored = { store, classify: planner.classify };

  async function handleLocked(msg: InboundMessage, text: string, options: HandleOptions): Promise<TriageOutcome> {
    if (await store.hasEvent(msg.platform, msg.eventId)) return DUPLICATE;
    const plan = await planner.plan(createMessageContext(msg, text, options.outboxFor), options);
    const outcome = plan.settle(await store.commit(plan.changes));
    if (outcome === 'retry') return handleLocked(msg, text, options);
    if (outcome.kind === 'ticket-opened') {
      const { ticket } = outcome;
      log.info(
        { ticket: ticket.key, priority: ticket.priority, tier: ticket.tier, category: ticket.category },
        'ticket opened',
      );
    }
    return outcome;
  }

  return {
    async handle(msg, options = {}) {
      const trimmed = msg.text.trim();
      const text = trimmed.length > MAX_TEXT_LENGTH ? `${trimmed.slice(0, MAX_TEXT_LENGTH)} [truncated]` : trimmed;
      if (msg.author.isBot)
        return settleUnstored(unstored, msg, text, { kind: 'ignored', reason: 'bot-author' }, options);
      if (!trimmed) return settleUnstored(unstored, msg, text, { kind: 'ignored', reason: 'empty' }, options);
      return queue.run(conversationKey(msg.conversation), async () => {
        const outcome = await handleLocked(msg, text, options);
        return outcome === DUPLICATE ? settleUnstored(unstored, msg, text, outcome, options) : outcome;
      });
    },
    async search(query, who, limit = 5) {
      const hits = kb.search(query, { tier: who.tier, platform: who.platform, language: 'en' }, limit);
      const at = clock.now();
      const requester = { tier: who.tier, customerId: who.customerId };
      await store.commit({ at, searches: [searchLog(query, who.platform, requester, hits, null, at)] });
      return hits;
    },
  };
}
