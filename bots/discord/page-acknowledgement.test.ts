import { describe, expect, it } from 'vitest';
import { onCallText } from './oncall-command.js';
import { acknowledgedRows } from './page-acknowledgement.js';

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

describe('onCallText', () => {
  const alice = { id: 'alice', name: 'Alice Agent', roles: [], timezone: 'UTC' } as never;
  it('marks a slot that an override fills', () => {
    const text = onCallText({
      now: { shift: 'emea', staff: alice, startsAt: 0, endsAt: 3_600_000, overrideId: 3 },
      next: { shift: 'override', staff: alice, startsAt: 3_600_000, endsAt: 7_200_000, overrideId: 4 },
    });
    expect(text).toBe(
      'On call now: **Alice Agent** (emea shift, override, until <t:3600:f>).\nNext: **Alice Agent** (override, from <t:3600:f>).',
    );
  });
  it('says when nobody is on call', () => {
    expect(onCallText({ now: null, next: null })).toBe('Nobody is on call right now.\nNo later shift is scheduled.');
  });
});
