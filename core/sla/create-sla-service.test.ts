import { describe, expect, it } from 'vitest';
import { createSlaService } from './create-sla-service.js';
import { createSlaTestDesk } from '../../test/support/test-sla-desk.js';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 10, 23, 14, 0, 0); // Monday 14:00 UTC

describe('SLA sweep on the fakes', () => {
  it('reminds the on-call person at 75% and escalates a breach along the enterprise chain, step by step', async () => {
    const d = createSlaTestDesk();
    const opened = await d.say({ text: 'we hit a bug in the importer' });
    expect(opened.kind).toBe('ticket-opened');
    const timers = await d.sla.timersOfTicket(1);
    expect(timers.map((t) => [t.kind, t.state, t.dueAt])).toEqual([
      ['first-response', 'active', T0 + 4 * H],
      ['resolution', 'active', T0 + 24 * H],
    ]);
    const before = (await d.outbox()).length;

    d.clock.set(T0 + 3 * H - 1);
    expect(await d.service.sweep()).toMatchObject({ warnings: 0, breaches: 0 });
    d.clock.set(T0 + 3 * H); // 17:00 UTC: apac shift, Dora (Discord only) is on call
    expect(await d.service.sweep()).toMatchObject({ warnings: 1 });
    const warn = (await d.outbox()).slice(before);
    expect(warn).toEqual([
      expect.objectContaining({
        to: 'dm:D_DORA',
        key: 'sla-warn:1:1',
        text: expect.stringMatching(/Reminder: the first response for SUP-1 .* is due in 1 h/),
      }),
    ]);

    d.clock.set(T0 + 4 * H);
    expect(await d.service.sweep()).toMatchObject({ breaches: 1, pages: 1 });
    const [run] = await d.sla.runsOfTicket(1);
    expect(run).toMatchObject({
      reason: 'breach:first-response:1',
      state: 'active',
      step: 0,
      repeat: 1,
      policy: { name: 'breach:enterprise' },
    });
    for (const at of [4.5, 5, 5.5, 6]) {
      d.clock.set(T0 + at * H);
      await d.service.sweep();
    }
    const pages = (await d.outbox()).filter((o) => o.key.startsWith('page:'));
    expect(pages.map((p) => [p.key, p.to])).toEqual([
      ['page:1:0:0:carol', 'dm:U_CAROL'],
      ['page:1:0:1:carol', 'dm:U_CAROL'],
      ['page:1:1:0:maria', 'dm:U_MARIA'],
      ['page:1:1:1:maria', 'dm:U_MARIA'],
    ]);
    expect(pages[0]?.actions).toContainEqual({
      id: 'escalation.ack',
      label: 'Acknowledge',
      value: String(run!.id),
      style: 'primary',
    });
    expect((await d.outbox()).filter((o) => o.key === `escalation-exhausted:${run!.id}`)).toHaveLength(1);
    expect((await d.sla.getRun(run!.id))?.state).toBe('exhausted');
    const audit = (await d.store.listAudit(1)).map((a) => a.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'sla.first-response.start',
        'sla.first-response.warned',
        'sla.first-response.missed',
        'escalation.paged',
        'escalation.exhausted',
      ]),
    );
  });

  it('does nothing on a repeated sweep or on a second, concurrent sweeper with the same rows', async () => {
    const d = createSlaTestDesk();
    await d.say({ text: 'we hit a bug' });
    d.clock.set(T0 + 4 * H);
    const other = createSlaService({
      tickets: d.store,
      sla: d.sla,
      config: d.config,
      directory: d.directory,
      clock: d.clock,
    });
    const [a, b] = await Promise.all([d.service.sweep(), other.sweep()]);
    expect(a.pages + b.pages).toBe(1);
    expect(await d.service.sweep()).toMatchObject({ pages: 0, breaches: 0, warnings: 0 });
    expect((await d.outbox()).filter((o) => o.key.startsWith('page:'))).toHaveLength(1);
    // A step computed from a version that has moved on is refused as stale.
    const [run] = await d.sla.runsOfTicket(1);
    const stale = await d.sla.applySweep([
      {
        at: d.clock.now(),
        run: { id: run!.id, expectVersion: run!.version - 1, patch: { step: 5 } },
        outbox: [
          {
            platform: 'slack',
            conversation: { platform: 'slack', channelId: 'dm:U_X' },
            message: { text: 'x' },
            dedupeKey: 'x',
          },
        ],
      },
    ]);
    expect(stale).toEqual([{ kind: 'stale' }]);
    expect((await d.outbox()).some((o) => o.key === 'x')).toBe(false);
  });

  it('stops a run when a staff member acknowledges it, and only staff may', async () => {
    const d = createSlaTestDesk();
    await d.say({ text: 'we hit a bug' });
    d.clock.set(T0 + 4 * H);
    await d.service.sweep();
    const [run] = await d.sla.runsOfTicket(1);
    expect(await d.service.acknowledge(String(run!.id), { platform: 'slack', userId: 'U_CUST' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(await d.service.acknowledge(String(run!.id), { platform: 'slack', userId: 'U_CAROL' })).toMatchObject({
      kind: 'acknowledged',
      run: { state: 'acknowledged', ackedBy: 'carol' },
    });
    expect(await d.service.acknowledge(String(run!.id), { platform: 'slack', userId: 'U_MARIA' })).toMatchObject({
      kind: 'already',
      run: { ackedBy: 'carol' },
    });
    expect(await d.service.acknowledge('nope', { platform: 'slack', userId: 'U_MARIA' })).toEqual({
      kind: 'not-found',
    });
    d.clock.set(T0 + 8 * H);
    expect(await d.service.sweep()).toMatchObject({ pages: 0, exhausted: 0 });
    expect((await d.outbox()).filter((o) => o.key.startsWith('page:'))).toHaveLength(1);
    expect(
      (await d.store.listAudit(1)).some((a) => a.action === 'escalation.acknowledged' && a.actor === 'carol'),
    ).toBe(true);
  });

  it('hits first response on the first staff reply, starts next response on a customer reply and pauses it while pending', async () => {
    const d = createSlaTestDesk();
    await d.say({ text: 'we hit a bug' });
    d.clock.set(T0 + 1 * H);
    await d.say({ text: 'looking into it', author: { id: 'U_ALICE', name: 'Alice' } });
    d.clock.set(T0 + 2 * H);
    await d.say({ text: 'here are the logs' });
    let timers = await d.sla.timersOfTicket(1);
    expect(timers.find((t) => t.kind === 'first-response')).toMatchObject({ state: 'hit', stoppedAt: T0 + H });
    expect(timers.find((t) => t.kind === 'next-response')).toMatchObject({ state: 'active', dueAt: T0 + 6 * H });
    d.clock.set(T0 + 3 * H);
    expect((await d.actions.act('pend', 'SUP-1', { platform: 'slack', userId: 'U_ALICE' })).kind).toBe('done');
    timers = await d.sla.timersOfTicket(1);
    expect(timers.find((t) => t.kind === 'next-response')).toMatchObject({
      state: 'paused',
      remainingMs: 3 * H,
      dueAt: null,
      nextCheckAt: null,
    });
    expect(timers.find((t) => t.kind === 'resolution')).toMatchObject({ state: 'paused', remainingMs: 21 * H });
    d.clock.set(T0 + 30 * H); // a day later: nothing is due while we wait on the customer
    expect(await d.service.sweep()).toMatchObject({ warnings: 0, breaches: 0 });
    await d.say({ text: 'tried it, still broken' });
    timers = await d.sla.timersOfTicket(1);
    expect(timers.find((t) => t.kind === 'next-response')).toMatchObject({
      state: 'active',
      cycle: 2,
      dueAt: T0 + 34 * H,
    });
    expect(timers.find((t) => t.kind === 'resolution')).toMatchObject({ state: 'active', dueAt: T0 + 51 * H });
    d.clock.set(T0 + 31 * H);
    await d.say({ text: 'fix deployed', author: { id: 'U_ALICE', name: 'Alice' } });
    expect((await d.sla.timersOfTicket(1)).find((t) => t.kind === 'next-response')).toMatchObject({ state: 'hit' });
    d.clock.set(T0 + 32 * H);
    await d.actions.act('resolve', 'SUP-1', { platform: 'slack', userId: 'U_ALICE' });
    expect((await d.sla.timersOfTicket(1)).map((t) => [t.kind, t.state])).toEqual([
      ['first-response', 'hit'],
      ['resolution', 'hit'],
      ['next-response', 'hit'],
    ]);
  });

  it('pages on-call at once for a critical incident, tells the customer and executives, updates every 15 minutes until resolved', async () => {
    const d = createSlaTestDesk();
    const r = await d.say({ text: 'the API is down for everyone' });
    expect(r.kind === 'ticket-opened' && r.ticket.priority).toBe('critical');
    const atOpen = await d.outbox();
    expect(atOpen.find((o) => o.key === 'critical-notice:SUP-1:0')).toMatchObject({
      to: 'C_ACME',
      text: expect.stringMatching(/A responder is on SUP-1 now.*within 15 min/),
    });
    expect(atOpen.find((o) => o.key === 'critical-exec:SUP-1:0:eve')).toMatchObject({ to: 'dm:U_EVE' });
    expect(await d.service.sweep()).toMatchObject({ pages: 1 });
    expect((await d.outbox()).find((o) => o.key.startsWith('page:'))).toMatchObject({
      to: 'dm:U_BOB',
      text: expect.stringMatching(/critical incident/),
    }); // 14:00 UTC: EMEA shift
    d.clock.set(T0 + 15 * MIN);
    expect(await d.service.sweep()).toMatchObject({ updates: 1 });
    expect((await d.outbox()).find((o) => o.key === 'critical-update:SUP-1:1:1')?.text).toMatch(
      /15 min since it was reported; Bob \(on call\) is working on it/,
    );
    d.clock.set(T0 + 20 * MIN);
    await d.say({ text: 'We found a bad deploy and are rolling it back.', author: { id: 'U_ALICE', name: 'Alice' } });
    d.clock.set(T0 + 30 * MIN);
    await d.service.sweep();
    expect((await d.outbox()).find((o) => o.key === 'critical-update:SUP-1:1:2')?.text).toMatch(
      /^Update on SUP-1: We found a bad deploy/,
    );
    d.clock.set(T0 + 40 * MIN);
    await d.actions.act('resolve', 'SUP-1', { platform: 'slack', userId: 'U_ALICE' });
    d.clock.set(T0 + 3 * H);
    expect(await d.service.sweep()).toMatchObject({ updates: 0, pages: 0 });
    expect((await d.outbox()).filter((o) => o.key.startsWith('critical-update:'))).toHaveLength(2);
    expect((await d.sla.runsOfTicket(1)).map((x) => x.state)).toEqual(['cancelled']);
  });

  it('never pages for community tickets but still records the miss', async () => {
    const d = createSlaTestDesk();
    await d.say({
      text: 'billing question about my invoice',
      customerId: undefined,
      conversation: { platform: 'slack', channelId: 'C_PUBLIC', threadId: '2.2' },
      wantsTicket: true,
    });
    const [first] = await d.sla.timersOfTicket(1);
    expect(first).toMatchObject({ kind: 'first-response' });
    d.clock.set(T0 + 30 * 24 * H);
    const before = (await d.outbox()).length;
    expect(await d.service.sweep()).toMatchObject({ breaches: 1, pages: 0 });
    expect((await d.outbox()).length).toBe(before);
    expect(await d.sla.runsOfTicket(1)).toEqual([]);
    expect((await d.sla.timersOfTicket(1))[0]?.state).toBe('missed');
  });

  it('queues the at-risk digest once per slot', async () => {
    const d = createSlaTestDesk();
    await d.say({ text: 'we hit a bug' });
    d.clock.set(T0 + 5 * H);
    await d.service.sweep();
    const r = await d.service.digest('2026-11-23T19:00:00.000Z');
    expect(r.queued).toBe(true);
    expect(r.text).toMatch(
      /1 open ticket\(s\) at risk, 1 overdue[\s\S]*SUP-1 Acme Corp \(enterprise, high\): first response overdue by 1 h/,
    );
    expect((await d.service.digest('2026-11-23T19:00:00.000Z')).queued).toBe(false);
    expect((await d.outbox()).filter((o) => o.to === 'C_STAFF' && o.key.startsWith('digest:'))).toHaveLength(1);
  });

  it('stops paging about a missed first response once staff respond', async () => {
    const d = createSlaTestDesk();
    await d.say({ text: 'we hit a bug' });
    d.clock.set(T0 + 4 * H);
    await d.service.sweep();
    d.clock.set(T0 + 4 * H + 5 * MIN);
    await d.say({ text: 'sorry for the wait, on it', author: { id: 'U_BOB', name: 'Bob' } });
    d.clock.set(T0 + 6 * H);
    expect(await d.service.sweep()).toMatchObject({ pages: 0 });
    expect((await d.sla.runsOfTicket(1)).map((r) => r.state)).toEqual(['cancelled']);
  });

  it('lets a professional clock sleep over the weekend in the customer zone and pages the support manager on Monday', async () => {
    const friday = Date.UTC(2026, 10, 20, 15, 0); // Friday 16:00 in Berlin
    const d = createSlaTestDesk({}, friday);
    await d.say({
      text: 'we hit a bug',
      customerId: 'globex',
      conversation: { platform: 'slack', channelId: 'C_GLOBEX', threadId: '3.3' },
    });
    const [first] = await d.sla.timersOfTicket(1);
    expect(first).toMatchObject({ dueAt: Date.UTC(2026, 10, 23, 15, 0), warnAt: Date.UTC(2026, 10, 23, 13, 0) }); // Monday 16:00 / 14:00 Berlin
    for (const at of [Date.UTC(2026, 10, 21, 12, 0), Date.UTC(2026, 10, 22, 23, 0), Date.UTC(2026, 10, 23, 12, 59)]) {
      d.clock.set(at);
      expect(await d.service.sweep()).toMatchObject({ warnings: 0, breaches: 0 });
    }
    d.clock.set(Date.UTC(2026, 10, 23, 13, 0)); // EMEA shift: Bob is reminded
    expect(await d.service.sweep()).toMatchObject({ warnings: 1 });
    d.clock.set(Date.UTC(2026, 10, 23, 15, 0));
    expect(await d.service.sweep()).toMatchObject({ breaches: 1, pages: 1 });
    const out = await d.outbox();
    expect(out.filter((o) => o.key.startsWith('sla-warn:')).map((o) => o.to)).toEqual(['dm:U_BOB']);
    expect(out.filter((o) => o.key.startsWith('page:')).map((o) => o.to)).toEqual(['dm:U_MARIA']);
  });

  it('pages whoever is on call at the instant of each page, across a shift handover', async () => {
    const d = createSlaTestDesk(
      { sla: { escalation: { enterprise: [{ who: 'oncall', ackWaitMinutes: 30, repeat: 1 }] } } },
      Date.UTC(2026, 10, 23, 11, 30),
    );
    await d.say({ text: 'we hit a bug' }); // enterprise high: due 15:30 UTC, EMEA (Bob) until 16:00, then APAC (Dora)
    d.clock.set(Date.UTC(2026, 10, 23, 15, 30));
    await d.service.sweep();
    d.clock.set(Date.UTC(2026, 10, 23, 16, 0));
    await d.service.sweep();
    expect((await d.outbox()).filter((o) => o.key.startsWith('page:')).map((o) => o.to)).toEqual([
      'dm:U_BOB',
      'dm:D_DORA',
    ]);
  });

  it('turns a ticket raised to critical by a follow-up into an incident: re-timed clocks, notice, page', async () => {
    const d = createSlaTestDesk();
    await d.say({ text: 'we hit a bug' });
    d.clock.set(T0 + 10 * MIN);
    await d.say({ text: 'now the whole service is down' });
    expect((await d.store.getTicket(1))?.priority).toBe('critical');
    const timers = await d.sla.timersOfTicket(1);
    expect(timers.find((t) => t.kind === 'first-response')).toMatchObject({
      state: 'active',
      cycle: 2,
      dueAt: T0 + 10 * MIN + 2 * H,
    });
    expect(timers.find((t) => t.kind === 'critical-update')).toMatchObject({ state: 'active', dueAt: T0 + 25 * MIN });
    expect((await d.outbox()).some((o) => o.key === 'critical-notice:SUP-1:0')).toBe(true);
    expect(await d.service.sweep()).toMatchObject({ pages: 1 });
  });

  it('starts the tier chain when staff press Escalate', async () => {
    const d = createSlaTestDesk();
    await d.say({ text: 'we hit a bug' });
    expect((await d.actions.act('escalate', 'SUP-1', { platform: 'slack', userId: 'U_ALICE' })).kind).toBe('done');
    expect(await d.service.sweep()).toMatchObject({ pages: 1 });
    expect((await d.outbox()).find((o) => o.key.startsWith('page:'))).toMatchObject({
      to: 'dm:U_CAROL',
      text: expect.stringMatching(/was escalated by the team/),
    });
  });
});
