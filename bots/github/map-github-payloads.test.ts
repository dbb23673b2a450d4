import { createRequire } from 'node:module';
import type { EmitterWebhookEvent } from '@octokit/webhooks';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { describe, expect, it } from 'vitest';
import type { IssueCommentPayload, IssuesPayload } from './github-payload-types.js';
import { isIssueCommentPayload, isIssueEventPayload } from './github-payload-types.js';
import { isBotUser, isConfiguredRepo, isPullRequest } from './issue-conversation.js';
import { mapGitHubIssueComment } from './map-github-issue-comment.js';
import { mapGitHubIssueOpened } from './map-github-issue-opened.js';

// Compile-time proof that GitHub's recorded payloads and @octokit/webhooks' typed payloads fit the narrow types.
type IssuesExample = WebhookDefinition<'issues'>['examples'][number];
type CommentExample = WebhookDefinition<'issue_comment'>['examples'][number];
type Fits<A extends B, B> = [A, B];
// biome-ignore lint/correctness/noUnusedVariables: a compile-time check, read by tsc only
type PayloadsFit = [
  Fits<IssuesExample, IssuesPayload>,
  Fits<CommentExample, IssueCommentPayload>,
  Fits<EmitterWebhookEvent<'issues.opened'>['payload'], IssuesPayload>,
  Fits<EmitterWebhookEvent<'issues.labeled'>['payload'], IssuesPayload>,
  Fits<EmitterWebhookEvent<'issue_comment.created'>['payload'], IssueCommentPayload>,
];

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
const examples = (event: string, action: string) =>
  (definitions.find((d) => d.name === event)?.examples ?? []).filter(
    (e) => (e as { action?: string }).action === action,
  ) as unknown[];

describe('GitHub payload mappers on @octokit/webhooks-examples', () => {
  it('maps every recorded issues.opened example to the opening message of the issue conversation', () => {
    const opened = examples('issues', 'opened');
    expect(opened.length).toBeGreaterThan(0);
    for (const raw of opened) {
      expect(isIssueEventPayload(raw)).toBe(true);
      const p = raw as IssuesPayload;
      const msg = mapGitHubIssueOpened(p, { deliveryId: 'd-1', receivedAt: 5, orgs: ['octo-org'] });
      expect(msg).toMatchObject({
        platform: 'github',
        eventId: 'd-1',
        conversation: { platform: 'github', channelId: p.repository.full_name, threadId: String(p.issue.number) },
        author: { id: p.issue.user?.login, isBot: false, orgs: ['octo-org'] },
        receivedAt: 5,
        replyInline: true,
      });
      expect(msg.text.startsWith(p.issue.title)).toBe(true);
      expect(msg.authorIsStaff).toBeUndefined();
    }
  });

  it('maps every recorded issue_comment.created example to a message with the comment id', () => {
    for (const raw of examples('issue_comment', 'created')) {
      expect(isIssueCommentPayload(raw)).toBe(true);
      const p = raw as IssueCommentPayload;
      const msg = mapGitHubIssueComment(p, { deliveryId: 'd-2', receivedAt: 1, maintainer: true });
      expect(msg).toMatchObject({
        text: p.comment.body,
        messageId: String(p.comment.id),
        authorIsStaff: true,
        conversation: { threadId: String(p.issue.number) },
      });
    }
  });

  it('recognises bots, pull requests and configured repositories', () => {
    expect(isBotUser({ login: 'dependabot[bot]', type: 'Bot' })).toBe(true);
    expect(isBotUser({ login: 'renovate[bot]' })).toBe(true);
    expect(isBotUser({ login: 'octocat', type: 'User' })).toBe(false);
    const [pr] = examples('issues', 'milestoned') as IssuesPayload[];
    expect(pr && isPullRequest(pr.issue)).toBe(true);
    expect(isConfiguredRepo(['Codertocat/Hello-World'], 'codertocat/hello-world')).toBe(true);
    expect(isConfiguredRepo(['acme/widgets'], 'acme/widgets-fork')).toBe(false);
    expect(isIssueEventPayload({ action: 'opened', issue: { number: 1 } })).toBe(false);
  });
});
