import { describe, expect, it } from 'vitest';
import { emailHtmlToText } from './email-html-to-text.js';

describe('emailHtmlToText', () => {
  it('keeps paragraphs and breaks unwrapped, shows links once, drops images', () => {
    const html =
      '<p>A long paragraph that goes on and on well past eighty characters so that a wrapper would have broken it.</p>' +
      '<p>Line one<br>Line two <a href="https://x.example/a">the guide</a> ' +
      '<a href="https://x.example/b">https://x.example/b</a><img src="cid:logo" alt="Logo"></p>';
    expect(emailHtmlToText(html)).toBe(
      'A long paragraph that goes on and on well past eighty characters so that a wrapper would have broken it.\n\n' +
        'Line one\nLine two the guide [https://x.example/a] https://x.example/b',
    );
  });

  it('lays out tables as columns and quotes blockquotes', () => {
    expect(emailHtmlToText('<table><tr><th>Name</th><th>Code</th></tr><tr><td>a</td><td>502</td></tr></table>')).toBe(
      'Name   Code\na      502',
    );
    expect(emailHtmlToText('<p>Yes</p><blockquote>Old text</blockquote>')).toBe('Yes\n\n> Old text');
  });
});
