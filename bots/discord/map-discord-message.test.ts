import { describe, expect, it } from 'vitest';
import type { DiscordMessageFacts } from './map-discord-message.js';
import { mapDiscordMessage } from './map-discord-message.js';

const settings = { helpChannels: ['300'], staffRoleIds: ['400'], botUserId: '900' };
const facts = (over: Partial<DiscordMessageFacts> = {}): DiscordMessageFacts => ({
  id: '111',
  channelId: '300',
  parentChannelId: null,
  content: 'my app crashes',
  type: 0,
  authorId: '100',
  authorName: 'mia',
  authorIsBot: false,
  webhookId: null,
  roleIds: [],
  createdAt: 1_000,
  ...over,
});

describe('mapDiscordMessage', () => {
  it('maps a top-level help-channel message to its own conversation, keyed by the message id', () => {
    expect(mapDiscordMessage(facts(), settings)).toEqual({
      platform: 'discord',
      eventId: '111',
      messageId: '111',
      conversation: { platform: 'discord', channelId: '300', threadId: '111' },
      author: { id: '100', name: 'mia', isBot: false },
      text: 'my app crashes',
      receivedAt: 1_000,
      ticketIfUnsure: true,
      authorIsStaff: false,
    });
  });

  it('maps a message inside a thread of a help channel to the parent + thread (the ticket started from that message)', () => {
    expect(
      mapDiscordMessage(facts({ id: '222', channelId: '111', parentChannelId: '300' }), settings)?.conversation,
    ).toEqual({ platform: 'discord', channelId: '300', threadId: '111' });
  });

  it('flags staff by role', () => {
    expect(mapDiscordMessage(facts({ roleIds: ['400'] }), settings)?.authorIsStaff).toBe(true);
  });

  it.each([
    ['another channel', { channelId: '301' }],
    ['a thread of another channel', { channelId: '111', parentChannelId: '301' }],
    ['a bot', { authorIsBot: true }],
    ['itself', { authorId: '900' }],
    ['a webhook', { webhookId: '55' }],
    ['a system message', { type: 18 }],
  ])('ignores %s', (_what, over) => {
    expect(mapDiscordMessage(facts(over), settings)).toBeNull();
  });
});
