import { parseSupportConfig } from '../../core/config/support-config.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import type { NewTicket } from '../../core/model/ticket.js';
import type { TrainingCorrection } from '../../core/ports/correction-store.js';
import { createSlaTicketHook } from '../../core/sla/create-sla-ticket-hook.js';
import type { SqliteDatabase } from '../../data/open-database.js';
import { openDatabase } from '../../data/open-database.js';
import { createSqliteAnalyticsStore } from '../../data/sqlite-analytics-store.js';
import { createSqliteCorrectionStore } from '../../data/sqlite-correction-store.js';
import { createSqliteDashboardSessionStore } from '../../data/sqlite-dashboard-session-store.js';
import { createSqliteEmailStore } from '../../data/sqlite-email-store.js';
import { createSqliteSlaStore } from '../../data/sqlite-sla-store.js';
import { createSqliteSupportStore } from '../../data/sqlite-support-store.js';

export const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const H = 3600_000;
const parsed = parseSupportConfig({
  customers: [{ id: 'acme', name: 'Acme', tier: 'enterprise', timezone: 'UTC' }],
  staff: [{ id: 'eve', name: 'Eve', slack: 'U_EVE', roles: ['executive'] }],
});
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const config = parsed.config;

export const SAMPLE_CORRECTION: TrainingCorrection = {
  platform: 'github',
  eventId: 'delivery-1',
  conversationKey: 'github:acme/widgets:7',
  kind: 'type',
  action: 'added',
  label: 'enhancement',
  category: 'feature-request',
  priority: null,
  predictedCategory: 'bug',
  text: 'Add dark mode',
  actorId: 'alice',
  at: T0,
};

const newTicket = (threadId: string, over: Partial<NewTicket> = {}): NewTicket => ({
  status: 'open',
  priority: 'high',
  category: 'bug',
  tier: 'enterprise',
  customerId: 'acme',
  requesterId: 'U1',
  requesterName: 'Ann',
  conversation: { platform: 'slack', channelId: 'C1', threadId },
  subject: `Problem in ${threadId}`,
  assigneeId: null,
  createdAt: T0,
  updatedAt: T0,
  firstResponseDueAt: T0 + 4 * H,
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  escalated: false,
  ...over,
});

/**
 * A SQLite desk at `path` with rows in every base table, written through the SQLite stores: three tickets in
 * conversations of their own (one critical, so an escalation run and critical notices), messages, audits, SLA timers
 * through the SLA hook, ratings, votes, searches, outbox rows, an on-call override, a mail thread whose three mails
 * share one millisecond, a cursor, an acknowledgement, an attachment, a dashboard session, a correction recorded twice
 * (so SQLite's AUTOINCREMENT counter is ahead of MAX(id)), usage figures and an outreach record.
 */
export async function fillSqliteDesk(path: string): Promise<SqliteDatabase> {
  const db = openDatabase(path);
  const sla = createSqliteSlaStore(db);
  const hook = createSlaTicketHook({ config, directory: createDirectory(config), sink: sla.sink });
  const support = createSqliteSupportStore(db, { onTicketChange: hook });
  const ids: number[] = [];
  for (const [i, over] of [
    {},
    { priority: 'critical', category: 'service-down' }, // an escalation run and critical notices in the outbox
    { customerId: null, tier: 'community', priority: 'low', firstResponseDueAt: null },
  ].entries() as IterableIterator<[number, Partial<NewTicket>]>) {
    const threadId = `1.${i + 1}`;
    const r = await support.commit({
      event: {
        platform: 'slack',
        eventId: `ev-${i}`,
        receivedAt: T0 + i,
        conversationKey: `slack:C1:${threadId}`,
        authorId: 'U1',
        outcome: 'ticket-opened',
      },
      openTicket: newTicket(threadId, over),
      messages: [
        {
          platform: 'slack',
          eventId: `ev-${i}`,
          messageId: `m-${i}`,
          authorId: 'U1',
          authorName: 'Ann',
          role: 'customer',
          text: `it's broken ${i} — "quoted" \u00e9`,
          at: T0 + i,
        },
      ],
      audits: [{ actor: 'bot', action: 'ticket.opened', detail: { via: 'test', n: i }, at: T0 + i }],
      searches: [
        {
          query: `broken ${i}`,
          platform: 'slack',
          tier: 'enterprise',
          customerId: 'acme',
          resultCount: 2,
          topArticleId: 'reset-password',
          topScore: 0.75,
          intent: 'bug',
          at: T0 + i,
        },
      ],
      outboxFor: (t) => [
        {
          platform: 'slack',
          conversation: { platform: 'slack', channelId: 'C1', threadId },
          message: { text: `Opened ${t.key}` },
          dedupeKey: `opened:${t.key}`,
        },
      ],
    });
    if (r.kind !== 'committed' || !r.ticket) throw new Error('not opened');
    ids.push(r.ticket.id);
  }
  const [first, second] = ids as [number, number, number];
  // A staff reply and an escalation flag: a patch, its timers moved by the hook.
  await support.commit({
    at: T0 + H,
    ticketId: first,
    patch: { status: 'pending', firstResponseAt: T0 + H, updatedAt: T0 + H, escalated: true, assigneeId: 'eve' },
    messages: [
      {
        platform: 'slack',
        eventId: null,
        messageId: 'staff-1',
        authorId: 'U_EVE',
        authorName: 'Eve',
        role: 'staff',
        text: 'Looking',
        at: T0 + H,
      },
    ],
  });
  await support.recordRating({ ticketId: first, kind: 'csat', score: 5, raterId: 'U1', at: T0 + 2 * H });
  await support.recordRating({ ticketId: second, kind: 'nps', score: 3, raterId: 'U1', at: T0 + 2 * H });
  const vote = { articleId: 'reset-password', voterId: 'U1', platform: 'slack' as const, context: 'm-0', at: T0 };
  await support.recordVote({ ...vote, helpful: true, ticketId: first });
  await support.recordVote({ ...vote, voterId: 'U2', helpful: false, ticketId: null });
  await support.recordSearch({
    query: 'nothing found',
    platform: 'discord',
    tier: 'community',
    customerId: null,
    resultCount: 0,
    topArticleId: null,
    topScore: null,
    intent: null,
    at: T0 + 5,
  });
  await sla.addOverride({
    staffId: 'eve',
    startsAt: T0,
    endsAt: T0 + 24 * H,
    createdBy: 'admin',
    createdAt: T0,
    reason: 'holiday cover',
  });

  const email = createSqliteEmailStore(db);
  await email.openThread({
    threadId: 'z-start@acme.test',
    mailbox: 'support@desk.test',
    customerAddress: 'jane@acme.test',
    customerName: null,
    subject: 'Login fails',
    createdAt: T0,
  });
  // Three mails of one millisecond, recorded in an order their ids do not sort in.
  for (const [messageId, direction] of [
    ['z-start@acme.test', 'in'],
    ['m-ack@desk.test', 'out'],
    ['a-reply@acme.test', 'in'],
  ] as const)
    await email.recordMessage({ messageId, threadId: 'z-start@acme.test', direction, at: T0 });
  await email.saveCursor({ mailbox: 'INBOX', uidValidity: 4_000_000_000, lastUid: 42 });
  await email.claimAcknowledgement('jane@acme.test', T0, 600_000, 'z-start@acme.test');
  await email.saveAttachments([
    {
      messageId: 'z-start@acme.test',
      position: 0,
      filename: 'shot.png',
      contentType: 'image/png',
      size: 6,
      content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]),
      at: T0,
    },
  ]);
  await createSqliteDashboardSessionStore(db).create({
    idHash: 'f'.repeat(64),
    method: 'token',
    staffId: null,
    credentialFingerprint: 'fp',
    createdAt: T0,
    expiresAt: T0 + 12 * H,
    ip: '192.0.2.7',
    userAgent: 'Mozilla/5.0',
  });
  const corrections = createSqliteCorrectionStore(db);
  await corrections.recordCorrection(SAMPLE_CORRECTION);
  await corrections.recordCorrection(SAMPLE_CORRECTION); // a duplicate: SQLite's AUTOINCREMENT counter moves past MAX(id)
  const analytics = createSqliteAnalyticsStore(db);
  await analytics.importUsage([
    { customerId: 'acme', date: '2026-11-01', activeUsers: 12, seats: 20, events: 9_007_199_254, renewalDate: null },
  ]);
  await analytics.recordOutreach(
    {
      customerId: 'acme',
      trigger: 'low-usage',
      periodKey: '2026-11',
      reasons: ['12 of 20 seats'],
      staffId: 'eve',
      at: T0,
    },
    null,
  );
  return db;
}
