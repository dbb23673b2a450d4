import { describe, expect, it } from 'vitest';
import type { DeliveryAttempt } from '../../core/index.js';
import { findPostedCopy, outboxMetadata } from './find-posted-copy.js';

const delivery: DeliveryAttempt = { token: 'tok-1', since: 1_700_000_000_000, retry: true };

/** A Slack client whose channels hold the given messages; records the calls it answers. */
function client(channels: Record<string, { ts: string; metadata?: unknown }[]>) {
  const calls: [string, Record<string, unknown>][] = [];
  const conversations = {
    open: async (args: Record<string, unknown>) => {
      calls.push(['conversations.open', args]);
      return { ok: true, channel: { id: `D${String(args.users)}` } };
    },
    history: async (args: Record<string, unknown>) => {
      calls.push(['conversations.history', args]);
      return { ok: true, messages: channels[String(args.channel)] ?? [], has_more: false };
    },
    replies: async (args: Record<string, unknown>) => {
      calls.push(['conversations.replies', args]);
      return { ok: true, messages: channels[String(args.channel)] ?? [], has_more: false };
    },
  };
  return { calls, api: { conversations } as unknown as Parameters<typeof findPostedCopy>[0] };
}

describe('finding an earlier copy of an outbox post', () => {
  it('finds a page in the person’s DM (opened with conversations.open), by its token', async () => {
    const { api, calls } = client({
      DU_ALICE: [
        { ts: '1.1', metadata: outboxMetadata({ ...delivery, token: 'other' }) },
        { ts: '1.2', metadata: outboxMetadata(delivery) },
      ],
    });
    expect(await findPostedCopy(api, { platform: 'slack', channelId: 'dm:U_ALICE' }, delivery)).toBe('1.2');
    expect(calls.map(([m, a]) => [m, a.users ?? a.channel])).toEqual([
      ['conversations.open', 'U_ALICE'],
      ['conversations.history', 'DU_ALICE'],
    ]);
  });

  it('finds nothing when no message carries the token (the page is then posted)', async () => {
    const { api } = client({ DU_ALICE: [{ ts: '1.1' }] });
    expect(await findPostedCopy(api, { platform: 'slack', channelId: 'dm:U_ALICE' }, delivery)).toBeNull();
  });

  it('looks in a thread’s replies for a thread post', async () => {
    const { api, calls } = client({ C1: [{ ts: '2.1', metadata: outboxMetadata(delivery) }] });
    expect(await findPostedCopy(api, { platform: 'slack', channelId: 'C1', threadId: '2.0' }, delivery)).toBe('2.1');
    expect(calls.map(([m]) => m)).toEqual(['conversations.replies']);
  });
});
