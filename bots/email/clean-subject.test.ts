import { describe, expect, it } from 'vitest';
import { cleanSubject } from './clean-subject.js';

describe('cleanSubject', () => {
  it('drops reply and forward markers in the languages clients use, and the ticket key', () => {
    expect(cleanSubject('Re: [SUP-42] Login fails')).toBe('Login fails');
    expect(cleanSubject('RE: Re: AW: [SUP-42] Login fails')).toBe('Login fails');
    expect(cleanSubject('Re[2]: FW: Login fails [SUP-42]')).toBe('Login fails');
    expect(cleanSubject('RE : Fwd: WG: SV: Antw: 回复：Login fails')).toBe('Login fails');
    expect(cleanSubject('Re: [SUP-42] Re: [SUP-42] Login fails')).toBe('Login fails');
  });

  it('keeps everything else: list tags, other keys, "Automatic reply:", words starting like markers', () => {
    expect(cleanSubject('[users] Anyone else?')).toBe('[users] Anyone else?');
    expect(cleanSubject('[JIRA-12] Broken')).toBe('[JIRA-12] Broken');
    expect(cleanSubject('Automatic reply: [SUP-42] Login fails')).toBe('Automatic reply: Login fails');
    expect(cleanSubject('Refund request')).toBe('Refund request');
    expect(cleanSubject('Regarding: invoice')).toBe('Regarding: invoice');
  });

  it('uses the desk prefix, folds whitespace and line breaks', () => {
    expect(cleanSubject('Re: [HELP-3] Printer', 'HELP')).toBe('Printer');
    expect(cleanSubject('Re: [SUP-3] Printer', 'HELP')).toBe('[SUP-3] Printer');
    expect(cleanSubject('  Login\r\n  fails\t now ')).toBe('Login fails now');
    expect(cleanSubject('Re: [SUP-42]')).toBe('');
  });
});
