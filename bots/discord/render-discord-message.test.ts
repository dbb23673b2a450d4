import { ButtonStyle } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { renderDiscordMessage } from './render-discord-message.js';
import { ticketThreadName } from './ticket-thread-name.js';

const roles = { staffRoleIds: ['400'] };

describe('renderDiscordMessage', () => {
  it('renders articles as embeds (title, clipped excerpt, web link only) and actions as buttons', () => {
    const body = renderDiscordMessage(
      {
        text: 'This article should help:',
        articles: [
          { id: 'a', title: 'Installing', excerpt: 'x'.repeat(500), url: 'https://docs.example/a.md' },
          { id: 'b', title: 'Other', excerpt: 'short', url: 'javascript:alert(1)' },
        ],
        actions: [
          { id: 'kb.helpful', label: 'Solved it', value: 'a', style: 'primary' },
          { id: 'ticket.open', label: 'Open a ticket', value: 'a' },
        ],
      },
      roles,
    );
    expect(body.embeds[0]).toMatchObject({ title: 'Installing', url: 'https://docs.example/a.md' });
    expect(body.embeds[0]!.description!.length).toBe(300);
    expect(body.embeds[1]).not.toHaveProperty('url');
    expect(body.components[0]!.components.map((b) => [b.custom_id, b.style])).toEqual([
      ['kb.helpful:a', ButtonStyle.Primary],
      ['ticket.open:a', ButtonStyle.Secondary],
    ]);
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it('escapes mentions in text and pings the staff roles only when asked', () => {
    const quiet = renderDiscordMessage({ text: 'hi @everyone <@&400> <@123>' }, roles);
    expect(quiet.content).toBe('hi @\u200beveryone <@\u200b&400> <@\u200b123>');
    const loud = renderDiscordMessage({ text: 'Service down', notifyStaff: true }, roles);
    expect(loud.content).toBe('<@&400> Service down');
    expect(loud.allowedMentions).toEqual({ parse: [], repliedUser: false, roles: ['400'] });
  });

  it('puts CSAT and NPS scales on separate rows of at most five buttons', () => {
    const actions = [
      ...[1, 2, 3, 4, 5].map((n) => ({ id: 'rate.csat', label: String(n), value: `SUP-1:${n}` })),
      ...Array.from({ length: 11 }, (_, n) => ({ id: 'rate.nps', label: String(n), value: `SUP-1:${n}` })),
    ];
    expect(renderDiscordMessage({ text: 'rate', actions }, roles).components.map((r) => r.components.length)).toEqual([
      5, 5, 5, 1,
    ]);
  });

  it('keeps content within 2000 characters', () => {
    expect(renderDiscordMessage({ text: 'y'.repeat(5000), notifyStaff: true }, roles).content.length).toBe(2000);
  });
});

describe('ticketThreadName', () => {
  it('is "KEY: summary" on one line, within 100 characters', () => {
    expect(ticketThreadName('SUP-42', 'Login\nfails')).toBe('SUP-42: Login fails');
    const long = ticketThreadName('SUP-42', 'z'.repeat(300));
    expect(long).toHaveLength(100);
    expect(long.endsWith('…')).toBe(true);
  });
});
