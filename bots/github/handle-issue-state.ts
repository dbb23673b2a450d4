import { conversationKey } from '../../core/index.js';
import type { ActionResult } from '../../core/index.js';
import type { GitHubBotDeps } from './github-bot-deps.js';
import type { IssuesPayload } from './github-payload-types.js';
import { issueConversation } from './issue-conversation.js';

export type IssueStateResult =
  | { kind: 'ticket-action'; verb: 'resolve' | 'reopen'; result: ActionResult['kind']; ticket: string }
  | { kind: 'skipped'; reason: 'duplicate' | 'no-ticket' };

/**
 * `issues.closed` resolves the issue's ticket, `issues.reopened` reopens it. GitHub already checked that the sender
 * may do this (the issue's author or someone with triage access), so the desk acts for them. The delivery id is
 * recorded afterwards, so a redelivery, even after the issue changed again, changes nothing.
 */
export async function handleIssueState(
  deps: GitHubBotDeps,
  payload: IssuesPayload,
  deliveryId: string,
): Promise<IssueStateResult> {
  if (await deps.store.hasEvent('github', deliveryId)) return { kind: 'skipped', reason: 'duplicate' };
  const conversation = issueConversation(payload.repository, payload.issue);
  const ticket = await deps.store.findTicketForConversation(conversation);
  if (!ticket) return { kind: 'skipped', reason: 'no-ticket' };
  const verb = payload.action === 'closed' ? 'resolve' : 'reopen';
  const result = await deps.actions.act(
    verb,
    ticket.key,
    { platform: 'github', userId: payload.sender.login, isStaff: true },
    `GitHub issue ${payload.action} by ${payload.sender.login}`,
  );
  const now = deps.clock.now();
  await deps.store.commit({
    at: now,
    event: {
      platform: 'github',
      eventId: deliveryId,
      receivedAt: now,
      conversationKey: conversationKey(conversation),
      authorId: payload.sender.login,
      outcome: `github:${verb}:${result.kind}`,
    },
  });
  deps.log.info({ eventId: deliveryId, ticket: ticket.key, verb, result: result.kind }, 'issue state change applied');
  return { kind: 'ticket-action', verb, result: result.kind, ticket: ticket.key };
}
