import { describe, expect, it } from 'vitest';
import { parseRatingValue } from './handle-feedback-button.js';
import { parseSupportCommand } from './parse-support-command.js';

describe('parseSupportCommand', () => {
  it('reads the sub-command and keeps the rest verbatim', () => {
    expect(parseSupportCommand('  STATUS ')).toEqual({ verb: 'status' });
    expect(parseSupportCommand('kb  rotate   token')).toEqual({ verb: 'kb', query: 'rotate   token' });
    expect(parseSupportCommand('new Export\nfails')).toEqual({ verb: 'new', text: 'Export\nfails' });
    expect(parseSupportCommand('oncall')).toEqual({ verb: 'oncall' });
    expect(parseSupportCommand('')).toEqual({ verb: 'help' });
    expect(parseSupportCommand('launch rockets')).toEqual({ verb: 'help', unknown: 'launch' });
  });
});

describe('parseRatingValue', () => {
  it('splits key and score at the last colon', () => {
    expect(parseRatingValue('SUP-12:4')).toEqual({ key: 'SUP-12', score: 4 });
    expect(parseRatingValue('SUP-12:x')).toBeNull();
    expect(parseRatingValue(':3')).toBeNull();
  });
});
