import { conversationKey } from '../../core/model/inbound-message.js';
import type { OutboxItem } from '../../core/model/outbound-message.js';
import type { AuditEntry, Rating, Ticket, TicketMessage } from '../../core/model/ticket.js';
import type { NewSearchLog, NewVote } from '../../core/ports/feedback-store.js';
import type { OutboxFilter } from '../../core/ports/outbox-store.js';
import type { ArticleStats } from '../../core/ports/knowledge-base.js';
import type { SupportStore } from '../../core/ports/support-store.js';
import type { ChangeSet, CommitResult } from '../../core/ports/ticket-store.js';
import type { TicketChangeHook } from '../../core/ports/ticket-change-hook.js';
import { createCommitSignal } from '../../data/commit-signal.js';
import type { CommitSignal } from '../../data/commit-signal.js';

const clone = <T>(v: T): T => structuredClone(v);
const ofPlatform = (item: OutboxItem, filter: OutboxFilter | undefined) =>
  filter?.platform === undefined || item.platform === filter.platform;

export type InMemorySupportStore = SupportStore & {
  searches: NewSearchLog[];
  /** The "database's" signal: the in-memory SLA store notes its clock writes here (see data/commit-signal.ts). */
  signal: CommitSignal;
};

/**
 * In-memory fake of the store ports; the shared contract test keeps it honest against SQLite. Like the SQLite
 * stores, it announces a commit that queued outbox rows, or whose hook wrote clocks, once the commit has happened.
 */
export function createInMemorySupportStore(
  options: { ticketPrefix?: string; onTicketChange?: TicketChangeHook } = {},
): InMemorySupportStore {
  const prefix = options.ticketPrefix ?? 'SUP';
  const signal = createCommitSignal();
  const events = new Set<string>();
  const tickets: Ticket[] = [];
  const messages: TicketMessage[] = [];
  const audits: AuditEntry[] = [];
  const searches: NewSearchLog[] = [];
  const votes = new Map<string, NewVote>();
  const ratings = new Map<string, Rating>();
  const outbox: (OutboxItem & {
    sentAt: number | null;
    deadAt: number | null;
    claimedBy: string | null;
    claimedUntil: number | null;
  })[] = [];
  const outboxKeys = new Set<string>();

  /** The change, and whether its hook wrote clocks (announced after it, as after a COMMIT). */
  function commit(c: ChangeSet): { result: CommitResult; timers: boolean } {
    const timerWrites = signal.timerWrites();
    const result = apply(c);
    return { result, timers: signal.timerWrites() !== timerWrites };
  }

  function apply(c: ChangeSet): CommitResult {
    const eventKey = c.event ? `${c.event.platform}:${c.event.eventId}` : null;
    if (eventKey && events.has(eventKey)) return { kind: 'duplicate' };
    let ticketId = c.ticketId ?? null;
    // Validate before writing anything, as the SQLite transaction would roll back.
    if (ticketId !== null && c.patch && !c.openTicket) {
      const current = tickets.find((t) => t.id === ticketId) ?? null;
      if (!current || (c.expectStatus && current.status !== c.expectStatus))
        return { kind: 'conflict', ticket: current ? clone(current) : null };
    }
    if (c.openTicket) {
      const key = conversationKey(c.openTicket.conversation);
      const live = tickets.filter((t) => t.status !== 'closed' && conversationKey(t.conversation) === key).at(-1);
      if (live) return { kind: 'conflict', ticket: clone(live) };
    }
    if (eventKey) events.add(eventKey);
    if (c.openTicket) {
      ticketId = tickets.length + 1;
      tickets.push({ ...clone(c.openTicket), id: ticketId, key: `${prefix}-${ticketId}` });
    }
    const ticket = ticketId === null ? undefined : tickets.find((t) => t.id === ticketId);
    const before = ticket && !c.openTicket && options.onTicketChange ? clone(ticket) : null;
    if (ticket && c.patch) {
      for (const [k, v] of Object.entries(c.patch))
        if (v !== undefined) (ticket as unknown as Record<string, unknown>)[k] = v;
    }
    for (const m of c.messages ?? [])
      messages.push({ ...clone(m), id: messages.length + 1, ticketId: m.ticketId ?? (ticketId as number) });
    for (const a of c.audits ?? [])
      audits.push({ ...clone(a), id: audits.length + 1, ticketId: a.ticketId === undefined ? ticketId : a.ticketId });
    searches.push(...(c.searches ?? []).map(clone));
    const outboxIds: number[] = [];
    const now = c.at ?? c.event?.receivedAt ?? Date.now();
    const hooked =
      options.onTicketChange && ticket && (c.openTicket || c.patch || c.messages?.length)
        ? options.onTicketChange({ before, after: clone(ticket), changes: c, at: now })
        : undefined;
    for (const a of hooked?.audits ?? [])
      audits.push({ ...clone(a), id: audits.length + 1, ticketId: a.ticketId === undefined ? ticketId : a.ticketId });
    const outbox_ = [
      ...(c.outbox ?? []),
      ...(c.outboxFor && ticket ? c.outboxFor(clone(ticket)) : []),
      ...(hooked?.outbox ?? []),
    ];
    for (const o of outbox_) {
      if (outboxKeys.has(o.dedupeKey)) continue;
      outboxKeys.add(o.dedupeKey);
      const id = outbox.length + 1;
      outbox.push({
        ...clone(o),
        id,
        attempts: 0,
        nextAttemptAt: o.nextAttemptAt ?? now,
        createdAt: now,
        lastError: null,
        attemptedAt: null,
        sentAt: null,
        deadAt: null,
        claimedBy: null,
        claimedUntil: null,
      });
      outboxIds.push(id);
    }
    return { kind: 'committed', ticket: ticket ? clone(ticket) : null, outboxIds };
  }

  /** The item, its lease ended (every outcome recorded for it ends the lease). */
  const item = (id: number) => {
    const found = outbox.find((o) => o.id === id);
    if (!found) throw new Error(`no outbox item ${id}`);
    found.claimedBy = null;
    found.claimedUntil = null;
    return found;
  };

  return {
    searches,
    signal,
    hasEvent: async (platform, eventId) => events.has(`${platform}:${eventId}`),
    commit: async (c) => {
      const { result, timers } = commit(c);
      if (result.kind === 'committed' && result.outboxIds.length) signal.outboxQueued();
      if (timers) signal.timersChanged();
      return result;
    },
    getTicket: async (id) => clone(tickets.find((t) => t.id === id) ?? null),
    getTicketByKey: async (key) => clone(tickets.find((t) => t.key === key.toUpperCase()) ?? null),
    findTicketForConversation: async (conv) => {
      const key = conversationKey(conv);
      const found = [...tickets]
        .reverse()
        .find((t) => conversationKey(t.conversation) === key && t.status !== 'closed');
      return clone(found ?? null);
    },
    listTickets: async (query) =>
      clone(
        [...tickets]
          .reverse()
          .filter(
            (t) =>
              (query.customerId === undefined || t.customerId === query.customerId) &&
              (query.requesterId === undefined || t.requesterId === query.requesterId) &&
              (query.platform === undefined || t.conversation.platform === query.platform) &&
              (!query.statuses?.length || query.statuses.includes(t.status)) &&
              (!query.tiers?.length || query.tiers.includes(t.tier)) &&
              (!query.priorities?.length || query.priorities.includes(t.priority)),
          )
          .slice(0, query.limit ?? 100),
      ),
    listMessages: async (ticketId) => clone(messages.filter((m) => m.ticketId === ticketId)),
    listAudit: async (ticketId) => clone(audits.filter((a) => a.ticketId === ticketId)),
    recordSearch: async (entry) => {
      searches.push(clone(entry));
    },
    recordVote: async (vote) => {
      const key = `${vote.articleId}\u0000${vote.voterId}\u0000${vote.context}`;
      const before = votes.get(key);
      if (before && before.helpful === vote.helpful) return { kind: 'unchanged' };
      votes.set(key, clone(vote));
      return before ? { kind: 'changed' } : { kind: 'recorded' };
    },
    articleStats: async () => {
      const stats = new Map<string, ArticleStats>();
      const get = (id: string) => stats.get(id) ?? stats.set(id, { helpful: 0, notHelpful: 0, views: 0 }).get(id)!;
      // One person counts once per article (their latest vote), as in the SQLite store.
      const latest = new Map<string, NewVote>();
      for (const v of votes.values()) {
        const key = `${v.articleId}\u0000${v.voterId}`;
        const seen = latest.get(key);
        if (!seen || v.at >= seen.at) latest.set(key, v);
      }
      for (const v of latest.values()) {
        if (v.helpful) get(v.articleId).helpful++;
        else get(v.articleId).notHelpful++;
      }
      for (const s of searches) if (s.topArticleId) get(s.topArticleId).views++;
      return stats;
    },
    recordRating: async (r) => {
      ratings.set(`${r.ticketId}:${r.kind}`, clone(r));
    },
    listRatings: async (ticketId) =>
      [...ratings.values()]
        .filter((r) => r.ticketId === ticketId)
        .sort((a, b) => a.kind.localeCompare(b.kind))
        .map(clone),
    dueOutbox: async (now, limit, filter) =>
      clone(
        outbox
          .filter((o) => o.sentAt === null && o.deadAt === null && o.nextAttemptAt <= now && ofPlatform(o, filter))
          .filter(
            (o) =>
              !outbox.some(
                (e) =>
                  e.id < o.id &&
                  e.sentAt === null &&
                  e.deadAt === null &&
                  e.nextAttemptAt > now &&
                  conversationKey(e.conversation) === conversationKey(o.conversation),
              ),
          )
          .slice(0, limit)
          .map(({ sentAt: _s, deadAt: _d, claimedBy: _b, claimedUntil: _u, ...rest }) => rest),
      ),
    claimOutbox: async (now, limit, claim) => {
      const unsent = outbox.filter((o) => o.sentAt === null && o.deadAt === null);
      const heads = unsent.filter(
        (o) => !unsent.some((e) => e.id < o.id && conversationKey(e.conversation) === conversationKey(o.conversation)),
      );
      const taken = heads
        .filter(
          (o) =>
            o.nextAttemptAt <= now &&
            ofPlatform(o, claim) &&
            (o.claimedUntil === null || o.claimedUntil <= now || o.claimedBy === claim.owner),
        )
        .slice(0, limit);
      const before = clone(taken.map(({ sentAt: _s, deadAt: _d, claimedBy: _b, claimedUntil: _u, ...rest }) => rest));
      for (const o of taken) {
        o.attemptedAt = now;
        o.claimedBy = claim.owner;
        o.claimedUntil = now + claim.leaseMs;
      }
      return before;
    },
    markOutboxSent: async (id, at, sent) => {
      const o = item(id);
      o.sentAt = at;
      o.attempts++;
      o.lastError = null;
      const from = conversationKey(o.conversation);
      const to = sent.conversation ? conversationKey(sent.conversation) : from;
      const moved = tickets.filter((t) => conversationKey(t.conversation) === from);
      if (!sent.conversation || to === from || !moved.length) return;
      for (const t of moved) {
        t.conversation = clone(sent.conversation);
        audits.push({
          id: audits.length + 1,
          ticketId: t.id,
          actor: 'outbox',
          action: 'ticket.conversation-moved',
          detail: { from, to, messageId: sent.messageId },
          at,
        });
      }
      for (const e of outbox)
        if (e.sentAt === null && e.deadAt === null && conversationKey(e.conversation) === from)
          e.conversation = clone(sent.conversation);
    },
    markOutboxRetry: async (id, next, error, notPosted) => {
      const o = item(id);
      o.nextAttemptAt = next;
      o.attempts++;
      o.lastError = error;
      if (notPosted) o.attemptedAt = notPosted.attemptedAt;
    },
    markOutboxDead: async (id, at, error) => {
      const o = item(id);
      o.deadAt = at;
      o.attempts++;
      o.lastError = error;
    },
    pendingOutboxCount: async (filter) =>
      outbox.filter((o) => o.sentAt === null && o.deadAt === null && ofPlatform(o, filter)).length,
    close: async () => {},
    onOutboxQueued: (listener) => signal.onOutboxQueued(listener),
  };
}
