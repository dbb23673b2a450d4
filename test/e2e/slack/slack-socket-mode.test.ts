import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';

describe('Slack: Socket Mode when SLACK_APP_TOKEN is set', () => {
  let s: SlackDesk;
  beforeEach(async () => {
    s = await startSlackDesk({ socketMode: true });
  });
  afterEach(async () => {
    await s.close();
  });

  it('connects with the app token, acknowledges an event only after storing it, and replies in the thread', async () => {
    const open = s.emulator.succeeded('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.authorization).toBe('Bearer xapp-test-token');
    expect(s.emulator.socket.connected()).toBe(1);

    const stored = s.emulator.store.add({ channel: 'C_ACME', user: 'U_A1', text: 'Payments page crashes' });
    const body = s.deliver.envelope(
      { type: 'message', channel: 'C_ACME', user: 'U_A1', text: stored.text, ts: stored.ts, channel_type: 'channel' },
      'EvSOCKET1',
    );
    await s.emulator.socket.send('events_api', body);
    // The ack arrived: the ticket must already be committed.
    expect(await s.ticketFor('C_ACME', stored.ts)).toMatchObject({ key: 'SUP-1', customerId: 'acme' });
    await s.waitForPost((c) => c.args.thread_ts === stored.ts && visibleText(c).includes('SUP-1'));

    await s.emulator.socket.send('events_api', body, { retryAttempt: 1 });
    await s.desk.outbox.flush();
    expect(await s.tickets()).toHaveLength(1);
    expect(s.posts('C_ACME', stored.ts)).toHaveLength(1);

    // A listener that waits on Slack (the :ticket: reaction fetches the message) is still finished before the ack.
    const hello = s.emulator.store.add({ channel: 'C_INITECH', user: 'U_I1', text: 'hello, a question' });
    s.emulator.slowDown('conversations.history', 300);
    await s.emulator.socket.send(
      'events_api',
      s.deliver.envelope(
        {
          type: 'reaction_added',
          user: 'U_ALICE',
          reaction: 'ticket',
          item: { type: 'message', channel: 'C_INITECH', ts: hello.ts },
        },
        'EvSOCKET2',
      ),
    );
    expect(await s.ticketFor('C_INITECH', hello.ts)).toMatchObject({ requesterId: 'U_I1' });

    // HTTP delivery is not mounted in Socket Mode.
    expect((await s.deliver.userMessage({ channel: 'C_ACME', user: 'U_A1', text: 'x' })).status).toBe(404);
  });

  it('answers /support in the envelope ack', async () => {
    const ack = (await s.emulator.socket.send('slash_commands', {
      token: 't',
      team_id: 'T_EMU',
      channel_id: 'C_ACME',
      channel_name: 'acme',
      user_id: 'U_A1',
      user_name: 'a1',
      command: '/support',
      text: 'help',
      api_app_id: 'A_EMU',
      response_url: s.emulator.newResponseUrl(),
      trigger_id: '1.2',
    })) as { response_type?: string; text?: string };
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain('/support status');
  });
});
