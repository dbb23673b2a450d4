import { describe, expect, it } from 'vitest';
import { acknowledgedRows } from './handle-page-ack.js';

describe('acknowledgedRows', () => {
  it('disables and relabels only the Acknowledge button, keeping other buttons and rows as they were', () => {
    const rows = [
      {
        type: 1,
        components: [
          { type: 2, custom_id: 'escalation.ack:7', label: 'Acknowledge', style: 1 },
          { type: 2, custom_id: 'ticket.claim:SUP-1', label: 'Claim', style: 2 },
        ],
      },
      { type: 1, components: [{ type: 2, custom_id: 'kb.helpful:x', label: 'Solved it', style: 2 }] },
    ];
    expect(acknowledgedRows(rows)).toEqual([
      {
        type: 1,
        components: [
          { type: 2, custom_id: 'escalation.ack:7', label: 'Acknowledged', style: 1, disabled: true },
          { type: 2, custom_id: 'ticket.claim:SUP-1', label: 'Claim', style: 2 },
        ],
      },
      rows[1],
    ]);
    expect(rows[0]!.components[0]).not.toHaveProperty('disabled');
  });
});
