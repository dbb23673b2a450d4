import { describe, expect, it } from 'vitest';
import { escapeGitHubMentions } from './escape-github-mentions.js';
import { FOLLOW_UP_LINE, renderGitHubMessage } from './render-github-message.js';

describe('renderGitHubMessage', () => {
  it('links the articles with their excerpts and says how to continue', () => {
    const body = renderGitHubMessage({
      text: 'This should help.',
      articles: [
        {
          id: 'installing',
          title: 'Installing the desk',
          excerpt: 'Needs Node 20.',
          url: 'https://example.test/kb/installing.md',
        },
        { id: 'no-url', title: 'Offline article', excerpt: '' },
      ],
      actions: [{ id: 'kb.helpful', label: 'Solved it', value: 'installing' }],
    });
    expect(body).toBe(
      `This should help.\n\n- [Installing the desk](https://example.test/kb/installing.md): Needs Node 20.\n- **Offline article**\n\n${FOLLOW_UP_LINE}`,
    );
  });

  it('neutralises @mentions of users and teams in every piece of text, and keeps e-mail addresses', () => {
    const body = renderGitHubMessage({
      text: 'ping @octocat and @acme/security',
      articles: [{ id: 'a', title: 'Ask @maintainers [here]', excerpt: 'mail help@example.com or @support' }],
    });
    expect(body).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/);
    expect(body).toContain('@\u200doctocat');
    expect(body).toContain('@\u200dacme/security');
    expect(body).toContain('help@example.com');
    expect(body).toContain('Ask @\u200dmaintainers \\[here\\]');
  });

  it('has no follow-up line when there are no articles', () => {
    expect(renderGitHubMessage({ text: 'SUP-1 is open again.' })).toBe('SUP-1 is open again.');
    expect(escapeGitHubMentions('@everyone')).toBe('@\u200deveryone');
  });
});
