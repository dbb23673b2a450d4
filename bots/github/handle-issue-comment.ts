import type { TriageOutcome } from '../../core/engine/triage-outcome.js';
import { identify } from './github-event-deps.js';
import type { GitHubEventDeps } from './github-event-deps.js';
import type { IssueCommentPayload } from './github-payload-types.js';
import { mapIssueComment } from './map-issue-comment.js';

/**
 * `issue_comment.created`: extends the ticket's transcript; a maintainer's comment is the first response. Nothing
 * is posted back: the bot only answers the opening post of an issue.
 */
export async function handleIssueComment(
  deps: GitHubEventDeps,
  payload: IssueCommentPayload,
  deliveryId: string,
): Promise<{ kind: 'message'; outcome: TriageOutcome }> {
  if (await deps.store.hasEvent('github', deliveryId))
    return { kind: 'message', outcome: { kind: 'ignored', reason: 'duplicate' } };
  const author = payload.comment.user ?? payload.sender;
  const who = await identify(deps, author, payload.repository.full_name, payload.comment.author_association);
  const msg = mapIssueComment(payload, {
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
