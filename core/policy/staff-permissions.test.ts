import { describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../model/types.js';
import { allowedActions, DESK_ACTIONS, mayDo, refusalFor } from './staff-permissions.js';

describe('staff permissions', () => {
  it('an agent works tickets but neither reassigns nor edits on-call', () => {
    expect(mayDo(['agent'], 'reply')).toBe(true);
    expect(mayDo(['agent'], 'work')).toBe(true);
    expect(mayDo(['agent'], 'reassign')).toBe(false);
    expect(mayDo(['agent'], 'oncall')).toBe(false);
  });

  it('a support manager also reassigns and edits on-call overrides', () => {
    for (const a of DESK_ACTIONS) expect(mayDo(['support-manager'], a), a).toBe(true);
  });

  it('an executive only reads', () => {
    expect([...allowedActions(['executive'])]).toEqual(['read']);
  });

  it('roles add up', () => {
    expect(mayDo(['executive', 'agent'], 'reply')).toBe(true);
    expect(mayDo(['executive', 'agent'], 'reassign')).toBe(false);
  });

  it('every role reads, and every refusal has a sentence', () => {
    for (const r of STAFF_ROLES) expect(mayDo([r], 'read'), r).toBe(true);
    for (const a of DESK_ACTIONS) expect(refusalFor(a)).toMatch(/\.$/);
  });
});
