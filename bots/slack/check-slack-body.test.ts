import { describe, expect, it } from 'vitest';
import { checkSlackBody } from './check-slack-body.js';

const message = { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.1' };
const envelope = (event: unknown, more: Record<string, unknown> = {}) => ({
  type: 'event_callback',
  event_id: 'Ev1',
  event,
  ...more,
});
const command = {
  command: '/support',
  text: 'help',
  user_id: 'U1',
  channel_id: 'C1',
  trigger_id: '1.2',
  response_url: 'https://hooks.slack.test/1',
};
const click = {
  type: 'block_actions',
  user: { id: 'U1' },
  team: null,
  channel: { id: 'C1' },
  actions: [{ action_id: 'kb.helpful', block_id: 'b', value: 'x' }],
};

describe('checkSlackBody', () => {
  it('passes the bodies Slack sends: events, commands, clicks, url_verification, org-wide installs (team null)', () => {
    for (const body of [
      envelope(message),
      envelope({
        type: 'reaction_added',
        user: 'U1',
        reaction: 'ticket',
        item: { type: 'message', channel: 'C1', ts: '1.1' },
      }),
      command,
      click,
      { type: 'url_verification', challenge: 'c' },
    ]) {
      expect(checkSlackBody(body)).toEqual({ kind: 'ok', body });
    }
  });

  it('calls anything but a JSON object not-an-object', () => {
    for (const body of [null, 42, 'text', [], [envelope(message)], undefined])
      expect(checkSlackBody(body)).toEqual({ kind: 'not-an-object' });
  });

  it('calls malformed what Bolt would throw on before any listener runs', () => {
    const malformed = [
      envelope(null),
      envelope(42),
      envelope({ ...message, type: 7 }),
      envelope({ ...message, channel: null }),
      envelope({ ...message, user: null }),
      envelope({ type: 'reaction_added', item: 'C1' }),
      envelope(message, { authorizations: [null] }),
      { type: 'event_callback' },
      { ...command, text: ['a', 'b'] },
      { ...command, user_id: undefined },
      { ...click, user: null },
      { ...click, actions: 5 },
      { ...click, actions: [{ action_id: 5 }] },
      { ...click, channel: null },
      { type: 'view_submission', user: { id: 'U1' }, view: null },
    ];
    for (const body of malformed)
      expect(checkSlackBody(body)).toMatchObject({ kind: 'malformed', reason: expect.any(String) });
  });
});
