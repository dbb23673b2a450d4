import { describe, expect, it } from 'vitest';
import type { NewTicket } from '../../core/model/ticket.js';
import type { SupportStore } from '../../core/ports/support-store.js';

/** The same cases against every SupportStore implementation, so the in-memory fake cannot drift from SQLite. */
export function supportStoreContract(name: string, makeStore: () => Promise<SupportStore>): void {
  const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
  const conv = { platform: 'slack' as const, channelId: 'C1', threadId: '111.222' };
  const newTicket = (over: Partial<NewTicket> = {}): NewTicket => ({
    status: 'open',
    priority: 'high',
    category: 'bug',
    tier: 'enterprise',
    customerId: 'acme',
    requesterId: 'U1',
    requesterName: 'Ann',
    conversation: conv,
    subject: 'Webhooks fail',
    assigneeId: null,
    createdAt: T0,
    updatedAt: T0,
    firstResponseDueAt: T0 + 4 * 3600_000,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    escalated: false,
    ...over,
  });
  const event = (eventId: string) => ({
    platform: 'slack' as const,
    eventId,
    receivedAt: T0,
    conversationKey: 'slack:C1:111.222',
    authorId: 'U1',
    outcome: 'x',
  });

  describe(`SupportStore contract: ${name}`, () => {
    it('opens a ticket with a short key, its first message and audit row, in one change', async () => {
      const store = await makeStore();
      const r = await store.commit({
        event: event('Ev1'),
        openTicket: newTicket(),
        messages: [
          {
            platform: 'slack',
            eventId: 'Ev1',
            messageId: '111.222',
            authorId: 'U1',
            authorName: 'Ann',
            role: 'customer',
            text: 'help',
            at: T0,
          },
        ],
        audits: [{ actor: 'U1', action: 'ticket.opened', detail: { priority: 'high' }, at: T0 }],
      });
      expect(r.kind).toBe('committed');
      if (r.kind !== 'committed' || !r.ticket) throw new Error('no ticket');
      expect(r.ticket.key).toMatch(/^SUP-\d+$/);
      expect(r.ticket.conversation).toEqual(conv);
      expect(await store.getTicketByKey(r.ticket.key.toLowerCase())).toEqual(r.ticket);
      expect(await store.findTicketForConversation(conv)).toEqual(r.ticket);
      const msgs = await store.listMessages(r.ticket.id);
      expect(msgs.map((m) => [m.role, m.text, m.ticketId])).toEqual([['customer', 'help', r.ticket.id]]);
      const audit = await store.listAudit(r.ticket.id);
      expect(audit.map((a) => [a.action, a.detail])).toEqual([['ticket.opened', { priority: 'high' }]]);
      expect(await store.hasEvent('slack', 'Ev1')).toBe(true);
      expect(await store.hasEvent('discord', 'Ev1')).toBe(false);
    });

    it('opens no second ticket in a conversation that has one not closed: conflict, and nothing written', async () => {
      const store = await makeStore();
      const first = await store.commit({ event: event('Ev1'), openTicket: newTicket() });
      if (first.kind !== 'committed' || !first.ticket) throw new Error('no ticket');
      const again = await store.commit({
        event: event('Ev2'),
        openTicket: newTicket({ subject: 'again' }),
        outbox: [{ platform: 'slack', conversation: conv, message: { text: 'x' }, dedupeKey: 'k2' }],
      });
      expect(again).toEqual({ kind: 'conflict', ticket: first.ticket });
      expect(await store.hasEvent('slack', 'Ev2')).toBe(false);
      expect(await store.pendingOutboxCount()).toBe(0);
      await store.commit({ ticketId: first.ticket.id, patch: { status: 'closed', closedAt: T0 + 1 } });
      const next = await store.commit({ event: event('Ev2'), openTicket: newTicket({ subject: 'again' }) });
      expect(next.kind === 'committed' && next.ticket?.id).not.toBe(first.ticket.id);
    });

    it('writes nothing for a duplicate event id', async () => {
      const store = await makeStore();
      await store.commit({ event: event('Ev1'), openTicket: newTicket() });
      const again = await store.commit({
        event: event('Ev1'),
        openTicket: newTicket(),
        outbox: [{ platform: 'slack', conversation: conv, message: { text: 'x' }, dedupeKey: 'k' }],
      });
      expect(again).toEqual({ kind: 'duplicate' });
      expect(await store.listTickets({})).toHaveLength(1);
      expect(await store.pendingOutboxCount()).toBe(0);
    });

    it('patches with an optimistic status check and rolls the whole change back on conflict', async () => {
      const store = await makeStore();
      const opened = await store.commit({ openTicket: newTicket() });
      if (opened.kind !== 'committed' || !opened.ticket) throw new Error('no ticket');
      const id = opened.ticket.id;
      const ok = await store.commit({
        ticketId: id,
        expectStatus: 'open',
        patch: { status: 'resolved', resolvedAt: T0 + 1, escalated: true },
        audits: [{ actor: 'alice', action: 'ticket.resolved', detail: {}, at: T0 + 1 }],
      });
      expect(ok.kind === 'committed' && ok.ticket?.status).toBe('resolved');
      expect(ok.kind === 'committed' && ok.ticket?.escalated).toBe(true);
      const stale = await store.commit({
        event: event('Ev9'),
        ticketId: id,
        expectStatus: 'open',
        patch: { status: 'pending' },
        audits: [{ actor: 'bob', action: 'x', detail: {}, at: T0 }],
      });
      expect(stale.kind).toBe('conflict');
      expect(await store.hasEvent('slack', 'Ev9')).toBe(false);
      expect((await store.listAudit(id)).map((a) => a.action)).toEqual(['ticket.resolved']);
    });

    it('finds only non-closed tickets for a conversation, newest first', async () => {
      const store = await makeStore();
      await store.commit({ openTicket: newTicket({ status: 'closed' }) });
      expect(await store.findTicketForConversation(conv)).toBeNull();
      await store.commit({ openTicket: newTicket({ status: 'resolved' }) });
      expect((await store.findTicketForConversation(conv))?.status).toBe('resolved');
      expect(await store.findTicketForConversation({ ...conv, threadId: 'other' })).toBeNull();
    });

    it('lists tickets by customer, status and tier', async () => {
      const store = await makeStore();
      const at = (threadId: string) => ({ conversation: { ...conv, threadId } });
      await store.commit({ openTicket: newTicket({ customerId: 'acme', ...at('1') }) });
      await store.commit({ openTicket: newTicket({ customerId: 'globex', tier: 'professional', ...at('2') }) });
      await store.commit({ openTicket: newTicket({ customerId: 'acme', status: 'resolved', ...at('3') }) });
      expect((await store.listTickets({ customerId: 'acme' })).map((t) => t.status)).toEqual(['resolved', 'open']);
      expect(await store.listTickets({ customerId: 'acme', statuses: ['open', 'pending'] })).toHaveLength(1);
      expect((await store.listTickets({ tiers: ['professional'] }))[0]?.customerId).toBe('globex');
      expect(await store.listTickets({ limit: 2 })).toHaveLength(2);
    });

    it('keeps outbox items until sent, deduplicated, with retries', async () => {
      const store = await makeStore();
      const first = await store.commit({
        outbox: [
          { platform: 'slack', conversation: conv, message: { text: 'hello <!channel>' }, dedupeKey: 'reply:Ev1' },
        ],
      });
      const again = await store.commit({
        outbox: [{ platform: 'slack', conversation: conv, message: { text: 'hello' }, dedupeKey: 'reply:Ev1' }],
      });
      expect(first.kind === 'committed' && first.outboxIds).toHaveLength(1);
      expect(again.kind === 'committed' && again.outboxIds).toEqual([]);
      const [item] = await store.dueOutbox(Date.now() + 1000, 10);
      expect(item?.message.text).toBe('hello <!channel>');
      expect(item?.conversation).toEqual(conv);
      await store.markOutboxRetry(item!.id, Date.now() + 60_000, '429');
      expect(await store.dueOutbox(Date.now() + 1000, 10)).toEqual([]);
      const [retry] = await store.dueOutbox(Date.now() + 61_000, 10);
      expect(retry?.attempts).toBe(1);
      expect(retry?.lastError).toBe('429');
      await store.markOutboxSent(item!.id, Date.now(), { messageId: 'ts1' });
      expect(await store.pendingOutboxCount()).toBe(0);
    });

    it('records when sends of outbox items started, and keeps it through a retry', async () => {
      const store = await makeStore();
      const claim = { owner: 'a', leaseMs: 60_000 };
      await store.commit({
        at: T0,
        outbox: [
          { platform: 'slack', conversation: conv, message: { text: '1' }, dedupeKey: 'a1' },
          { platform: 'slack', conversation: { ...conv, threadId: 'other' }, message: { text: '2' }, dedupeKey: 'a2' },
        ],
      });
      const [one, two] = await store.dueOutbox(T0, 10);
      expect([one?.attemptedAt, two?.attemptedAt]).toEqual([null, null]);
      // A claim returns the items as they were, and marks them attempted.
      expect((await store.claimOutbox(T0 + 5, 1, claim)).map((o) => [o.message.text, o.attemptedAt])).toEqual([
        ['1', null],
      ]);
      await store.markOutboxRetry(one!.id, T0 + 10, 'timeout');
      expect((await store.dueOutbox(T0 + 10, 10)).map((o) => [o.message.text, o.attemptedAt])).toEqual([
        ['1', T0 + 5],
        ['2', null],
      ]);
      expect((await store.claimOutbox(T0 + 20, 10, claim)).map((o) => o.attemptedAt)).toEqual([T0 + 5, null]);
      expect((await store.dueOutbox(T0 + 20, 10)).map((o) => o.attemptedAt)).toEqual([T0 + 20, T0 + 20]);
      // A refused send (a rate limit) puts the mark back to its value before that send.
      await store.markOutboxRetry(two!.id, T0 + 40, 'ratelimited', { attemptedAt: null });
      await store.markOutboxRetry(one!.id, T0 + 40, 'ratelimited', { attemptedAt: T0 + 5 });
      expect((await store.dueOutbox(T0 + 40, 10)).map((o) => [o.message.text, o.attemptedAt, o.attempts])).toEqual([
        ['1', T0 + 5, 2],
        ['2', null, 1],
      ]);
    });

    it('claims the oldest unsent item of each conversation, leased to one owner until marked or expired', async () => {
      const store = await makeStore();
      const other = { ...conv, threadId: 'other' };
      const github = { platform: 'github' as const, channelId: 'acme/widgets', threadId: '7' };
      await store.commit({
        at: T0,
        outbox: [
          { platform: 'slack', conversation: conv, message: { text: '1' }, dedupeKey: 'c1' },
          { platform: 'slack', conversation: conv, message: { text: '2' }, dedupeKey: 'c2' },
          { platform: 'slack', conversation: other, message: { text: '3' }, dedupeKey: 'c3' },
          { platform: 'github', conversation: github, message: { text: '4' }, dedupeKey: 'c4' },
        ],
      });
      const a = { owner: 'a', leaseMs: 30_000, platform: 'slack' as const };
      const b = { owner: 'b', leaseMs: 30_000, platform: 'slack' as const };
      const texts = (items: { message: { text: string } }[]) => items.map((o) => o.message.text);
      expect(texts(await store.claimOutbox(T0, 10, a))).toEqual(['1', '3']);
      // Another owner gets nothing while the lease runs: not the claimed items, and not '2', which waits behind '1'.
      expect(texts(await store.claimOutbox(T0 + 1, 10, b))).toEqual([]);
      // The owner may claim its own items again (a renewed lease).
      expect(texts(await store.claimOutbox(T0 + 2, 10, a))).toEqual(['1', '3']);
      await store.markOutboxSent((await store.dueOutbox(T0 + 2, 1))[0]!.id, T0 + 3, { messageId: 'm1' });
      expect(texts(await store.claimOutbox(T0 + 4, 10, b))).toEqual(['2']);
      // '3' is still a's until its lease (renewed at T0 + 2) runs out; then anyone may take it over.
      expect(texts(await store.claimOutbox(T0 + 30_001, 10, b))).toEqual(['2']);
      expect(texts(await store.claimOutbox(T0 + 30_003, 10, b))).toEqual(['2', '3']);
      expect(texts(await store.claimOutbox(T0 + 30_003, 10, { owner: 'c', leaseMs: 1 }))).toEqual(['4']);
      // A retry ends the lease: the item is anyone's once it is due again.
      const [three] = (await store.dueOutbox(T0 + 30_003, 10)).filter((o) => o.message.text === '3');
      await store.markOutboxRetry(three!.id, T0 + 40_000, '500');
      expect(texts(await store.claimOutbox(T0 + 40_000, 10, a))).toEqual(['3']);
    });

    it('never gives one item to two claims made at once', async () => {
      const store = await makeStore();
      await store.commit({
        at: T0,
        outbox: Array.from({ length: 40 }, (_, i) => ({
          platform: 'slack' as const,
          conversation: { ...conv, threadId: `t${i % 20}` },
          message: { text: `${i}` },
          dedupeKey: `race${i}`,
        })),
      });
      const claims = await Promise.all(
        ['a', 'b', 'c', 'd'].map((owner) => store.claimOutbox(T0, 8, { owner, leaseMs: 60_000 })),
      );
      const ids = claims.flat().map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      const conversations = claims.flat().map((o) => o.conversation.threadId);
      expect(new Set(conversations).size).toBe(conversations.length);
    });

    it('holds back later messages of a conversation while an earlier one waits for its retry', async () => {
      const store = await makeStore();
      const other = { ...conv, threadId: 'other' };
      await store.commit({
        at: T0,
        outbox: [
          { platform: 'slack', conversation: conv, message: { text: '1' }, dedupeKey: 'o1' },
          { platform: 'slack', conversation: conv, message: { text: '2' }, dedupeKey: 'o2' },
          { platform: 'slack', conversation: other, message: { text: '3' }, dedupeKey: 'o3' },
        ],
      });
      const [first] = await store.dueOutbox(T0, 10);
      await store.markOutboxRetry(first!.id, T0 + 60_000, '500');
      expect((await store.dueOutbox(T0 + 1, 10)).map((o) => o.message.text)).toEqual(['3']);
      expect((await store.dueOutbox(T0 + 60_000, 10)).map((o) => o.message.text)).toEqual(['1', '2', '3']);
    });

    it('moves a ticket and its queued messages to where the message that started its conversation landed', async () => {
      const store = await makeStore();
      const pending = { platform: 'slack' as const, channelId: 'C1', threadId: 'new-thread:abc' };
      const opened = await store.commit({
        at: T0,
        openTicket: newTicket({ conversation: pending }),
        outboxFor: () => [
          { platform: 'slack', conversation: pending, message: { text: 'starter' }, dedupeKey: 'starter' },
          { platform: 'slack', conversation: pending, message: { text: 'notice' }, dedupeKey: 'notice' },
          {
            platform: 'slack',
            conversation: { platform: 'slack', channelId: 'C_STAFF' },
            message: { text: 'announcement' },
            dedupeKey: 'announce',
          },
        ],
      });
      const ticket = opened.kind === 'committed' ? opened.ticket! : null;
      const [starter] = await store.dueOutbox(T0, 10);
      const landed = { platform: 'slack' as const, channelId: 'C1', threadId: '1700000000.000100' };
      await store.markOutboxSent(starter!.id, T0 + 1, { messageId: '1700000000.000100', conversation: landed });
      expect(await store.findTicketForConversation(pending)).toBeNull();
      expect(await store.findTicketForConversation(landed)).toMatchObject({ id: ticket!.id, conversation: landed });
      expect((await store.dueOutbox(T0 + 1, 10)).map((o) => [o.message.text, o.conversation])).toEqual([
        ['notice', landed],
        ['announcement', { platform: 'slack', channelId: 'C_STAFF' }],
      ]);
      expect((await store.listAudit(ticket!.id)).at(-1)).toMatchObject({
        actor: 'outbox',
        action: 'ticket.conversation-moved',
        detail: { from: 'slack:C1:new-thread:abc', to: 'slack:C1:1700000000.000100' },
      });
    });

    it('moves nothing when a message lands elsewhere with no ticket behind it (a direct message channel)', async () => {
      const store = await makeStore();
      const person = { platform: 'slack' as const, channelId: 'dm:U1' };
      await store.commit({
        at: T0,
        openTicket: newTicket(),
        outbox: [
          { platform: 'slack', conversation: person, message: { text: 'page 1' }, dedupeKey: 'p1' },
          { platform: 'slack', conversation: person, message: { text: 'page 2' }, dedupeKey: 'p2' },
        ],
      });
      const [first] = await store.dueOutbox(T0, 10);
      await store.markOutboxSent(first!.id, T0 + 1, {
        messageId: '1.1',
        conversation: { platform: 'slack', channelId: 'DU1' },
      });
      expect((await store.dueOutbox(T0 + 1, 10)).map((o) => o.conversation)).toEqual([person]);
      expect(await store.findTicketForConversation(conv)).toMatchObject({ conversation: conv });
    });

    it('reads and counts one platform’s items on their own (a dispatcher lane per platform)', async () => {
      const store = await makeStore();
      const issue = { platform: 'github' as const, channelId: 'acme/widgets', threadId: '7' };
      await store.commit({
        at: T0,
        outbox: [
          { platform: 'slack', conversation: conv, message: { text: 's1' }, dedupeKey: 'p1' },
          { platform: 'github', conversation: issue, message: { text: 'g1' }, dedupeKey: 'p2' },
          { platform: 'slack', conversation: { ...conv, threadId: 'other' }, message: { text: 's2' }, dedupeKey: 'p3' },
          { platform: 'github', conversation: issue, message: { text: 'g2' }, dedupeKey: 'p4' },
        ],
      });
      expect((await store.dueOutbox(T0, 10, { platform: 'github' })).map((o) => o.message.text)).toEqual(['g1', 'g2']);
      expect((await store.dueOutbox(T0, 1, { platform: 'slack' })).map((o) => o.message.text)).toEqual(['s1']);
      expect(await store.dueOutbox(T0, 10, { platform: 'discord' })).toEqual([]);
      expect((await store.dueOutbox(T0, 10, {})).map((o) => o.message.text)).toEqual(['s1', 'g1', 's2', 'g2']);
      const [g1] = await store.dueOutbox(T0, 1, { platform: 'github' });
      await store.markOutboxRetry(g1!.id, T0 + 60_000, '500');
      // g2 waits behind g1 in its conversation; the other platform's lane is not affected.
      expect(await store.dueOutbox(T0 + 1, 10, { platform: 'github' })).toEqual([]);
      expect((await store.dueOutbox(T0 + 1, 10, { platform: 'slack' })).map((o) => o.message.text)).toEqual([
        's1',
        's2',
      ]);
      expect(await store.pendingOutboxCount()).toBe(4);
      expect([
        await store.pendingOutboxCount({ platform: 'slack' }),
        await store.pendingOutboxCount({ platform: 'github' }),
      ]).toEqual([2, 2]);
      expect(await store.pendingOutboxCount({ platform: 'discord' })).toBe(0);
    });

    it('counts an item as pending while it is being sent, until it is marked sent or dead', async () => {
      const store = await makeStore();
      await store.commit({
        at: T0,
        outbox: [
          { platform: 'slack', conversation: conv, message: { text: '1' }, dedupeKey: 'f1' },
          { platform: 'slack', conversation: { ...conv, threadId: 'other' }, message: { text: '2' }, dedupeKey: 'f2' },
        ],
      });
      const [one, two] = await store.claimOutbox(T0 + 1, 10, { owner: 'a', leaseMs: 60_000 }); // both being sent
      expect(await store.pendingOutboxCount()).toBe(2);
      expect(await store.pendingOutboxCount({ platform: 'slack' })).toBe(2);
      await store.markOutboxRetry(one!.id, T0 + 1_000, 'no answer within 30000 ms');
      expect(await store.pendingOutboxCount()).toBe(2); // waiting for its retry
      await store.markOutboxSent(two!.id, T0 + 2, { messageId: 'ts2' });
      expect(await store.pendingOutboxCount()).toBe(1);
      await store.markOutboxDead(one!.id, T0 + 3, 'channel_not_found');
      expect(await store.pendingOutboxCount()).toBe(0);
    });

    it('records votes once per voter and suggestion, and aggregates article stats with views', async () => {
      const store = await makeStore();
      const vote = {
        articleId: 'a1',
        voterId: 'U1',
        helpful: true,
        platform: 'discord' as const,
        ticketId: null,
        context: 'm1',
        at: T0,
      };
      expect(await store.recordVote(vote)).toEqual({ kind: 'recorded' });
      expect(await store.recordVote(vote)).toEqual({ kind: 'unchanged' });
      expect(await store.recordVote({ ...vote, helpful: false })).toEqual({ kind: 'changed' });
      await store.recordVote({ ...vote, voterId: 'U2' });
      await store.recordSearch({
        query: 'q',
        platform: 'discord',
        tier: 'community',
        customerId: null,
        resultCount: 1,
        topArticleId: 'a1',
        topScore: 3,
        intent: null,
        at: T0,
      });
      await store.recordSearch({
        query: 'none',
        platform: 'discord',
        tier: 'community',
        customerId: null,
        resultCount: 0,
        topArticleId: null,
        topScore: null,
        intent: null,
        at: T0,
      });
      expect((await store.articleStats()).get('a1')).toEqual({ helpful: 1, notHelpful: 1, views: 1 });
    });

    it('counts one vote per person and article in the stats (the latest), however many answers they voted on', async () => {
      const store = await makeStore();
      const vote = {
        articleId: 'a1',
        voterId: 'U1',
        helpful: true,
        platform: 'slack' as const,
        ticketId: null,
        context: 'm1',
        at: T0,
      };
      for (let i = 1; i <= 5; i++)
        expect(await store.recordVote({ ...vote, context: `m${i}`, at: T0 + i })).toEqual({ kind: 'recorded' });
      expect((await store.articleStats()).get('a1')).toMatchObject({ helpful: 1, notHelpful: 0 });
      await store.recordVote({ ...vote, context: 'm6', helpful: false, at: T0 + 6 });
      await store.recordVote({ ...vote, voterId: 'U2', context: 'm7', at: T0 + 7 });
      expect((await store.articleStats()).get('a1')).toMatchObject({ helpful: 1, notHelpful: 1 });
    });

    it('keeps one rating per ticket and kind', async () => {
      const store = await makeStore();
      const opened = await store.commit({ openTicket: newTicket() });
      const id = opened.kind === 'committed' ? opened.ticket!.id : 0;
      await store.recordRating({ ticketId: id, kind: 'csat', score: 3, raterId: 'U1', at: T0 });
      await store.recordRating({ ticketId: id, kind: 'csat', score: 5, raterId: 'U1', at: T0 + 1 });
      await store.recordRating({ ticketId: id, kind: 'nps', score: 9, raterId: 'U1', at: T0 + 2 });
      expect((await store.listRatings(id)).map((r) => [r.kind, r.score])).toEqual([
        ['csat', 5],
        ['nps', 9],
      ]);
    });
  });
}
