import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../../core/config/support-config.js';
import { createDirectory } from '../../core/directory/create-directory.js';
import type { NewTicket } from '../../core/model/ticket.js';
import type { SlaStore, SlaTransactionSink } from '../../core/ports/sla-store.js';
import type { SupportStore } from '../../core/ports/support-store.js';
import type { TicketChangeHook } from '../../core/ports/ticket-change-hook.js';
import { createSlaTicketHook } from '../../core/sla/create-sla-ticket-hook.js';

export type SlaStores = { support: SupportStore; sla: SlaStore & { sink: SlaTransactionSink } };

/** The same cases against every SlaStore implementation (with its support store and commit hook). */
export function slaStoreContract(
  name: string,
  make: (hook: (sink: SlaTransactionSink) => TicketChangeHook) => Promise<SlaStores>,
): void {
  const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
  const H = 3600_000;
  const parsed = parseSupportConfig({
    customers: [{ id: 'acme', name: 'Acme', tier: 'enterprise', timezone: 'UTC' }],
    staff: [{ id: 'eve', name: 'Eve', slack: 'U_EVE', roles: ['executive'] }],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const config = parsed.config;
  const hook = (sink: SlaTransactionSink) => createSlaTicketHook({ config, directory: createDirectory(config), sink });
  const conv = { platform: 'slack' as const, channelId: 'C1', threadId: '1.1' };
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
    firstResponseDueAt: T0 + 4 * H,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    escalated: false,
    ...over,
  });
  let thread = 0;
  /** A ticket in a conversation of its own (a conversation has one ticket that is not closed). */
  const open = async (s: SlaStores, over: Partial<NewTicket> = {}) => {
    const r = await s.support.commit({
      at: T0,
      openTicket: newTicket({ conversation: { ...conv, threadId: `1.${++thread}` }, ...over }),
    });
    if (r.kind !== 'committed' || !r.ticket) throw new Error('not opened');
    return r.ticket;
  };

  describe(`SlaStore contract: ${name}`, () => {
    it('writes the clocks a ticket change implies in the ticket commit, with audit rows', async () => {
      const s = await make(hook);
      const t = await open(s);
      expect(
        (await s.sla.timersOfTicket(t.id)).map((x) => [
          x.kind,
          x.state,
          x.dueAt,
          x.warnAt,
          x.nextCheckAt,
          x.cycle,
          x.version,
        ]),
      ).toEqual([
        ['first-response', 'active', T0 + 4 * H, T0 + 3 * H, T0 + 3 * H, 1, 1],
        ['resolution', 'active', T0 + 24 * H, T0 + 18 * H, T0 + 18 * H, 1, 1],
      ]);
      expect((await s.support.listAudit(t.id)).map((a) => a.action)).toEqual([
        'sla.first-response.start',
        'sla.resolution.start',
      ]);
      // A conflicting patch writes nothing: no ticket change, no clock change.
      const conflict = await s.support.commit({
        at: T0 + H,
        ticketId: t.id,
        expectStatus: 'pending',
        patch: { status: 'resolved', resolvedAt: T0 + H },
      });
      expect(conflict.kind).toBe('conflict');
      expect((await s.sla.timersOfTicket(t.id)).every((x) => x.state === 'active')).toBe(true);
      await s.support.commit({
        at: T0 + H,
        ticketId: t.id,
        expectStatus: 'open',
        patch: { status: 'resolved', resolvedAt: T0 + H },
      });
      expect((await s.sla.timersOfTicket(t.id)).map((x) => [x.state, x.stoppedAt, x.nextCheckAt, x.version])).toEqual([
        ['hit', T0 + H, null, 2],
        ['hit', T0 + H, null, 2],
      ]);
    });

    it('writes a critical incident its run and notices with the ticket', async () => {
      const s = await make(hook);
      const t = await open(s, { priority: 'critical', category: 'service-down' });
      expect(
        (await s.sla.runsOfTicket(t.id)).map((r) => [r.reason, r.state, r.nextAt, r.policy.steps[0]?.who]),
      ).toEqual([['critical-open:0', 'active', T0, 'oncall']]);
      expect((await s.support.dueOutbox(T0, 10)).map((o) => o.dedupeKey)).toEqual([
        `critical-notice:${t.key}:0`,
        `critical-exec:${t.key}:0:eve`,
      ]);
      expect((await s.sla.timersOfTicket(t.id)).find((x) => x.kind === 'critical-update')).toMatchObject({
        dueAt: T0 + 15 * 60_000,
        nextCheckAt: T0 + 15 * 60_000,
      });
    });

    it('returns due timers earliest first and applies a sweep step once, by version', async () => {
      const s = await make(hook);
      const a = await open(s);
      const b = await open(s, { firstResponseDueAt: T0 + 2 * H });
      expect((await s.sla.dueTimers(T0 + 3 * H - 1, 10)).map((x) => [x.ticketId, x.kind])).toEqual([
        [b.id, 'first-response'],
      ]);
      const due = await s.sla.dueTimers(T0 + 3 * H, 10);
      expect(due.map((x) => x.ticketId)).toEqual([b.id, a.id]);
      const timer = due[0]!;
      const step = {
        at: T0 + 3 * H,
        timer: {
          id: timer.id,
          expectVersion: timer.version,
          patch: { state: 'missed' as const, breachedAt: T0 + 3 * H, nextCheckAt: null },
        },
        startRun: {
          ticketId: b.id,
          reason: 'breach:first-response:1',
          policy: { name: 'p', steps: [{ who: 'oncall', ackWaitMinutes: 5, repeat: 0 }] },
          at: T0 + 3 * H,
        },
        outbox: [
          {
            platform: 'slack' as const,
            conversation: { platform: 'slack' as const, channelId: 'dm:U1' },
            message: { text: 'page' },
            dedupeKey: 'page:x',
          },
        ],
        audits: [{ ticketId: b.id, actor: 'sla', action: 'sla.first-response.missed', detail: {}, at: T0 + 3 * H }],
      };
      const [first] = await s.sla.applySweep([step]);
      expect(first).toMatchObject({ kind: 'applied', outboxIds: [expect.any(Number)], runId: expect.any(Number) });
      expect(await s.sla.applySweep([step])).toEqual([{ kind: 'stale' }]);
      expect((await s.sla.timersOfTicket(b.id))[0]).toMatchObject({
        state: 'missed',
        version: timer.version + 1,
        updatedAt: T0 + 3 * H,
      });
      expect((await s.support.dueOutbox(T0 + 3 * H, 10)).filter((o) => o.dedupeKey === 'page:x')).toHaveLength(1);
      expect((await s.support.listAudit(b.id)).filter((x) => x.action === 'sla.first-response.missed')).toHaveLength(1);
      const runs = await s.sla.dueRuns(T0 + 3 * H, 10);
      expect(runs.map((r) => [r.id, r.reason, r.step, r.repeat])).toEqual([
        [first!.kind === 'applied' ? first!.runId : -1, 'breach:first-response:1', 0, 0],
      ]);
    });

    it('applies each step of a batch on its own: a stale step does not undo the others', async () => {
      const s = await make(hook);
      const t = await open(s);
      const [fr, res] = await s.sla.timersOfTicket(t.id);
      const results = await s.sla.applySweep([
        {
          at: T0,
          timer: { id: fr!.id, expectVersion: 99, patch: { warnedAt: T0 } },
          outbox: [{ platform: 'slack', conversation: conv, message: { text: 'a' }, dedupeKey: 'a' }],
        },
        {
          at: T0,
          timer: { id: res!.id, expectVersion: res!.version, patch: { warnedAt: T0 } },
          outbox: [{ platform: 'slack', conversation: conv, message: { text: 'b' }, dedupeKey: 'b' }],
        },
      ]);
      expect(results.map((r) => r.kind)).toEqual(['stale', 'applied']);
      expect((await s.support.dueOutbox(T0, 10)).map((o) => o.dedupeKey)).toEqual(['b']);
    });

    it('acknowledges an active run once, and resolving a ticket cancels its runs', async () => {
      const s = await make(hook);
      const t = await open(s, { priority: 'critical', category: 'service-down' });
      const [run] = await s.sla.runsOfTicket(t.id);
      expect(await s.sla.acknowledgeRun(run!.id, 'bob', T0 + 60_000)).toMatchObject({
        kind: 'acknowledged',
        run: { state: 'acknowledged', ackedBy: 'bob', nextAt: null },
      });
      expect(await s.sla.acknowledgeRun(run!.id, 'eve', T0 + 120_000)).toMatchObject({
        kind: 'already',
        run: { ackedBy: 'bob' },
      });
      expect(await s.sla.acknowledgeRun(9999, 'eve', T0)).toEqual({ kind: 'not-found' });
      expect(await s.sla.dueRuns(T0 + H, 10)).toEqual([]);
      const t2 = await open(s, {
        priority: 'critical',
        category: 'service-down',
        conversation: { ...conv, threadId: '2' },
      });
      await s.support.commit({ at: T0 + H, ticketId: t2.id, patch: { status: 'resolved', resolvedAt: T0 + H } });
      expect((await s.sla.runsOfTicket(t2.id)).map((r) => [r.state, r.endedAt])).toEqual([['cancelled', T0 + H]]);
      expect((await s.sla.timersOfTicket(t2.id)).find((x) => x.kind === 'critical-update')?.state).toBe('stopped');
    });

    it('stores on-call overrides and lists those overlapping a window', async () => {
      const s = await make(hook);
      const o1 = await s.sla.addOverride({
        staffId: 'alice',
        startsAt: T0,
        endsAt: T0 + H,
        createdBy: 'maria',
        createdAt: T0 - 1,
        reason: 'swap',
      });
      await s.sla.addOverride({
        staffId: 'bob',
        startsAt: T0 + 2 * H,
        endsAt: T0 + 3 * H,
        createdBy: 'maria',
        createdAt: T0 - 1,
        reason: null,
      });
      expect(o1).toMatchObject({ id: expect.any(Number), staffId: 'alice', reason: 'swap', cancelledAt: null });
      expect((await s.sla.listOverrides(T0 + H - 1, T0 + 2 * H + 1)).map((o) => o.staffId)).toEqual(['alice', 'bob']);
      expect((await s.sla.listOverrides(T0 + H, T0 + 2 * H)).map((o) => o.staffId)).toEqual([]);
      expect(await s.sla.cancelOverride(o1.id, 'maria', T0)).toBe(true);
      expect(await s.sla.cancelOverride(o1.id, 'maria', T0)).toBe(false);
      expect((await s.sla.listOverrides(0, T0 + 10 * H)).map((o) => o.staffId)).toEqual(['bob']);
    });
  });
}
