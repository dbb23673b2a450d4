import { describe, expect, it } from 'vitest';
import { mapSlackMessage } from './map-slack-message.js';

const deps = { customerForChannel: (id: string) => (id === 'C_ACME' ? { id: 'acme' } : undefined), now: () => 1_000 };
const envelope = { event_id: 'Ev01', event_time: 1_700_000_000 };
/** Shaped like a real Events API `message` event (channel message in a Slack Connect channel). */
const base = {
  type: 'message',
  channel: 'C_ACME',
  user: 'U1',
  text: 'It crashes',
  ts: '1700000000.000100',
  team: 'T1',
  channel_type: 'channel',
  event_ts: '1700000000.000100',
};

describe('mapSlackMessage', () => {
  it('maps a top-level customer message to its own thread, with the event id as idempotency key', () => {
    expect(mapSlackMessage(envelope, base, deps)).toEqual({
      kind: 'message',
      message: {
        platform: 'slack',
        eventId: 'Ev01',
        conversation: { platform: 'slack', channelId: 'C_ACME', threadId: '1700000000.000100' },
        author: { id: 'U1', name: undefined },
        text: 'It crashes',
        receivedAt: 1_000,
        messageId: '1700000000.000100',
        customerId: 'acme',
      },
    });
  });

  it('puts a thread reply in its parent thread', () => {
    const r = mapSlackMessage(envelope, { ...base, ts: '1700000001.000200', thread_ts: '1700000000.000100' }, deps);
    expect(r.kind === 'message' && r.message.conversation.threadId).toBe('1700000000.000100');
  });

  it('skips bots (bot_id or bot_message), deletions, joins, unmapped channels and envelopes without event_id', () => {
    expect(mapSlackMessage(envelope, { ...base, bot_id: 'B1' }, deps)).toEqual({ kind: 'skip', reason: 'bot' });
    expect(mapSlackMessage(envelope, { ...base, subtype: 'bot_message', user: undefined, bot_id: 'B2' }, deps)).toEqual(
      { kind: 'skip', reason: 'bot' },
    );
    expect(
      mapSlackMessage(
        envelope,
        { type: 'message', subtype: 'message_deleted', channel: 'C_ACME', deleted_ts: '1.2' },
        deps,
      ),
    ).toEqual({ kind: 'skip', reason: 'deleted' });
    expect(mapSlackMessage(envelope, { ...base, subtype: 'channel_join' }, deps)).toEqual({
      kind: 'skip',
      reason: 'subtype',
    });
    expect(mapSlackMessage(envelope, { ...base, channel: 'C_OTHER' }, deps)).toEqual({
      kind: 'skip',
      reason: 'not-customer-channel',
    });
    expect(mapSlackMessage({}, base, deps)).toEqual({ kind: 'skip', reason: 'no-event-id' });
  });

  it('maps a real edit to an "(edited)" transcript entry and skips unfurl-only changes', () => {
    const changed = {
      type: 'message',
      subtype: 'message_changed',
      channel: 'C_ACME',
      ts: '1700000009.000900',
      message: { ...base, text: 'It crashes on save' },
      previous_message: base,
    };
    const r = mapSlackMessage(envelope, changed, deps);
    expect(r).toMatchObject({
      kind: 'edit',
      message: { text: '(edited) It crashes on save', messageId: base.ts, conversation: { threadId: base.ts } },
    });
    expect(mapSlackMessage(envelope, { ...changed, message: base }, deps)).toEqual({
      kind: 'skip',
      reason: 'unchanged-edit',
    });
    expect(mapSlackMessage(envelope, { ...changed, message: { ...base, bot_id: 'B1' } }, deps)).toEqual({
      kind: 'skip',
      reason: 'bot',
    });
  });

  it('returns an ignore, never throws, when a field it reads has the wrong type (a signed but malformed event)', () => {
    const wrong = [
      { ...base, text: 42 },
      { ...base, user: {} },
      { ...base, ts: 1700000000.0001 },
      { ...base, thread_ts: [] },
      { ...base, subtype: 5 },
      { ...base, channel: 9 },
    ];
    for (const event of wrong)
      expect(mapSlackMessage(envelope, event as unknown as typeof base, deps)).toEqual({
        kind: 'skip',
        reason: 'malformed',
      });
    const changed = {
      type: 'message',
      subtype: 'message_changed',
      channel: 'C_ACME',
      ts: '1700000009.000900',
      previous_message: base,
    };
    expect(
      mapSlackMessage(envelope, { ...changed, message: { ...base, text: { bold: true } } } as never, deps),
    ).toEqual({ kind: 'skip', reason: 'malformed' });
    expect(mapSlackMessage(envelope, { ...changed, message: 'edited' } as never, deps)).toEqual({
      kind: 'skip',
      reason: 'malformed',
    });
    expect(mapSlackMessage({ event_id: 42 } as never, base, deps)).toEqual({ kind: 'skip', reason: 'no-event-id' });
  });
});
