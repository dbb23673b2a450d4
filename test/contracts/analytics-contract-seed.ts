import type { RatingKind, Ticket } from '../../core/model/ticket.js';
import type { Category, Platform, Priority, Tier, TicketStatus } from '../../core/model/types.js';
import type { SupportStore } from '../../core/ports/support-store.js';
import type { DeskModel } from './analytics-reference-facts.js';

export const H = 3_600_000;
export const D = 24 * H;
export const NOW = Date.UTC(2025, 5, 30, 12);
export const MIDNIGHT = Date.UTC(2025, 5, 30);

/** A ticket as the analytics tests describe it: the fields the metrics read, and its staff replies. */
export interface SeedTicket {
  tier: Tier;
  platform: Platform;
  category: Category;
  priority: Priority;
  agent: string | null;
  customer: string | null;
  status: TicketStatus;
  created: number;
  due: number | null;
  responded: number | null;
  resolved: number | null;
  reopen?: number;
  escalated?: boolean;
  staffReplies: number;
  subject?: string;
  /** The customer's first message (default "Thanks, that fixed it!"). */
  text?: string;
}

let conversations = 0;

/**
 * Open the ticket through the SupportStore port, with its customer message and staff replies, in one commit. Each
 * ticket gets a conversation of its own (a conversation has at most one ticket that is not closed).
 */
export async function openSeedTicket(support: SupportStore, s: SeedTicket): Promise<Ticket> {
  const thread = `t${++conversations}`;
  const staff = Array.from({ length: s.staffReplies }, (_, r) => ({
    platform: s.platform,
    eventId: null,
    messageId: null,
    authorId: s.agent ?? 'x',
    authorName: null,
    role: 'staff' as const,
    text: 'on it',
    at: (s.responded ?? s.created) + r,
  }));
  const result = await support.commit({
    openTicket: {
      status: s.status,
      priority: s.priority,
      category: s.category,
      tier: s.tier,
      customerId: s.customer,
      requesterId: 'u1',
      requesterName: null,
      conversation: { platform: s.platform, channelId: 'C1', threadId: thread },
      subject: s.subject ?? 's',
      assigneeId: s.agent,
      createdAt: s.created,
      updatedAt: s.created,
      firstResponseDueAt: s.due,
      firstResponseAt: s.responded,
      resolvedAt: s.resolved,
      closedAt: s.status === 'closed' ? (s.resolved ?? s.created) : null,
      reopenCount: s.reopen ?? 0,
      escalated: s.escalated ?? false,
    },
    messages: [
      {
        platform: s.platform,
        eventId: null,
        messageId: null,
        authorId: 'u1',
        authorName: null,
        role: 'customer',
        text: s.text ?? 'Thanks, that fixed it!',
        at: s.created,
      },
      ...staff,
    ],
  });
  if (result.kind !== 'committed' || !result.ticket) throw new Error(`seed ticket not opened: ${result.kind}`);
  return result.ticket;
}

const ticket = (over: Partial<SeedTicket>): SeedTicket => ({
  tier: 'enterprise',
  platform: 'slack',
  category: 'bug',
  priority: 'high',
  agent: 'alice',
  customer: 'acme',
  status: 'resolved',
  created: NOW,
  due: null,
  responded: null,
  resolved: null,
  staffReplies: 0,
  ...over,
});

/** Hand-made tickets; the expected figures of the contract are worked out from this table (#1 to #7 in comments). */
export const HAND_CHECKED: readonly SeedTicket[] = [
  ticket({
    created: NOW - 10 * D,
    due: NOW - 10 * D + 4 * H,
    responded: NOW - 10 * D + H,
    resolved: NOW - 10 * D + 5 * H,
    staffReplies: 1,
  }),
  ticket({
    priority: 'critical',
    status: 'closed',
    created: NOW - 9 * D,
    due: NOW - 9 * D + 2 * H,
    responded: NOW - 9 * D + 3 * H,
    resolved: NOW - 9 * D + 10 * H,
    escalated: true,
    staffReplies: 2,
    text: 'This is not acceptable, the service is down!',
  }),
  ticket({
    tier: 'professional',
    platform: 'github',
    category: 'setup-help',
    priority: 'medium',
    agent: 'bob',
    customer: 'globex',
    status: 'pending',
    created: NOW - 5 * D,
    due: NOW - 4 * D,
    responded: NOW - 5 * D + 2 * H,
    staffReplies: 1,
  }),
  ticket({
    tier: 'professional',
    platform: 'discord',
    category: 'setup-help',
    priority: 'low',
    agent: null,
    customer: 'globex',
    status: 'open',
    created: NOW - D,
    due: NOW - D + 2 * H,
  }),
  ticket({
    tier: 'community',
    platform: 'discord',
    category: 'general-question',
    priority: 'low',
    agent: null,
    customer: null,
    status: 'open',
    created: NOW - H,
    due: NOW + 3 * D,
  }),
  ticket({
    category: 'performance-issue',
    created: NOW - 3 * D,
    due: NOW - 3 * D + 4 * H,
    responded: NOW - 3 * D + 0.5 * H,
    resolved: NOW - 3 * D + 2 * H,
    reopen: 1,
    staffReplies: 1,
  }),
  ticket({
    status: 'closed',
    created: NOW - 40 * D,
    due: NOW - 40 * D + 4 * H,
    responded: NOW - 40 * D + 9 * H,
    resolved: NOW - 40 * D + 20 * H,
    staffReplies: 1,
  }),
].map((s, i) => ({ ...s, subject: i < 3 ? 'webhook timeout on deploy' : 'login broken' }));

/** The hand-checked desk: its tickets, ratings, knowledge-base searches and votes, all through the SupportStore port. */
export async function seedHandChecked(support: SupportStore): Promise<{ tickets: Ticket[]; model: DeskModel }> {
  const tickets: Ticket[] = [];
  const model: DeskModel = { tickets: new Map(), ratings: new Map() };
  for (const s of HAND_CHECKED) {
    const t = await openSeedTicket(support, s);
    tickets.push(t);
    model.tickets.set(t.id, s);
  }
  const rate = async (n: number, kind: RatingKind, score: number, at: number) => {
    const ticketId = (tickets[n - 1] as Ticket).id;
    await support.recordRating({ ticketId, kind, score, raterId: 'u1', at });
    model.ratings.set(`${ticketId}:${kind}`, { ticketId, kind, score, at });
  };
  await rate(1, 'csat', 5, NOW - 9 * D);
  await rate(2, 'csat', 2, NOW - 8 * D);
  await rate(2, 'nps', 3, NOW - 8 * D);
  await rate(6, 'nps', 10, NOW - 2 * D);
  await rate(7, 'csat', 1, NOW - 39 * D); // outside the 30-day window
  const search = (query: string, resultCount: number, topArticleId: string | null, at: number) =>
    support.recordSearch({
      query,
      platform: 'slack',
      tier: 'enterprise',
      customerId: null,
      resultCount,
      topArticleId,
      topScore: null,
      intent: null,
      at,
    });
  await search('How do I configure Okta SSO', 0, null, NOW - 2 * D);
  await search('how do i configure okta sso', 0, null, NOW - D);
  await search('okta sso configuration', 0, null, NOW - D);
  await search('rotate slack token', 3, 'slack-tokens', NOW - D);
  for (let v = 0; v < 5; v++)
    await support.recordVote({
      articleId: 'slack-tokens',
      voterId: `v${v}`,
      helpful: v === 0,
      platform: 'slack',
      ticketId: null,
      context: 'm',
      at: NOW - D,
    });
  return { tickets, model };
}
