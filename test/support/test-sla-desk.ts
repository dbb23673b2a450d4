import { parseSupportConfig } from '../../core/config/support-config.js';
import type { SupportConfigInput } from '../../core/config/support-config.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import { createTicketActions } from '../../core/engine/create-ticket-actions.js';
import { createTriageEngine } from '../../core/engine/create-triage-engine.js';
import { createTestMessages } from './test-desk.js';
import { createInMemoryKnowledgeBase } from '../fakes/in-memory-knowledge-base.js';
import { createInMemorySlaStore } from '../fakes/in-memory-sla-store.js';
import { createInMemorySupportStore } from '../fakes/in-memory-support-store.js';
import type { InMemorySupportStore } from '../fakes/in-memory-support-store.js';
import { createKeywordIntentModel } from '../fakes/keyword-intent-model.js';
import type { InboundMessage } from '../../core/model/inbound-message.js';
import type { Millis } from '../../core/model/types.js';
import { fixedClock } from '../../core/ports/clock.js';
import { createSlaService } from '../../core/sla/create-sla-service.js';
import { createSlaTicketHook } from '../../core/sla/create-sla-ticket-hook.js';

export const SLA_TEST_CONFIG: SupportConfigInput = {
  customers: [
    {
      id: 'acme',
      name: 'Acme Corp',
      tier: 'enterprise',
      timezone: 'America/New_York',
      slack: { channels: ['C_ACME'] },
    },
    {
      id: 'globex',
      name: 'Globex',
      tier: 'professional',
      timezone: 'Europe/Berlin',
      slack: { channels: ['C_GLOBEX'] },
    },
    {
      id: 'initech',
      name: 'Initech',
      tier: 'white-glove',
      timezone: 'Asia/Tokyo',
      slack: { channels: ['C_INITECH'] },
      successManager: 'carol',
    },
  ],
  staff: [
    { id: 'alice', name: 'Alice', slack: 'U_ALICE', roles: ['agent'] },
    { id: 'bob', name: 'Bob', slack: 'U_BOB', discord: 'D_BOB', roles: ['agent'] },
    { id: 'dora', name: 'Dora', discord: 'D_DORA', roles: ['agent'] },
    { id: 'maria', name: 'Maria', slack: 'U_MARIA', roles: ['support-manager'] },
    { id: 'carol', name: 'Carol', slack: 'U_CAROL', roles: ['customer-success-manager'] },
    { id: 'tom', name: 'Tom', roles: ['technical-account-manager'] },
    { id: 'eve', name: 'Eve', slack: 'U_EVE', roles: ['executive'] },
  ],
  oncall: {
    shifts: [
      { name: 'americas', start: '00:00', end: '08:00', members: ['alice'] },
      { name: 'emea', start: '08:00', end: '16:00', members: ['bob'] },
      { name: 'apac', start: '16:00', end: '24:00', members: ['dora'] },
    ],
  },
  slack: { staffChannel: 'C_STAFF' },
};

/** Engine, actions, SLA hook, store fakes and the SLA service on one fake clock, for unit tests. */
export function createSlaTestDesk(
  overrides: Partial<SupportConfigInput> = {},
  start: Millis = Date.UTC(2026, 10, 23, 14, 0, 0),
) {
  const parsed = parseSupportConfig({ ...SLA_TEST_CONFIG, ...overrides });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const config = parsed.config;
  const clock = fixedClock(start);
  const directory = createDirectory(config);
  let store: InMemorySupportStore | null = null;
  const sla = createInMemorySlaStore(() => store as InMemorySupportStore);
  store = createInMemorySupportStore({ onTicketChange: createSlaTicketHook({ config, directory, sink: sla.sink }) });
  const tickets = store;
  const model = createKeywordIntentModel([
    [/\b(down|outage)\b/i, 'service-down', 0.95],
    [/\b(crash|error|bug)\b/i, 'bug', 0.9],
    [/\b(invoice|billing)\b/i, 'account-billing', 0.9],
  ]);
  const engine = createTriageEngine({
    store: tickets,
    kb: createInMemoryKnowledgeBase([]),
    model,
    config,
    directory,
    clock,
  });
  const actions = createTicketActions({ store: tickets, directory, clock });
  const service = createSlaService({ tickets, sla, config, directory, clock });
  const message = createTestMessages(clock);
  const say = (over: Partial<InboundMessage> & { text: string }) => engine.handle(message(over));
  const outbox = async () =>
    (await tickets.dueOutbox(Number.MAX_SAFE_INTEGER, 10_000)).map((o) => ({
      to: o.conversation.channelId,
      text: o.message.text,
      key: o.dedupeKey,
      actions: o.message.actions ?? [],
    }));
  return { config, clock, directory, store: tickets, sla, engine, actions, service, say, outbox };
}
