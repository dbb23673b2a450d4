import { afterEach, describe, expect, it } from 'vitest';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';

const nowSec = () => Math.floor(Date.now() / 1000);

describe('Slack hardening (issue 19): malformed signed bodies, future-dated signatures, /support new on a slow Slack', () => {
  let s: SlackDesk;
  afterEach(async () => {
    await s.close();
  });

  const healthy = async () => (await fetch(`${s.server.url}/healthz`)).status;
  /** Nothing reached the store or Slack. */
  const nothingStored = async () => {
    expect(await s.tickets()).toEqual([]);
    await s.desk.outbox.flush();
    expect(s.emulator.calls.filter((c) => !['auth.test', 'apps.connections.open'].includes(c.method))).toEqual([]);
  };

  it('refuses a signed body that is not a JSON object with 400 and keeps serving; acknowledges malformed events once', async () => {
    s = await startSlackDesk();
    // On Bolt 4.7.3 alone each of these two was an unhandled rejection inside HTTPReceiver: the process would end.
    const nullJson = await s.deliver.post('null', 'application/json');
    expect(nullJson.status).toBe(400);
    expect(nullJson.json).toEqual({ error: expect.any(String) });
    const nullPayload = await s.deliver.post('payload=null', 'application/x-www-form-urlencoded');
    expect(nullPayload.status).toBe(400);
    expect(nullPayload.json).toEqual({ error: expect.any(String) });
    for (const body of ['42', '[]', '"text"'])
      expect((await s.deliver.post(body, 'application/json')).status).toBe(400);
    expect(await healthy()).toBe(200);

    // Signed, but malformed: answered 200 once (a 500 makes Slack deliver it three more times), nothing stored.
    const eventNull = await s.deliver.post(
      JSON.stringify({ type: 'event_callback', event_id: 'EvNULL', event: null }),
      'application/json',
    );
    expect(eventNull.status).toBe(200);
    const textNumber = await s.deliver.event({
      type: 'message',
      channel: 'C_ACME',
      user: 'U_A1',
      text: 42,
      ts: '1700000000.000100',
    });
    expect(textNumber.status).toBe(200);
    const itemNull = await s.deliver.event({ type: 'reaction_added', user: 'U_ALICE', reaction: 'ticket', item: null });
    expect(itemNull.status).toBe(200);
    const noItem = await s.deliver.event({ type: 'reaction_added', user: 'U_ALICE', reaction: 'ticket' });
    expect(noItem.status).toBe(200);
    const badActions = await s.deliver.post(
      new URLSearchParams({
        payload: JSON.stringify({ type: 'block_actions', user: { id: 'U_A1' }, actions: 5 }),
      }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(badActions.status).toBe(200);
    for (const id of [textNumber.eventId, itemNull.eventId, noItem.eventId])
      expect(await s.desk.store.hasEvent('slack', id)).toBe(false);
    expect(await s.desk.store.hasEvent('slack', 'EvNULL')).toBe(false);
    await nothingStored();

    // Still serving: health, and a normal message opens a ticket.
    expect(await healthy()).toBe(200);
    const normal = await s.deliver.userMessage({ channel: 'C_ACME', user: 'U_A1', text: 'The export crashes' });
    expect(normal.status).toBe(200);
    expect(await s.tickets()).toHaveLength(1);
    await s.waitForPost((c) => c.args.thread_ts === normal.ts && visibleText(c).includes('SUP-1'));
  });

  it('refuses a correctly signed request dated more than 5 minutes ahead (401, nothing stored); 4 minutes ahead is accepted', async () => {
    s = await startSlackDesk();
    const ahead = await s.deliver.userMessage(
      { channel: 'C_ACME', user: 'U_A1', text: 'Everything crashes' },
      { timestampSec: nowSec() + 6 * 60 },
    );
    expect(ahead.status).toBe(401);
    const aheadCommand = await s.deliver.command(
      { text: 'new give me a ticket', user: 'U_A1', channel: 'C_ACME' },
      { timestampSec: nowSec() + 6 * 60 },
    );
    expect(aheadCommand.status).toBe(401);
    expect(await s.desk.store.hasEvent('slack', ahead.eventId)).toBe(false);
    await nothingStored();

    const soon = await s.deliver.userMessage(
      { channel: 'C_ACME', user: 'U_A1', text: 'Everything crashes' },
      { timestampSec: nowSec() + 4 * 60 },
    );
    expect(soon.status).toBe(200);
    expect(await s.desk.store.hasEvent('slack', soon.eventId)).toBe(true);
    expect(await s.tickets()).toHaveLength(1);
  });

  it('Socket Mode: malformed envelopes are acknowledged once and ignored, and the desk keeps working', async () => {
    s = await startSlackDesk({ socketMode: true });
    const socket = s.emulator.socket;
    // socket-mode 2.0.7 read payload.event.type of these in an async listener: an unhandled rejection.
    expect(await socket.send('events_api', null)).toEqual({});
    expect(await socket.send('events_api', { type: 'event_callback', event_id: 'EvNULL', event: null })).toEqual({});
    expect(await socket.send('slash_commands', null)).toEqual({});
    expect(await socket.send('interactive', { type: 'block_actions', user: null, actions: [] })).toEqual({});
    const textNumber = s.deliver.envelope(
      { type: 'message', channel: 'C_ACME', user: 'U_A1', text: 42, ts: '1700000000.000100' },
      'EvTEXT42',
    );
    expect(await socket.send('events_api', textNumber)).toEqual({});
    expect(await s.desk.store.hasEvent('slack', 'EvTEXT42')).toBe(false);
    await nothingStored();

    const stored = s.emulator.store.add({ channel: 'C_ACME', user: 'U_A1', text: 'Payments page crashes' });
    await socket.send(
      'events_api',
      s.deliver.envelope(
        { type: 'message', channel: 'C_ACME', user: 'U_A1', text: stored.text, ts: stored.ts, channel_type: 'channel' },
        'EvOK',
      ),
    );
    expect(await s.ticketFor('C_ACME', stored.ts)).toMatchObject({ key: 'SUP-1' });
  });

  it('/support new answers before Slack is called; a redelivered command leaves one ticket and one thread starter; the ticket gets its thread', async () => {
    s = await startSlackDesk();
    const SLOW_MS = 1_500;
    s.emulator.slowDown('chat.postMessage', SLOW_MS);
    const command = {
      text: 'new Our nightly export crashes',
      user: 'U_A1',
      channel: 'C_ACME',
      triggerId: '1234.5678.abcd',
      responseUrl: s.emulator.newResponseUrl(),
    };
    const started = Date.now();
    const answer = await s.deliver.command(command);
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(SLOW_MS);
    expect(s.emulator.succeeded('chat.postMessage')).toEqual([]); // the starter is still on its way
    const [ticket] = await s.tickets();
    expect(answer.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining(`I opened ${ticket!.key} for this`),
    });

    // The user (or Slack) sends the same command again: the same request, answered at once.
    const again = await s.deliver.command(command);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ text: `This request is already ticket ${ticket!.key}.` });

    const starters = () => s.posts('C_ACME').filter((c) => c.args.thread_ts === undefined);
    await s.waitForPost((c) => c.args.channel === 'C_ACME' && c.args.thread_ts === undefined);
    await s.waitForPost((c) => c.args.channel === 'C_STAFF');
    await s.desk.outbox.flush();
    expect(await s.tickets()).toHaveLength(1);
    expect(starters()).toHaveLength(1);
    expect(visibleText(starters()[0]!)).toContain('Our nightly export crashes');
    const threadTs = s.emulator.store.history('C_ACME')[0]!.ts;
    expect((await s.ticketFor('C_ACME', threadTs))?.id).toBe(ticket!.id);
    expect((await s.desk.store.listAudit(ticket!.id)).map((a) => a.action)).toContain('ticket.conversation-moved');

    // Delivered once more after the thread exists: still one ticket, one starter.
    expect((await s.deliver.command(command)).status).toBe(200);
    await s.desk.outbox.flush();
    expect(starters()).toHaveLength(1);

    // A reply in the thread joins the ticket.
    s.emulator.slowDown('chat.postMessage', 0);
    const reply = await s.deliver.userMessage({
      channel: 'C_ACME',
      user: 'U_A1',
      text: 'It also fails for the PDF export',
      thread_ts: threadTs,
    });
    expect(reply.status).toBe(200);
    expect(await s.tickets()).toHaveLength(1);
    expect((await s.desk.store.listMessages(ticket!.id)).map((m) => m.text)).toEqual([
      'Our nightly export crashes',
      'It also fails for the PDF export',
    ]);
  });

  it('/support new for a critical incident: the notice queued with the ticket, before its thread existed, is posted in that thread', async () => {
    s = await startSlackDesk();
    const answer = await s.deliver.command({
      text: 'new Production is down, every request returns 500',
      user: 'U_CUST',
      channel: 'C_ACME',
    });
    expect(answer.status).toBe(200);
    const [ticket] = await s.tickets();
    expect(ticket!.priority).toBe('critical');
    await s.desk.outbox.flush();
    const [starter, ...rest] = s.emulator.store.history('C_ACME');
    expect(rest).toEqual([]);
    const inThread = s.posts('C_ACME', starter!.ts);
    expect(inThread.map(visibleText).join()).toContain(`A responder is on ${ticket!.key} now`); // queued with the ticket
    expect(s.posts('C_ACME').filter((c) => c.args.thread_ts !== undefined && c.args.thread_ts !== starter!.ts)).toEqual(
      [],
    );
    expect((await s.desk.store.getTicket(ticket!.id))!.conversation).toEqual({
      platform: 'slack',
      channelId: 'C_ACME',
      threadId: starter!.ts,
    });
  });
});
