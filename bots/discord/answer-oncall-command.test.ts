import { describe, expect, it } from 'vitest';
import { onCallText } from './answer-oncall-command.js';

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
