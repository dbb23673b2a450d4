import { parseSupportConfig } from '../../core/config/support-config.js';
import type { SupportConfigInput } from '../../core/config/support-config.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import { createInMemoryKnowledgeBase } from '../fakes/in-memory-knowledge-base.js';
import { createInMemorySupportStore } from '../fakes/in-memory-support-store.js';
import { createKeywordIntentModel } from '../fakes/keyword-intent-model.js';
import type { InboundMessage } from '../../core/model/inbound-message.js';
import { fixedClock } from '../../core/ports/clock.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Article } from '../../core/ports/knowledge-base.js';
import { createTicketActions } from '../../core/engine/create-ticket-actions.js';
import { createTriageEngine } from '../../core/engine/create-triage-engine.js';

/**
 * Inbound messages for tests: Acme's customer Casey in a Slack thread, numbered event ids, the clock's time, and
 * whatever `over` changes.
 */
export function createTestMessages(clock: Clock): (over: Partial<InboundMessage> & { text: string }) => InboundMessage {
  let n = 0;
  return (over) => ({
    platform: 'slack',
    eventId: `Ev${++n}`,
    conversation: { platform: 'slack', channelId: 'C_ACME', threadId: '1.1' },
    author: { id: 'U_CUST', name: 'Casey' },
    customerId: 'acme',
    receivedAt: clock.now(),
    ...over,
  });
}

/** What a test may swap in the desk: the knowledge base's articles, the classifier's keyword rules. */
export interface TestDeskParts {
  articles?: readonly Article[];
  rules?: ReadonlyArray<[RegExp, string, number]>;
}

/** A complete desk on in-memory fakes, for unit tests of the engine and actions. */
export function createTestDesk(overrides: Partial<SupportConfigInput> = {}, parts: TestDeskParts = {}) {
  const parsed = parseSupportConfig({
    customers: [
      {
        id: 'acme',
        name: 'Acme Corp',
        tier: 'enterprise',
        timezone: 'America/New_York',
        slack: { channels: ['C_ACME'] },
        discord: { userIds: ['D_ACME'] },
      },
      {
        id: 'globex',
        name: 'Globex',
        tier: 'professional',
        timezone: 'Europe/Berlin',
        slack: { channels: ['C_GLOBEX'] },
      },
      { id: 'initech', name: 'Initech', tier: 'white-glove', timezone: 'UTC' },
    ],
    staff: [{ id: 'alice', name: 'Alice', slack: 'U_ALICE', discord: 'D_ALICE', roles: ['agent'] }],
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const config = parsed.config;
  const clock = fixedClock(Date.UTC(2026, 10, 23, 14, 0, 0)); // Monday 14:00 UTC
  const store = createInMemorySupportStore();
  const articles: Article[] = [
    {
      id: 'reset-api-key',
      title: 'Rotate an API key',
      body: 'To rotate an API key open the dashboard settings and choose rotate key.',
      tags: ['api', 'key'],
      intents: ['setup-help'],
      tiers: [],
      platforms: [],
      language: 'en',
      updated: 0,
    },
    {
      id: 'enterprise-escalation',
      title: 'Escalation for enterprise',
      body: 'Enterprise escalation path rotate key contacts.',
      tags: [],
      intents: [],
      tiers: ['enterprise'],
      platforms: [],
      language: 'en',
      updated: 0,
    },
  ];
  const kb = createInMemoryKnowledgeBase(parts.articles ?? articles);
  const model = createKeywordIntentModel(
    parts.rules ?? [
      [/\b(down|outage)\b/i, 'service-down', 0.95],
      [/\bmaybe down\b/i, 'service-down', 0.6],
      [/\b(thanks|hello)\b/i, 'greeting-thanks', 0.97],
      [/\b(crash|error|bug)\b/i, 'bug', 0.9],
      [/\b(rotate|api key)\b/i, 'setup-help', 0.92],
      [/\binvoice\b/i, 'account-billing', 0.9],
    ],
  );
  const directory = createDirectory(config);
  // Counts the store's wake-ups for the outbox: commits that queued messages.
  let queued = 0;
  store.onOutboxQueued(() => queued++);
  const staffChannel = { platform: 'slack' as const, channelId: 'C_STAFF' };
  const engine = createTriageEngine({
    store,
    kb,
    model,
    config,
    directory,
    clock,
    staffAnnouncements: [staffChannel],
  });
  const actions = createTicketActions({ store, directory, clock });
  const message = createTestMessages(clock);
  return { config, clock, store, kb, model, engine, actions, message, staffChannel, queuedCount: () => queued };
}
