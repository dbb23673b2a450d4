import type { ConversationRef } from '../../core/index.js';
import type { GitHubIssue, GitHubRepository, GitHubUser } from './github-payload-types.js';

/** One GitHub issue is one conversation: `owner/repo` + issue number. */
export function issueConversation(repository: GitHubRepository, issue: Pick<GitHubIssue, 'number'>): ConversationRef {
  return { platform: 'github', channelId: repository.full_name, threadId: String(issue.number) };
}

/** The `owner/repo` (lower-cased) of an issue conversation's key (`conversationKey(issueConversation(...))`), else null. */
export function repoOfIssueConversationKey(key: string): string | null {
  const m = /^github:([^:]+):/.exec(key);
  return m ? (m[1] as string).toLowerCase() : null;
}

/** Apps and bot accounts: `type: Bot` or a `[bot]` login (dependabot[bot], the desk's own App). */
export function isBotUser(user: GitHubUser | null | undefined): boolean {
  if (!user) return true;
  return user.type === 'Bot' || /\[bot\]$/i.test(user.login);
}

export function isPullRequest(issue: GitHubIssue): boolean {
  return issue.pull_request !== undefined && issue.pull_request !== null;
}

/** What the triage reads of an issue: the title, then the body. */
export function issueText(issue: Pick<GitHubIssue, 'title' | 'body'>): string {
  const body = (issue.body ?? '').trim();
  return body ? `${issue.title.trim()}\n\n${body}` : issue.title.trim();
}

/** The inverse of `issueText`: the first line is the title, the rest the body. */
export function issueParts(text: string): { title: string; body: string } {
  const newline = text.indexOf('\n');
  return newline < 0
    ? { title: text.trim(), body: '' }
    : { title: text.slice(0, newline).trim(), body: text.slice(newline + 1).trim() };
}

/** `owner/repo` in the configured list (GitHub names are case-insensitive). */
export function isConfiguredRepo(repos: readonly string[], fullName: string): boolean {
  const name = fullName.toLowerCase();
  return repos.some((r) => r.toLowerCase() === name);
}
