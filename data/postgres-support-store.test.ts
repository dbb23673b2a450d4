import { afterAll, describe, expect, it } from 'vitest';
import type { NewTicket } from '../core/model/ticket.js';
import type { ClockOp } from '../core/ports/sla-store.js';
import type { TicketChange, TicketChangeHook } from '../core/ports/ticket-change-hook.js';
import type { CommitResult } from '../core/ports/ticket-store.js';
import { supportStoreContract } from '../test/contracts/support-store-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import type { PostgresDatabase } from './open-postgres.js';
import { openPostgres } from './open-postgres.js';
import type { PostgresClockWriter } from './postgres-clock-sink.js';
import { createDeferredClockSink } from './postgres-clock-sink.js';
import { createPostgresSupportStore } from './postgres-support-store.js';

const others: PostgresDatabase[] = [];
afterAll(async () => {
  for (const db of others.splice(0)) await db.close().catch(() => undefined);
  await closeTestPostgres();
});

supportStoreContract('PostgreSQL', async () => createPostgresSupportStore(await openTestPostgres()));

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const newTicket = (channelId: string, over: Partial<NewTicket> = {}): NewTicket => ({
  status: 'open',
  priority: 'high',
  category: 'bug',
  tier: 'enterprise',
  customerId: null,
  requesterId: 'U1',
  requesterName: null,
  conversation: { platform: 'discord', channelId },
  subject: 's',
  assigneeId: null,
  createdAt: T0,
  updatedAt: T0,
  firstResponseDueAt: null,
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  escalated: false,
  ...over,
});
const event = (eventId: string, channelId: string) => ({
  platform: 'discord' as const,
  eventId,
  receivedAt: T0,
  conversationKey: `discord:${channelId}`,
  authorId: 'U1',
  outcome: 'x',
});
const kinds = (results: CommitResult[]) => results.map((r) => r.kind).sort();

/** Two instances on one schema: each its own pool (as two desks would have), the second opened on the first's URL. */
async function twoInstances() {
  const one = await openTestPostgres();
  const two = await openPostgres(one.url, { migrate: false });
  others.push(two);
  await Promise.all([one.pool.query('SELECT 1'), two.pool.query('SELECT 1')]); // connected before the race
  return { one, two, a: createPostgresSupportStore(one), b: createPostgresSupportStore(two) };
}

describe('PostgreSQL specifics', () => {
  it('opens one ticket when two instances open one conversation at once; the other gets a conflict', async () => {
    const { one, a, b } = await twoInstances();
    for (let i = 0; i < 10; i++) {
      const channelId = `race${i}`;
      const results = await Promise.all([
        a.commit({ event: event(`a${i}`, channelId), openTicket: newTicket(channelId) }),
        b.commit({ event: event(`b${i}`, channelId), openTicket: newTicket(channelId) }),
      ]);
      expect(kinds(results)).toEqual(['committed', 'conflict']);
      const won = results.find((r) => r.kind === 'committed');
      const lost = results.find((r) => r.kind === 'conflict');
      expect(lost).toEqual({ kind: 'conflict', ticket: won?.kind === 'committed' ? won.ticket : null });
      // The loser's event is rolled back with it, so it may decide again.
      const loser = results[0]?.kind === 'conflict' ? `a${i}` : `b${i}`;
      expect(await a.hasEvent('discord', loser)).toBe(false);
    }
    const { rows } = await one.pool.query('SELECT conversation_key, COUNT(*) AS n FROM tickets GROUP BY 1');
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('records an event once when two instances receive it at once', async () => {
    const { a, b } = await twoInstances();
    const results = await Promise.all([
      a.commit({ event: event('same', 'C1'), openTicket: newTicket('C1') }),
      b.commit({ event: event('same', 'C1'), openTicket: newTicket('C1') }),
    ]);
    expect(kinds(results)).toEqual(['committed', 'duplicate']);
    expect(await a.listTickets({})).toHaveLength(1);
  });

  it('lets one of two concurrent patches expecting the same status win; the other sees the winner', async () => {
    const { a, b } = await twoInstances();
    const opened = await a.commit({ openTicket: newTicket('C1') });
    const id = opened.kind === 'committed' ? opened.ticket!.id : 0;
    for (let round = 0; round < 5; round++) {
      const [from, to1, to2] =
        round % 2 ? (['pending', 'open', 'resolved'] as const) : (['open', 'pending', 'resolved'] as const);
      const results = await Promise.all([
        a.commit({ ticketId: id, expectStatus: from, patch: { status: to1 } }),
        b.commit({ ticketId: id, expectStatus: from, patch: { status: to2 } }),
      ]);
      expect(kinds(results)).toEqual(['committed', 'conflict']);
      const won = results.find((r) => r.kind === 'committed');
      const lost = results.find((r) => r.kind === 'conflict');
      expect(lost?.kind === 'conflict' && lost.ticket).toEqual(won?.kind === 'committed' && won.ticket);
      // Put it back where the next round expects it.
      await a.commit({ ticketId: id, patch: { status: round % 2 ? 'open' : 'pending' } });
    }
  });

  it('never gives one item to two instances claiming at once, and sends each item once', async () => {
    const { a, b } = await twoInstances();
    await a.commit({
      at: T0,
      outbox: Array.from({ length: 60 }, (_, i) => ({
        platform: 'slack' as const,
        conversation: { platform: 'slack' as const, channelId: 'C1', threadId: `t${i % 30}` },
        message: { text: `${i}` },
        dedupeKey: `race${i}`,
      })),
    });
    const sent: number[] = [];
    for (let round = 0; round < 10 && sent.length < 60; round++) {
      const claims = await Promise.all(
        ['a', 'b', 'c', 'd'].map((owner, i) => (i % 2 ? b : a).claimOutbox(T0 + round, 8, { owner, leaseMs: 60_000 })),
      );
      const items = claims.flat();
      const ids = items.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      const conversations = items.map((o) => o.conversation.threadId);
      expect(new Set(conversations).size).toBe(conversations.length);
      for (const o of items) await (o.id % 2 ? a : b).markOutboxSent(o.id, T0 + round, { messageId: `m${o.id}` });
      sent.push(...ids);
    }
    expect(new Set(sent).size).toBe(60);
    expect(sent).toHaveLength(60);
    expect(await a.pendingOutboxCount()).toBe(0);
  });

  it('gives every ticket the key <prefix>-<id> and returns it as a re-read would', async () => {
    const store = createPostgresSupportStore(await openTestPostgres(), { ticketPrefix: 'ACME' });
    const first = await Promise.all([1, 2, 3, 4, 5].map((i) => store.commit({ openTicket: newTicket(`C${i}`) })));
    const ids = new Set<number>();
    for (const r of first) {
      if (r.kind !== 'committed' || !r.ticket) throw new Error('not committed');
      expect(r.ticket.key).toBe(`ACME-${r.ticket.id}`);
      expect(await store.getTicket(r.ticket.id)).toEqual(r.ticket);
      expect(await store.getTicketByKey(`acme-${r.ticket.id}`)).toEqual(r.ticket);
      ids.add(r.ticket.id);
    }
    expect(ids.size).toBe(5);
    const id = Math.max(...ids);
    const patched = await store.commit({
      ticketId: id,
      expectStatus: 'open',
      patch: { status: 'pending', escalated: true, assigneeId: 'S1', updatedAt: 9 },
    });
    expect(patched.kind === 'committed' && patched.ticket).toEqual(await store.getTicket(id));
    expect(patched.kind === 'committed' && patched.ticket?.escalated).toBe(true);
    expect(await store.commit({ ticketId: 999_999, patch: { status: 'closed' } })).toEqual({
      kind: 'conflict',
      ticket: null,
    });
  });

  it('runs the hook with the SLA clocks loaded and written on the commit, and announces both after it', async () => {
    const db = await openTestPostgres();
    const deferred = createDeferredClockSink();
    const loads: number[] = [];
    const clocks: PostgresClockWriter = {
      ...deferred,
      async load(client, ticketId) {
        loads.push(ticketId);
        const { rows } = await client.query('SELECT id FROM sla_timers WHERE ticket_id = $1 FOR UPDATE', [ticketId]);
        return rows.map((r) => ({ id: r.id }) as never);
      },
      async write(client, ticketId, ops) {
        for (const op of ops)
          if (op.op === 'start')
            await client.query(
              'INSERT INTO sla_timers (ticket_id, kind, state, started_at, due_at, updated_at) VALUES ($1, $2, $3, $4, $5, $4)',
              [ticketId, op.kind, 'active', op.startedAt, op.dueAt],
            );
      },
    };
    const changes: TicketChange[] = [];
    const hook: TicketChangeHook = (change) => {
      changes.push(change);
      const id = change.after.id;
      const seen = deferred.sink.timersOf(id);
      const start: ClockOp = {
        op: 'start',
        kind: 'first-response',
        startedAt: change.at,
        dueAt: change.at + 1000,
        warnAt: null,
        nextCheckAt: change.at + 1000,
      };
      if (!seen.length) deferred.sink.apply(id, [start]);
      return {
        audits: [{ actor: 'sla', action: 'sla.seen', detail: { timers: seen.length }, at: change.at }],
        outbox: [
          {
            platform: 'discord',
            conversation: change.after.conversation,
            message: { text: 'clock' },
            dedupeKey: `clock:${id}:${change.after.status}`,
          },
        ],
      };
    };
    const store = createPostgresSupportStore(db, { onTicketChange: hook, clocks });
    const fired = { outbox: 0, timers: 0 };
    store.onOutboxQueued(() => fired.outbox++);
    db.signal.onTimersChanged(() => fired.timers++);

    const opened = await store.commit({ at: T0, openTicket: newTicket('C1') });
    if (opened.kind !== 'committed' || !opened.ticket) throw new Error('no ticket');
    const id = opened.ticket.id;
    expect(opened.outboxIds).toHaveLength(1);
    expect(changes.map((c) => c.before)).toEqual([null]);
    expect(fired).toEqual({ outbox: 1, timers: 1 });

    // A patch: the hook sees the ticket before it and the loaded timers, writes no clocks.
    await store.commit({ at: T0 + 1, ticketId: id, patch: { status: 'pending' } });
    expect(changes[1]?.before).toEqual(opened.ticket);
    expect(changes[1]?.after.status).toBe('pending');
    expect(fired).toEqual({ outbox: 2, timers: 1 });
    expect((await store.listAudit(id)).map((a) => a.detail)).toEqual([{ timers: 0 }, { timers: 1 }]);

    // Not a ticket change (audit rows only): no hook.
    await store.commit({ ticketId: id, audits: [{ actor: 'x', action: 'x', detail: {}, at: T0 }] });
    // Loaded for the patch only: a ticket opened by the commit itself cannot have clocks yet.
    expect(loads).toEqual([id]);

    // A change that fails after its hook wrote clocks rolls the clocks back with it, and announces nothing.
    await db.pool.query('DELETE FROM sla_timers');
    await expect(
      store.commit({
        at: T0 + 2,
        ticketId: id,
        patch: { status: 'open' },
        outboxFor: () => {
          throw new Error('boom');
        },
      }),
    ).rejects.toThrow('boom');
    expect((await db.pool.query('SELECT COUNT(*) AS n FROM sla_timers')).rows[0].n).toBe(0);
    expect((await store.getTicket(id))?.status).toBe('pending');
    expect(fired).toEqual({ outbox: 2, timers: 1 });
  });

  it('calls the hook directly when no clock writer is given, and announces nothing for a conflict', async () => {
    const db = await openTestPostgres();
    const seen: (string | null)[] = [];
    const store = createPostgresSupportStore(db, {
      onTicketChange: (c) => void seen.push(c.before?.status ?? null),
    });
    let fired = 0;
    store.onOutboxQueued(() => fired++);
    const opened = await store.commit({ openTicket: newTicket('C1') });
    const id = opened.kind === 'committed' ? opened.ticket!.id : 0;
    await store.commit({
      ticketId: id,
      messages: [
        {
          platform: 'discord',
          eventId: null,
          messageId: null,
          authorId: 'U1',
          authorName: null,
          role: 'customer',
          text: 'hi',
          at: T0,
        },
      ],
    });
    const conflict = await store.commit({
      openTicket: newTicket('C1'),
      outbox: [
        {
          platform: 'discord',
          conversation: { platform: 'discord', channelId: 'C1' },
          message: { text: 'x' },
          dedupeKey: 'x',
        },
      ],
    });
    expect(conflict.kind).toBe('conflict');
    expect(seen).toEqual([null, 'open']);
    expect(fired).toBe(0);
  });
});
