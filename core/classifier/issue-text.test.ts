import { describe, expect, it } from 'vitest';
import { issueText, TITLE_START } from './issue-text.js';

describe('issueText', () => {
  it('repeats the title and replaces code, links, images and template comments with marker words', () => {
    const body =
      '<!-- Please fill in the template -->\n### Steps\nSee https://example.com/x and ![shot](a.png)\n```\nat foo (bar.js:1)\n```\nrun `npm ci`';
    expect(issueText('App crashes', body)).toBe(
      'titlestart App crashes\ntitlestart App crashes\n### Steps See link and screenshot codeblock run inlinecode',
    );
  });

  it('cuts the cleaned body and honours titleRepeat', () => {
    expect(issueText('T', 'x'.repeat(5000), { titleRepeat: 1, maxBodyChars: 10 })).toBe(
      `titlestart T\n${'x'.repeat(10)}`,
    );
  });

  it('copes with an unterminated code fence', () => {
    expect(issueText('T', 'before ```\nnever closed', { titleRepeat: 1 })).toBe('titlestart T\nbefore codeblock');
  });

  it('marks where the title starts, so its first word is a feature of its own', () => {
    expect(issueText('  How do I add a theme?  ', '', { titleRepeat: 1 })).toBe(
      `${TITLE_START} How do I add a theme?\n`,
    );
  });
});
