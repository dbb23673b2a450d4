import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatInZone } from '../../../core/format/format-due.js';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { buttonsOf, startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';

describe('Slack: customer channels and ticket threads', () => {
  let s: SlackDesk;
  beforeEach(async () => {
    s = await startSlackDesk();
  });
  afterEach(async () => {
    await s.close();
  });

  it('answers a customer post in its thread with key, priority, due time in the customer zone and a KB suggestion', async () => {
    const sent = await s.deliver.userMessage({
      channel: 'C_ACME',
      user: 'U_CUST',
      text: 'The CLI crashes on start with an error',
    });
    expect(sent.status).toBe(200);
    // Stored before the 200: the ticket exists as soon as the delivery returns.
    const ticket = await s.ticketFor('C_ACME', sent.ts);
    expect(ticket).toMatchObject({
      key: 'SUP-1',
      customerId: 'acme',
      tier: 'enterprise',
      category: 'bug',
      status: 'open',
    });
    const [reply] = await s.waitForPost((c) => c.args.channel === 'C_ACME' && c.args.thread_ts === sent.ts);
    const text = visibleText(reply!);
    expect(text).toContain('SUP-1');
    expect(text).toContain(`priority: ${ticket!.priority}`);
    const due = formatInZone(ticket!.firstResponseDueAt!, 'America/New_York');
    expect(due).toMatch(/E[SD]T/);
    expect(text).toContain(due);
    expect(text).toContain('https://docs.example.test/kb/cli-crash-on-start.md');
    expect(reply!.authorization).toBe('Bearer xoxb-test-token');
  });

  it('joins later thread messages to the ticket, records the staff reply as first response, and unpends on a customer reply', async () => {
    const first = await s.deliver.userMessage({
      channel: 'C_GLOBEX',
      user: 'U_G1',
      text: 'Exports fail with an error since Monday',
    });
    const ticket = (await s.ticketFor('C_GLOBEX', first.ts))!;
    await s.deliver.userMessage({
      channel: 'C_GLOBEX',
      user: 'U_G1',
      text: 'It also happens for CSV',
      thread_ts: first.ts,
    });
    expect((await s.desk.store.listMessages(ticket.id)).map((m) => m.text)).toEqual([
      'Exports fail with an error since Monday',
      'It also happens for CSV',
    ]);
    expect((await s.tickets()).length).toBe(1);

    s.clock.advance(30 * 60_000);
    await s.deliver.userMessage({
      channel: 'C_GLOBEX',
      user: 'U_ALICE',
      text: 'Looking into it now',
      thread_ts: first.ts,
    });
    const answered = (await s.desk.store.getTicketByKey(ticket.key))!;
    expect(answered.firstResponseAt).toBe(s.clock.now());
    expect(answered.assigneeId).toBe('alice');
    expect((await s.desk.store.listMessages(ticket.id)).at(-1)).toMatchObject({ role: 'staff', authorId: 'U_ALICE' });

    expect(await s.desk.actions.act('pend', ticket.key, { platform: 'slack', userId: 'U_ALICE' })).toMatchObject({
      kind: 'done',
    });
    expect((await s.desk.store.getTicketByKey(ticket.key))!.status).toBe('pending');
    await s.deliver.userMessage({
      channel: 'C_GLOBEX',
      user: 'U_G1',
      text: 'Here is the file you asked for',
      thread_ts: first.ts,
    });
    expect((await s.desk.store.getTicketByKey(ticket.key))!.status).toBe('open');
  });

  it('opens a ticket from any message when someone adds the :ticket: reaction', async () => {
    const hello = await s.deliver.userMessage({ channel: 'C_INITECH', user: 'U_I1', text: 'hello team' });
    await s.waitForPost((c) => c.args.thread_ts === hello.ts); // the greeting answer, no ticket
    expect(await s.ticketFor('C_INITECH', hello.ts)).toBeNull();

    s.emulator.slowDown('conversations.history', 300); // the 200 must still wait for the ticket (processBeforeResponse)
    const reaction = await s.deliver.event({
      type: 'reaction_added',
      user: 'U_ALICE',
      reaction: 'ticket',
      item: { type: 'message', channel: 'C_INITECH', ts: hello.ts },
      item_user: 'U_I1',
      event_ts: `${Date.now() / 1000}`,
    });
    expect(reaction.status).toBe(200);
    const ticket = await s.ticketFor('C_INITECH', hello.ts);
    expect(ticket).toMatchObject({ requesterId: 'U_I1', customerId: 'initech', tier: 'white-glove' });
    expect(
      s.emulator
        .succeeded('conversations.history')
        .some((c) => c.args.channel === 'C_INITECH' && c.args.latest === hello.ts),
    ).toBe(true);
    await s.waitForPost((c) => c.args.thread_ts === hello.ts && visibleText(c).includes(ticket!.key));

    // The same reaction delivered again (Slack retry) opens nothing new.
    await s.deliver.event(
      {
        type: 'reaction_added',
        user: 'U_ALICE',
        reaction: 'ticket',
        item: { type: 'message', channel: 'C_INITECH', ts: hello.ts },
      },
      { eventId: reaction.eventId, retryNum: 1 },
    );
    expect((await s.tickets()).length).toBe(1);
  });

  it('announces paid-tier tickets in the staff channel with customer, tier, priority, due, thread link and buttons', async () => {
    const sent = await s.deliver.userMessage({ channel: 'C_GLOBEX', user: 'U_G1', text: 'Sync crashes every night' });
    const [announcement] = await s.waitForPost((c) => c.args.channel === 'C_STAFF');
    const ticket = (await s.ticketFor('C_GLOBEX', sent.ts))!;
    const text = visibleText(announcement!);
    for (const part of [
      ticket.key,
      'Globex',
      'professional',
      ticket.priority,
      formatInZone(ticket.firstResponseDueAt!, 'Europe/Berlin'),
    ])
      expect(text).toContain(part);
    expect(text).toContain(`https://emulated.slack.test/archives/C_GLOBEX/p${sent.ts.replace('.', '')}`);
    expect(s.emulator.succeeded('chat.getPermalink')[0]?.args).toMatchObject({
      channel: 'C_GLOBEX',
      message_ts: sent.ts,
    });
    expect(buttonsOf(announcement!)).toEqual([
      { actionId: 'ticket.claim', value: ticket.key },
      { actionId: 'ticket.resolve', value: ticket.key },
      { actionId: 'ticket.escalate', value: ticket.key },
    ]);
    expect(announcement!.args.thread_ts).toBeUndefined();
  });
});
