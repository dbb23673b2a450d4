import { describe, expect, it } from 'vitest';
import { createTestDesk } from '../../test/support/test-desk.js';

describe('ticket actions', () => {
  async function withTicket() {
    const desk = createTestDesk();
    const opened = await desk.engine.handle(desk.message({ text: 'crash on start' }));
    if (opened.kind !== 'ticket-opened') throw new Error(opened.kind);
    return { desk, key: opened.ticket.key };
  }
  const alice = { platform: 'slack' as const, userId: 'U_ALICE' };
  const customer = { platform: 'slack' as const, userId: 'U_CUST' };

  it('lets staff claim, and refuses staff-only actions to anyone else', async () => {
    const { desk, key } = await withTicket();
    expect(await desk.actions.act('claim', key, customer)).toEqual({
      kind: 'forbidden',
      reason: 'Only support staff can do that.',
    });
    expect(await desk.actions.act('claim', key, alice)).toMatchObject({
      kind: 'done',
      ticket: { assigneeId: 'alice' },
    });
    expect(await desk.actions.act('claim', key, alice)).toMatchObject({ kind: 'invalid' });
    expect(
      await desk.actions.act('escalate', key, { platform: 'discord', userId: 'mod', isStaff: true }),
    ).toMatchObject({ kind: 'done', ticket: { escalated: true } });
    expect(await desk.actions.act('resolve', 'SUP-999', alice)).toEqual({ kind: 'not-found', key: 'SUP-999' });
  });

  it('lets the requester close their own ticket but not resolve it, and refuses impossible transitions', async () => {
    const { desk, key } = await withTicket();
    expect(await desk.actions.act('resolve', key, customer)).toMatchObject({ kind: 'forbidden' });
    expect(await desk.actions.act('close', key, { platform: 'slack', userId: 'U_OTHER' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(await desk.actions.act('close', key, customer)).toMatchObject({
      kind: 'done',
      ticket: { status: 'closed' },
    });
    expect(await desk.actions.act('resolve', key, alice)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('closed'),
    });
    expect((await desk.store.dueOutbox(desk.clock.now(), 10)).some((o) => o.dedupeKey.startsWith('survey:'))).toBe(
      true,
    );
  });

  it('records CSAT and NPS from the customer only, within range', async () => {
    const { desk, key } = await withTicket();
    await desk.actions.act('resolve', key, alice);
    expect(await desk.actions.rate(key, 'csat', 6, customer)).toMatchObject({ kind: 'invalid' });
    expect(await desk.actions.rate(key, 'csat', 5, { platform: 'discord', userId: 'stranger' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(await desk.actions.rate(key, 'csat', 3, { platform: 'slack', userId: 'U_COLLEAGUE' })).toMatchObject({
      kind: 'forbidden',
    });
    expect(
      await desk.actions.rate(key, 'csat', 3, { platform: 'slack', userId: 'U_COLLEAGUE' }, 'globex'),
    ).toMatchObject({ kind: 'forbidden' });
    expect(await desk.actions.rate(key, 'csat', 3, { platform: 'slack', userId: 'U_COLLEAGUE' }, 'acme')).toMatchObject(
      { kind: 'done' },
    );
    expect(await desk.actions.rate(key, 'csat', 5, alice, 'acme')).toEqual({
      kind: 'forbidden',
      reason: 'Support staff cannot rate tickets.',
    });
    expect(await desk.actions.rate(key, 'csat', 4, customer)).toMatchObject({ kind: 'done' });
    expect(await desk.actions.rate(key, 'nps', 10, customer)).toMatchObject({ kind: 'done' });
    const ticket = await desk.store.getTicketByKey(key);
    expect((await desk.store.listRatings(ticket!.id)).map((r) => [r.kind, r.score])).toEqual([
      ['csat', 4],
      ['nps', 10],
    ]);
  });

  it('shows a person only their own organisation’s open tickets', async () => {
    const desk = createTestDesk();
    await desk.engine.handle(desk.message({ text: 'crash A' }));
    await desk.engine.handle(
      desk.message({
        conversation: { platform: 'slack', channelId: 'C_GLOBEX', threadId: '2' },
        customerId: 'globex',
        text: 'crash G',
      }),
    );
    await desk.engine.handle(
      desk.message({
        platform: 'discord',
        conversation: { platform: 'discord', channelId: 'H', threadId: 'x' },
        author: { id: 'D_ANON' },
        customerId: undefined,
        text: 'crash D',
        wantsTicket: true,
      }),
    );
    const acme = await desk.actions.visibleOpenTickets(customer, 'acme');
    expect(acme.map((t) => t.subject)).toEqual(['crash A']);
    const anon = await desk.actions.visibleOpenTickets({ platform: 'discord', userId: 'D_ANON' });
    expect(anon.map((t) => t.subject)).toEqual(['crash D']);
    expect(await desk.actions.visibleOpenTickets({ platform: 'discord', userId: 'D_NOBODY' })).toEqual([]);
  });

  it('assigns to a known staff member once, and changes priority once, with an audit row each', async () => {
    const { desk, key } = await withTicket();
    const web = { platform: 'web' as const, userId: 'alice' };
    expect(await desk.actions.assign(key, 'nobody', web)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('not a staff member'),
    });
    expect(await desk.actions.assign(key, 'alice', customer)).toMatchObject({ kind: 'forbidden' });
    expect(await desk.actions.assign(key, 'alice', web)).toMatchObject({
      kind: 'done',
      ticket: { assigneeId: 'alice' },
    });
    expect(await desk.actions.assign(key, 'alice', web)).toMatchObject({ kind: 'invalid' });
    expect(await desk.actions.assign(key, null, web)).toMatchObject({ kind: 'done', ticket: { assigneeId: null } });
    const before = await desk.store.getTicketByKey(key);
    const to = before?.priority === 'low' ? 'high' : 'low';
    expect(await desk.actions.setPriority(key, to, web)).toMatchObject({ kind: 'done', ticket: { priority: to } });
    expect(await desk.actions.setPriority(key, to, web)).toMatchObject({ kind: 'invalid' });
    const audit = await desk.store.listAudit(before?.id ?? 0);
    expect(audit.filter((a) => a.action === 'ticket.assign').map((a) => [a.actor, a.detail])).toEqual([
      ['alice', { from: null, to: 'alice' }],
      ['alice', { from: 'alice', to: null }],
    ]);
    expect(audit.find((a) => a.action === 'ticket.priority')?.detail).toEqual({ from: before?.priority, to });
  });
});
