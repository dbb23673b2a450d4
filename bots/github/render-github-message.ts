import type { OutboundMessage } from '../../core/index.js';
import { escapeLinkText, escapeGitHubMentions } from './escape-github-mentions.js';

export const FOLLOW_UP_LINE = 'If this does not help, reply here and a maintainer will follow up.';

/**
 * An outbound message as a GitHub issue comment in Markdown: the text, the articles as links with a short excerpt,
 * and how to continue. Every piece of text is escaped so no @mention in it notifies anyone. Buttons have no
 * GitHub equivalent and are left out.
 */
export function renderGitHubMessage(message: OutboundMessage): string {
  const parts = [escapeGitHubMentions(message.text.trim())];
  const articles = message.articles ?? [];
  if (articles.length) {
    parts.push(
      articles
        .map((a) => {
          const title = escapeLinkText(a.title);
          const link = a.url
            ? `[${title}](${a.url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`
            : `**${title}**`;
          const excerpt = escapeGitHubMentions(a.excerpt.replace(/\s+/g, ' ').trim());
          return excerpt ? `- ${link}: ${excerpt}` : `- ${link}`;
        })
        .join('\n'),
    );
    parts.push(FOLLOW_UP_LINE);
  }
  return parts.filter(Boolean).join('\n\n');
}
