import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';

describe('Slack: forged, stale, retried, bot-written and hostile deliveries', () => {
  let s: SlackDesk;
  beforeEach(async () => {
    s = await startSlackDesk();
  });
  afterEach(async () => {
    await s.close();
  });

  const botCalls = () =>
    s.emulator.calls.filter((c) =>
      ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url'].includes(c.method),
    );

  it('answers a forged signature with 401 and stores nothing', async () => {
    const forged = await s.deliver.userMessage(
      { channel: 'C_ACME', user: 'U_A1', text: 'Everything crashes' },
      { secret: 'not-the-secret' },
    );
    expect(forged.status).toBe(401);
    const forgedCommand = await s.deliver.command(
      { text: 'new give me a ticket', user: 'U_A1', channel: 'C_ACME' },
      { secret: 'not-the-secret' },
    );
    expect(forgedCommand.status).toBe(401);
    expect(await s.desk.store.hasEvent('slack', forged.eventId)).toBe(false);
    expect(await s.tickets()).toEqual([]);
    await s.desk.outbox.flush();
    expect(botCalls()).toEqual([]);
  });

  it('answers a stale timestamp (older than 5 minutes) with 401, even when correctly signed', async () => {
    const stale = await s.deliver.userMessage(
      { channel: 'C_ACME', user: 'U_A1', text: 'Everything crashes' },
      { timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(stale.status).toBe(401);
    expect(await s.desk.store.hasEvent('slack', stale.eventId)).toBe(false);
    expect(await s.tickets()).toEqual([]);
  });

  it('treats a redelivery (same event_id, x-slack-retry-num) as the same event: no second ticket, no second reply', async () => {
    const first = await s.deliver.userMessage({
      channel: 'C_GLOBEX',
      user: 'U_G1',
      text: 'Billing page shows an error',
    });
    await s.waitForPost((c) => c.args.thread_ts === first.ts);
    const event = {
      type: 'message',
      channel: 'C_GLOBEX',
      user: 'U_G1',
      text: 'Billing page shows an error',
      ts: first.ts,
      channel_type: 'channel',
    };
    for (const retryNum of [1, 2]) {
      const again = await s.deliver.event(event, { eventId: first.eventId, retryNum, retryReason: 'http_timeout' });
      expect(again.status).toBe(200);
    }
    await s.desk.outbox.flush();
    expect(await s.tickets()).toHaveLength(1);
    expect(s.posts('C_GLOBEX', first.ts)).toHaveLength(1);
    expect(s.posts('C_STAFF')).toHaveLength(1);
    expect(await s.desk.store.listMessages((await s.tickets())[0]!.id)).toHaveLength(1);
  });

  it('never echoes user-written mentions live in any bot post', async () => {
    const text = 'Hey <!channel> <!here> <!everyone> <@U123> <!subteam^S42|@oncall> the app crashes & burns @here';
    const sent = await s.deliver.userMessage({ channel: 'C_ACME', user: 'U_A1', text });
    await s.waitForPost((c) => c.args.channel === 'C_STAFF');
    await s.waitForPost((c) => c.args.thread_ts === sent.ts);
    const status = await s.deliver.command({ text: 'status', user: 'U_A1', channel: 'C_ACME' });
    const kb = await s.deliver.command({ text: `kb <!channel> crash <@U123>`, user: 'U_A1', channel: 'C_ACME' });
    expect(status.text).toContain('&lt;!channel&gt;'); // the ticket subject, escaped
    const everything = [...botCalls().map(visibleText), status.text, kb.text];
    expect(everything).toHaveLength(4); // thread reply, announcement, two command answers
    const announcement = visibleText(s.posts('C_STAFF')[0]!);
    expect(announcement).toContain('&lt;!channel&gt;'); // the subject is shown, escaped
    expect(announcement).toContain('&lt;@U123&gt;');
    for (const live of ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<!subteam^S42']) {
      for (const sent of everything) expect(sent).not.toContain(live);
    }
    expect(announcement).not.toMatch(/[^\u2060]@here/); // bare @here gets a word joiner
  });

  it('ignores messages from bots, including our own, before the engine', async () => {
    const own = await s.deliver.event({
      type: 'message',
      channel: 'C_ACME',
      user: 'U_BOT',
      bot_id: 'B_BOT',
      text: 'I opened SUP-9 for this error',
      ts: '1700000000.000100',
    });
    const other = await s.deliver.event({
      type: 'message',
      subtype: 'bot_message',
      channel: 'C_ACME',
      bot_id: 'B_OTHER',
      username: 'ci-bot',
      text: 'Build crashed with an error',
      ts: '1700000000.000200',
    });
    expect([own.status, other.status]).toEqual([200, 200]);
    expect(await s.desk.store.hasEvent('slack', own.eventId)).toBe(false);
    expect(await s.desk.store.hasEvent('slack', other.eventId)).toBe(false);
    expect(await s.tickets()).toEqual([]);
    await s.desk.outbox.flush();
    expect(botCalls()).toEqual([]);
  });

  it('appends edits to an existing ticket’s transcript, ignores edits elsewhere, and keeps the transcript on deletion', async () => {
    const sent = await s.deliver.userMessage({ channel: 'C_GLOBEX', user: 'U_G1', text: 'Report export error' });
    const ticket = (await s.ticketFor('C_GLOBEX', sent.ts))!;
    const edit = (ts: string, before: string, after: string) =>
      s.deliver.event({
        type: 'message',
        subtype: 'message_changed',
        channel: 'C_GLOBEX',
        hidden: true,
        ts: `${ts}9`,
        message: { type: 'message', user: 'U_G1', text: after, ts },
        previous_message: { type: 'message', user: 'U_G1', text: before, ts },
      });
    await edit(sent.ts, 'Report export error', 'Report export error on PDF only');
    await edit(sent.ts, 'Report export error on PDF only', 'Report export error on PDF only'); // an unfurl: same text
    expect((await s.desk.store.listMessages(ticket.id)).map((m) => m.text)).toEqual([
      'Report export error',
      '(edited) Report export error on PDF only',
    ]);

    const greeting = await s.deliver.userMessage({ channel: 'C_GLOBEX', user: 'U_G1', text: 'thanks' });
    await edit(greeting.ts, 'thanks', 'thanks, and the importer has an error');
    expect(await s.tickets()).toHaveLength(1);

    await s.deliver.event({
      type: 'message',
      subtype: 'message_deleted',
      channel: 'C_GLOBEX',
      hidden: true,
      deleted_ts: sent.ts,
      ts: `${sent.ts}8`,
      previous_message: { type: 'message', user: 'U_G1', text: 'Report export error', ts: sent.ts },
    });
    expect(await s.desk.store.getTicketByKey(ticket.key)).toMatchObject({ status: 'open' });
    expect(await s.desk.store.listMessages(ticket.id)).toHaveLength(2);
  });

  it('ignores messages in channels that belong to no customer', async () => {
    const sent = await s.deliver.userMessage({ channel: 'C_RANDOM', user: 'U_X', text: 'the app crashes' });
    expect(sent.status).toBe(200);
    expect(await s.tickets()).toEqual([]);
    expect(await s.desk.store.hasEvent('slack', sent.eventId)).toBe(false);
  });
});
