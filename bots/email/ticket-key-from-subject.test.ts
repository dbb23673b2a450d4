import { describe, expect, it } from 'vitest';
import { ticketKeyFromSubject } from './ticket-key-from-subject.js';

describe('ticketKeyFromSubject', () => {
  it('finds the bracketed key wherever clients put it', () => {
    expect(ticketKeyFromSubject('Re: [SUP-42] Login fails')).toBe('SUP-42');
    expect(ticketKeyFromSubject('RE: AW: Login fails [SUP-1234]')).toBe('SUP-1234');
    expect(ticketKeyFromSubject('Automatic reply: [ sup-7 ] Login fails')).toBe('SUP-7');
    expect(ticketKeyFromSubject('Re: [SUP-42] Fwd: [SUP-17] two tickets')).toBe('SUP-42');
  });

  it('ignores bare keys, other prefixes and malformed numbers', () => {
    expect(ticketKeyFromSubject('SUP-42 Login fails')).toBeNull();
    expect(ticketKeyFromSubject('[JIRA-42] Login fails')).toBeNull();
    expect(ticketKeyFromSubject('[SUPPORT-42] Login fails')).toBeNull();
    expect(ticketKeyFromSubject('[SUP-0] Login fails')).toBeNull();
    expect(ticketKeyFromSubject('[SUP-42a] Login fails')).toBeNull();
    expect(ticketKeyFromSubject('')).toBeNull();
  });

  it('uses the desk prefix it is given, and refuses one that is not 2-6 capital letters', () => {
    expect(ticketKeyFromSubject('Re: [HELP-9] Printer', 'HELP')).toBe('HELP-9');
    expect(ticketKeyFromSubject('Re: [SUP-9] Printer', 'HELP')).toBeNull();
    expect(() => ticketKeyFromSubject('x', 'S.*')).toThrow(/2-6 capital letters/);
  });
});
