import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../core/index.js';
import { baseActionId, renderSlackMessage } from './render-slack-message.js';

const summary: TicketSummary = {
  key: 'SUP-7',
  subject: 'Hi <!channel> it crashes',
  category: 'bug',
  customerName: 'Acme Corp',
  conversation: { platform: 'slack', channelId: 'C_ACME', threadId: '1.1' },
  priority: 'high',
  tier: 'enterprise',
  status: 'open',
  dueText: 'Wed 4 Mar 2026, 13:00 EST',
  dueAt: 0,
};

describe('renderSlackMessage', () => {
  it('renders an announcement with ticket fields, escaped subject, thread link and unique action ids', () => {
    const r = renderSlackMessage(
      {
        text: 'New high ticket',
        ticket: summary,
        notifyStaff: true,
        actions: [
          { id: 'ticket.claim', label: 'Claim', value: 'SUP-7', style: 'primary' },
          { id: 'ticket.resolve', label: 'Resolve', value: 'SUP-7' },
        ],
      },
      {
        conversation: { platform: 'slack', channelId: 'C_STAFF' },
        staffChannel: 'C_STAFF',
        threadLink: 'https://x.test/archives/C_ACME/p11',
      },
    );
    const json = JSON.stringify(r.blocks);
    expect(r.text).toBe('<!here> New high ticket');
    for (const part of [
      'Acme Corp',
      'enterprise',
      'high',
      'Wed 4 Mar 2026, 13:00 EST',
      '&lt;!channel&gt;',
      '<https://x.test/archives/C_ACME/p11|Open the thread>',
    ])
      expect(json).toContain(part);
    expect(json).not.toContain('<!channel>');
    expect(r.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [
        { action_id: 'ticket.claim', value: 'SUP-7', style: 'primary' },
        { action_id: 'ticket.resolve', value: 'SUP-7' },
      ],
    });
  });

  it('never pings outside the staff channel and shows no ticket card in the ticket’s own thread', () => {
    const r = renderSlackMessage(
      { text: 'I opened SUP-7', ticket: summary, notifyStaff: true },
      { conversation: summary.conversation, staffChannel: 'C_STAFF' },
    );
    expect(r.text).toBe('I opened SUP-7');
    expect(r.blocks).toHaveLength(1);
  });

  it('suffixes repeated action ids within a row and maps them back', () => {
    const r = renderSlackMessage(
      { text: 'Rate', actions: [1, 2].map((n) => ({ id: 'rate.csat', label: String(n), value: `SUP-7:${n}` })) },
      { conversation: summary.conversation },
    );
    expect(r.blocks[1]).toMatchObject({ elements: [{ action_id: 'rate.csat#0' }, { action_id: 'rate.csat#1' }] });
    expect(baseActionId('rate.csat#1')).toBe('rate.csat');
    expect(baseActionId('ticket.claim')).toBe('ticket.claim');
  });
});
