import { describe, expect, it } from 'vitest';
import { escapeSlackText, slackLink } from './escape-slack-text.js';

describe('escapeSlackText', () => {
  it('neutralises every mention form and control character Slack parses', () => {
    const out = escapeSlackText('<!channel> <!here> <!everyone> <@U123> <!subteam^S1|@team> <#C1> a & b > c');
    expect(out).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123&gt; &lt;!subteam^S1|@team&gt; &lt;#C1&gt; a &amp; b &gt; c',
    );
    expect(out).not.toMatch(/[<>]/);
  });

  it('defuses bare @channel / @here / @everyone and leaves ordinary @names alone', () => {
    expect(escapeSlackText('ping @here and @Channel, mail me@example.com')).toBe(
      'ping @\u2060here and @\u2060Channel, mail me@example.com',
    );
  });
});

describe('slackLink', () => {
  it('keeps a label from closing the link or smuggling a mention', () => {
    expect(slackLink('https://x.test/a|b>c', 'Title <!here> | more')).toBe(
      '<https://x.test/a%7Cb%3Ec|Title &lt;!here&gt; ¦ more>',
    );
  });
});
