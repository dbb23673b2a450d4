import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../../core/config/support-config.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import type { NewOutboxItem } from '../../core/model/outbound-message.js';
import type { NewTicket } from '../../core/model/ticket.js';
import type { SlaTransactionSink } from '../../core/ports/sla-store.js';
import type { TicketChangeHook } from '../../core/ports/ticket-change-hook.js';
import { createSlaTicketHook } from '../../core/sla/create-sla-ticket-hook.js';
import type { SlaStores } from './sla-store-contract.js';

/**
 * The stores' wake-ups (OutboxStore.onOutboxQueued, SlaStore.onTimersChanged), the same cases against every
 * implementation: a write that queued outbox rows, or a ticket commit that wrote clocks, is announced once after it
 * committed; a write that queued or wrote nothing, or that did not commit, is not.
 */
export function commitSignalContract(
  name: string,
  make: (hook: (sink: SlaTransactionSink) => TicketChangeHook) => Promise<SlaStores>,
): void {
  const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
  const parsed = parseSupportConfig({ customers: [{ id: 'acme', name: 'Acme', tier: 'enterprise', timezone: 'UTC' }] });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const config = parsed.config;
  const hook = (sink: SlaTransactionSink) => createSlaTicketHook({ config, directory: createDirectory(config), sink });
  const conv = { platform: 'slack' as const, channelId: 'C1', threadId: '1.1' };
  const item = (dedupeKey: string): NewOutboxItem => ({
    platform: 'slack',
    conversation: conv,
    message: { text: dedupeKey },
    dedupeKey,
  });
  const newTicket = (over: Partial<NewTicket> = {}): NewTicket => ({
    status: 'open',
    priority: 'high',
    category: 'bug',
    tier: 'enterprise',
    customerId: 'acme',
    requesterId: 'U1',
    requesterName: 'Ann',
    conversation: conv,
    subject: 's',
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
    conversationKey: 'slack:C1:1.1',
    authorId: 'U1',
    outcome: 'x',
  });
  /** The stores, and how often each signal has fired so far. */
  const listen = async (makeHook = hook) => {
    const s = await make(makeHook);
    const fired = { outbox: 0, timers: 0 };
    const stop = [s.support.onOutboxQueued(() => fired.outbox++), s.sla.onTimersChanged(() => fired.timers++)];
    return {
      s,
      fired,
      stop: () => {
        for (const f of stop) f();
      },
    };
  };

  describe(`Commit signals contract: ${name}`, () => {
    it('announces a commit that queued outbox rows once, when the rows are there', async () => {
      const { s, fired } = await listen();
      const pendingWhenFired: Promise<number>[] = [];
      s.support.onOutboxQueued(() => pendingWhenFired.push(s.support.pendingOutboxCount()));
      const r = await s.support.commit({ at: T0, outbox: [item('a'), item('b')] });
      expect(r.kind === 'committed' && r.outboxIds).toHaveLength(2);
      expect(fired).toEqual({ outbox: 1, timers: 0 });
      expect(await Promise.all(pendingWhenFired)).toEqual([2]);
    });

    it('announces nothing for a commit without new outbox rows, a duplicate, a conflict or a failed commit', async () => {
      const { s, fired } = await listen();
      await s.support.commit({ at: T0, audits: [{ ticketId: null, actor: 'a', action: 'x', detail: {}, at: T0 }] });
      expect(fired.outbox).toBe(0);
      await s.support.commit({ at: T0, event: event('Ev1'), outbox: [item('a')] });
      expect(fired.outbox).toBe(1);
      // The same dedupe key again (nothing inserted), and the same event again (a duplicate): no wake-up.
      expect(await s.support.commit({ at: T0, outbox: [item('a')] })).toMatchObject({ outboxIds: [] });
      expect(await s.support.commit({ at: T0, event: event('Ev1'), outbox: [item('b')] })).toEqual({
        kind: 'duplicate',
      });
      const opened = await s.support.commit({ at: T0, openTicket: newTicket() });
      if (opened.kind !== 'committed' || !opened.ticket) throw new Error('not opened');
      const conflict = await s.support.commit({
        at: T0,
        ticketId: opened.ticket.id,
        expectStatus: 'pending',
        patch: { status: 'resolved' },
        outbox: [item('c')],
      });
      expect(conflict.kind).toBe('conflict');
      await expect(
        s.support.commit({
          at: T0,
          outbox: [item('d')],
          openTicket: newTicket({ conversation: { ...conv, threadId: '2' } }),
          outboxFor: () => {
            throw new Error('boom');
          },
        }),
      ).rejects.toThrow('boom');
      expect(fired.outbox).toBe(1);
    });

    it('stops calling a listener once it unsubscribed', async () => {
      const { s, fired, stop } = await listen();
      await s.support.commit({ at: T0, outbox: [item('a')] });
      stop();
      await s.support.commit({ at: T0, outbox: [item('b')] });
      await s.support.commit({ at: T0, openTicket: newTicket() });
      expect(fired).toEqual({ outbox: 1, timers: 0 });
    });

    it('announces a ticket commit that wrote clocks once, and not one that wrote none or failed', async () => {
      const { s, fired } = await listen();
      const opened = await s.support.commit({ at: T0, openTicket: newTicket() }); // first-response and resolution start
      if (opened.kind !== 'committed' || !opened.ticket) throw new Error('not opened');
      expect(fired).toEqual({ outbox: 0, timers: 1 });
      await s.support.commit({ at: T0, outbox: [item('a')] }); // no ticket, no clocks
      const conflict = await s.support.commit({
        at: T0 + 1,
        ticketId: opened.ticket.id,
        expectStatus: 'pending',
        patch: { status: 'resolved', resolvedAt: T0 + 1 },
      });
      expect(conflict.kind).toBe('conflict');
      expect(fired).toEqual({ outbox: 1, timers: 1 });

      const failing = await listen((sink) => {
        const real = hook(sink);
        return (change) => {
          real(change); // writes the clocks, then the commit fails
          throw new Error('boom');
        };
      });
      await expect(failing.s.support.commit({ at: T0, openTicket: newTicket() })).rejects.toThrow('boom');
      expect(failing.fired).toEqual({ outbox: 0, timers: 0 });
    });

    it('announces a sweep step that queued a page, and nothing for a stale one; sweeps do not wake the sweep', async () => {
      const { s, fired } = await listen();
      const opened = await s.support.commit({ at: T0, openTicket: newTicket() });
      if (opened.kind !== 'committed' || !opened.ticket) throw new Error('not opened');
      const [timer] = await s.sla.timersOfTicket(opened.ticket.id);
      const step = {
        at: T0,
        timer: { id: timer!.id, expectVersion: timer!.version, patch: { warnedAt: T0 } },
        outbox: [item('page')],
      };
      expect((await s.sla.applySweep([step])).map((r) => r.kind)).toEqual(['applied']);
      expect(fired).toEqual({ outbox: 1, timers: 1 });
      expect(await s.sla.applySweep([step])).toEqual([{ kind: 'stale' }]);
      expect(fired).toEqual({ outbox: 1, timers: 1 });
    });
  });
}
