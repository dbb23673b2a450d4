import type { TriageOutcome } from '../../core/index.js';
import { identify } from './github-bot-deps.js';
import type { GitHubBotDeps } from './github-bot-deps.js';
import type { IssueCommentPayload } from './github-payload-types.js';
import { mapGitHubIssueComment } from './map-github-issue-comment.js';

/**
 * `issue_comment.created`: extends the ticket's transcript; a maintainer's comment is the first response. Nothing
 * is posted back: the bot only answers the opening post of an issue.
 */
export async function handleIssueComment(
  deps: GitHubBotDeps,
  payload: IssueCommentPayload,
  deliveryId: string,
): Promise<{ kind: 'message'; outcome: TriageOutcome }> {
  if (await deps.store.hasEvent('github', deliveryId))
    return { kind: 'message', outcome: { kind: 'ignored', reason: 'duplicate' } };
  const author = payload.comment.user ?? payload.sender;
  const who = await identify(deps, author, payload.repository.full_name, payload.comment.author_association);
  const msg = mapGitHubIssueComment(payload, {
    deliveryId,
    receivedAt: deps.clock.now(),
    orgs: who.orgs,
    maintainer: who.maintainer,
  });
  const outcome = await deps.engine.handle(msg);
  deps.log.info(
    {
      eventId: deliveryId,
      repo: payload.repository.full_name,
      issue: payload.issue.number,
      outcome: outcome.kind,
      maintainer: who.maintainer,
    },
    'issue comment handled',
  );
  return { kind: 'message', outcome };
}
