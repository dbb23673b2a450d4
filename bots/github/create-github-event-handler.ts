import type { GitHubBotDeps } from './github-bot-deps.js';
import { isSelf } from './github-bot-deps.js';
import { isIssueCommentPayload, isIssueEventPayload } from './github-payload-types.js';
import type { IssuesPayload } from './github-payload-types.js';
import { handleIssueComment } from './handle-issue-comment.js';
import { handleIssueOpened } from './handle-issue-opened.js';
import type { IssueTriage } from './handle-issue-opened.js';
import { handleIssueState } from './handle-issue-state.js';
import type { IssueStateResult } from './handle-issue-state.js';
import { handleLabelChange } from './handle-label-change.js';
import type { LabelChangeResult } from './handle-label-change.js';
import { isBotUser, isConfiguredRepo, isPullRequest } from './issue-conversation.js';
import type { TriageOutcome } from '../../core/index.js';

/** The webhook events the desk subscribes to. */
export const HANDLED_EVENTS = [
  'issues.opened',
  'issues.closed',
  'issues.reopened',
  'issues.labeled',
  'issues.unlabeled',
  'issue_comment.created',
] as const;

export type SkipReason = 'unsupported-event' | 'invalid-payload' | 'unknown-repo' | 'pull-request' | 'bot';

export type GitHubEventResult =
  | { kind: 'skipped'; reason: SkipReason }
  | IssueTriage
  | { kind: 'message'; outcome: TriageOutcome }
  | IssueStateResult
  | LabelChangeResult;

export interface GitHubEventHandler {
  /** One delivery: `name` is the `x-github-event` header, `deliveryId` the `x-github-delivery` GUID. */
  handle(name: string, deliveryId: string, payload: unknown): Promise<GitHubEventResult>;
}

/**
 * Routes GitHub deliveries to the handlers. Pull requests, bots (including the desk itself) and repositories
 * not in `github.repos` are left alone before anything is read or written.
 */
export function createGitHubEventHandler(deps: GitHubBotDeps): GitHubEventHandler {
  const skip = (reason: SkipReason): GitHubEventResult => ({ kind: 'skipped', reason });

  function guard(payload: IssuesPayload): SkipReason | null {
    if (!isConfiguredRepo(deps.config.github.repos, payload.repository.full_name)) return 'unknown-repo';
    if (isPullRequest(payload.issue)) return 'pull-request';
    if (isBotUser(payload.sender) || isSelf(deps, payload.sender)) return 'bot';
    return null;
  }

  return {
    async handle(name, deliveryId, payload) {
      const event = `${name}.${(payload as { action?: unknown } | null)?.action ?? ''}`;
      if (!(HANDLED_EVENTS as readonly string[]).includes(event)) return skip('unsupported-event');
      if (!isIssueEventPayload(payload)) return skip('invalid-payload');
      const reason = guard(payload);
      if (reason) return skip(reason);
      if (payload.installation?.id !== undefined)
        deps.rememberInstallation?.(payload.repository.full_name, payload.installation.id);

      if (name === 'issue_comment') {
        if (!isIssueCommentPayload(payload)) return skip('invalid-payload');
        const author = payload.comment.user;
        if (isBotUser(author) || isSelf(deps, author)) return skip('bot');
        return handleIssueComment(deps, payload, deliveryId);
      }
      switch (payload.action) {
        case 'opened':
          if (isBotUser(payload.issue.user)) return skip('bot');
          return handleIssueOpened(deps, payload, deliveryId);
        case 'closed':
        case 'reopened':
          return handleIssueState(deps, payload, deliveryId);
        default:
          return handleLabelChange(deps, payload, deliveryId);
      }
    },
  };
}
