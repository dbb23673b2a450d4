import { describe, expect, it } from 'vitest';
import { createTestDesk } from '../../test/support/test-desk.js';
import { createDirectory } from '../directory/create-directory.js';
import { createStaffReplies } from './create-staff-replies.js';

const mail = { platform: 'email' as const, channelId: 'support@desk.test', threadId: 'root@acme.test' };

function emailDesk() {
  const desk = createTestDesk({
    customers: [
      {
        id: 'globex',
        name: 'Globex',
        tier: 'professional',
        timezone: 'Europe/Berlin',
        email: { domains: ['globex.test'] },
      },
    ],
    staff: [{ id: 'alice', name: 'Alice', slack: 'U_ALICE', email: 'alice@desk.test', roles: ['agent'] }],
  });
  const replies = createStaffReplies({ store: desk.store, directory: createDirectory(desk.config), clock: desk.clock });
  const message = (text: string, over: Record<string, unknown> = {}) =>
    desk.message({
      platform: 'email',
      conversation: mail,
      author: { id: 'jane@globex.test' },
      customerId: undefined,
      wantsTicket: true,
      text,
      ...over,
    });
  const outbox = async () => desk.store.dueOutbox(desk.clock.now() + 1, 100);
  return { desk, replies, message, outbox };
}

describe('engine: machine mail, acknowledgements and follow-ups', () => {
  it('records an automated message on the open ticket without a reply or a clock change, and drops it without one', async () => {
    const { desk, message, outbox } = emailDesk();
    expect(await desk.engine.handle(message('Auto: out of office', { automated: true }))).toEqual({
      kind: 'ignored',
      reason: 'automated-no-ticket',
    });
    expect(await outbox()).toEqual([]);
    const opened = await desk.engine.handle(message('Login fails with error 500'));
    if (opened.kind !== 'ticket-opened') throw new Error(opened.kind);
    const before = await outbox();
    expect(before.filter((o) => o.conversation.platform === 'email')).toHaveLength(1); // the acknowledgement
    const auto = await desk.engine.handle(message('I am out of office until Monday', { automated: true }));
    expect(auto).toMatchObject({ kind: 'ticket-updated', change: 'participant-message' });
    expect(await outbox()).toEqual(before);
    const ticket = await desk.store.getTicketByKey(opened.ticket.key);
    expect(ticket).toMatchObject({ status: 'open', firstResponseAt: null, priority: opened.ticket.priority });
    expect((await desk.store.listMessages(opened.ticket.id)).map((m) => m.role)).toEqual(['customer', 'participant']);
  });

  it('opens a ticket without the customer reply when acknowledge is false, and records the closed ticket it follows', async () => {
    const { desk, message, outbox } = emailDesk();
    const quiet = await desk.engine.handle(message('Export is broken', { acknowledge: false, followUpOf: 'SUP-7' }));
    if (quiet.kind !== 'ticket-opened') throw new Error(quiet.kind);
    expect((await outbox()).filter((o) => o.conversation.platform === 'email')).toEqual([]);
    const audit = await desk.store.listAudit(quiet.ticket.id);
    expect(audit.find((a) => a.action === 'ticket.opened')?.detail).toMatchObject({ followUpOf: 'SUP-7' });
  });
});

describe('staff replies relayed to the ticket conversation', () => {
  async function opened() {
    const ctx = emailDesk();
    const o = await ctx.desk.engine.handle(ctx.message('Login fails with error 500'));
    if (o.kind !== 'ticket-opened') throw new Error(o.kind);
    return { ...ctx, key: o.ticket.key, id: o.ticket.id };
  }
  const alice = { platform: 'slack' as const, userId: 'U_ALICE' };

  it('queues the reply to the ticket conversation, records the first response once, and takes an event once', async () => {
    const { desk, replies, outbox, key, id } = await opened();
    const r = await replies.reply({ key, actor: alice, text: 'Can you send the log?', eventId: 'Ev-r1' });
    expect(r).toMatchObject({ kind: 'sent', firstResponse: true, ticket: { assigneeId: 'alice' } });
    expect(await replies.reply({ key, actor: alice, text: 'Can you send the log?', eventId: 'Ev-r1' })).toEqual({
      kind: 'duplicate',
    });
    const relayed = (await outbox()).filter((o) => o.dedupeKey.startsWith('staff-reply:'));
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toMatchObject({
      conversation: mail,
      message: { text: 'Can you send the log?', staffAuthor: { id: 'alice', name: 'Alice' } },
    });
    expect((await desk.store.getTicket(id))?.firstResponseAt).toBe(desk.clock.now());
    const second = await replies.reply({ key, actor: alice, text: 'Any news?', eventId: 'Ev-r2' });
    expect(second).toMatchObject({ kind: 'sent', firstResponse: false });
    expect((await desk.store.listMessages(id)).filter((m) => m.role === 'staff').map((m) => m.text)).toEqual([
      'Can you send the log?',
      'Any news?',
    ]);
  });

  it('keeps /note internal, refuses non-staff, empty text, unknown keys and replies on closed tickets', async () => {
    const { desk, replies, outbox, key, id } = await opened();
    const before = (await outbox()).length;
    expect(
      await replies.reply({ key, actor: alice, text: '/note customer is on v2.3', eventId: 'Ev-n' }),
    ).toMatchObject({
      kind: 'noted',
    });
    expect((await outbox()).length).toBe(before);
    expect((await desk.store.listAudit(id)).find((a) => a.action === 'ticket.note')?.detail).toEqual({
      text: 'customer is on v2.3',
    });
    expect((await desk.store.getTicket(id))?.firstResponseAt).toBeNull();
    expect(
      await replies.reply({ key, actor: { platform: 'slack', userId: 'U_X' }, text: 'hi', eventId: 'e1' }),
    ).toMatchObject({
      kind: 'forbidden',
    });
    expect(await replies.reply({ key, actor: alice, text: '   ', eventId: 'e2' })).toMatchObject({ kind: 'invalid' });
    expect(await replies.reply({ key: 'SUP-404', actor: alice, text: 'hi', eventId: 'e3' })).toEqual({
      kind: 'not-found',
      key: 'SUP-404',
    });
    await desk.actions.act('close', key, alice);
    expect(await replies.reply({ key, actor: alice, text: 'late', eventId: 'e4' })).toMatchObject({ kind: 'invalid' });
  });
});
