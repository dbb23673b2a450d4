import { describe, expect, it } from 'vitest';
import { parseMailCommand } from './parse-mail-command.js';

describe('parseMailCommand', () => {
  it('reads "solved" and its common forms', () => {
    for (const text of ['solved', 'Solved!', "It's fixed, thanks", 'that fixed it. Thank you!', 'resolved'])
      expect(parseMailCommand(text), text).toEqual({ kind: 'solved' });
  });

  it('reads a survey answer: CSAT alone or with NPS', () => {
    expect(parseMailCommand('5')).toEqual({ kind: 'rating', csat: 5, nps: null });
    expect(parseMailCommand('4 and 9')).toEqual({ kind: 'rating', csat: 4, nps: 9 });
    expect(parseMailCommand('CSAT 4, NPS 10')).toEqual({ kind: 'rating', csat: 4, nps: 10 });
    expect(parseMailCommand('3/5 8/10')).toEqual({ kind: 'rating', csat: 3, nps: 8 });
  });

  it('leaves everything else to the engine', () => {
    for (const text of [
      'not solved',
      'Is it solved?',
      '6',
      '0',
      'solved the login, but the export still fails with error 500',
      'Login fails again since version 5',
      '',
    ])
      expect(parseMailCommand(text), text).toBeNull();
  });
});
