const ZWJ = '\u200d';

/**
 * Neutralises GitHub @mentions of users and teams (`@octocat`, `@org/team`) by putting a zero-width joiner after
 * the `@`: the text reads the same, nobody is notified. E-mail addresses (`a@b.c`) are not mentions and stay as is.
 */
export function escapeGitHubMentions(text: string): string {
  return text.replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, `$1@${ZWJ}`);
}

/** Text for inside a Markdown link label: mentions neutralised, brackets and newlines made harmless. */
export function escapeLinkText(text: string): string {
  return escapeGitHubMentions(text)
    .replace(/[[\]]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .trim();
}
