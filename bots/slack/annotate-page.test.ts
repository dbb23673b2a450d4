import { describe, expect, it } from 'vitest';
import { annotatePage } from './annotate-page.js';
import { renderSlackMessage } from './render-slack-message.js';

const page = renderSlackMessage(
  {
    text: 'Page, escalation step 1 of 2: SUP-1 missed its first response target. Acknowledge to stop the escalation.',
    actions: [
      { id: 'escalation.ack', label: 'Acknowledge', value: '7', style: 'primary' },
      { id: 'ticket.claim', label: 'Claim', value: 'SUP-1' },
    ],
  },
  { conversation: { platform: 'slack', channelId: 'dm:U_ALICE' } },
).blocks;

describe('annotatePage', () => {
  it('keeps the text, drops the named buttons (and rows left empty) and extends the history', () => {
    const acked = annotatePage(page, { line: 'Acknowledged by <@U_ALICE>', drop: ['escalation.ack'] });
    expect(acked[0]).toEqual(page[0]);
    expect(JSON.stringify(acked)).not.toContain('escalation.ack');
    expect(JSON.stringify(acked)).toContain('"action_id":"ticket.claim"');
    const claimed = annotatePage(acked, { line: 'Claimed by <@U_ALICE>', drop: ['ticket.claim'] });
    expect(claimed.filter((b) => b.type === 'actions')).toEqual([]);
    expect(claimed.at(-1)).toEqual({
      type: 'context',
      block_id: 'history',
      elements: [
        { type: 'mrkdwn', text: 'Acknowledged by <@U_ALICE>', verbatim: true },
        { type: 'mrkdwn', text: 'Claimed by <@U_ALICE>', verbatim: true },
      ],
    });
  });
});
