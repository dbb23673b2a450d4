import type { NewOutboxItem, OutboundMessage } from '../../core/model/outbound-message.js';
import type { Ticket } from '../../core/model/ticket.js';
import type { TriageOutcome } from '../../core/engine/triage-outcome.js';
import { classify, identify } from './github-event-deps.js';
import type { GitHubEventDeps } from './github-event-deps.js';
import type { IssuesPayload } from './github-payload-types.js';
import { labelWriteMessage } from './label-write.js';
import { mapIssueOpened } from './map-issue-opened.js';
import { triageLabels } from './triage-labels.js';

export interface IssueTriage {
  kind: 'triaged';
  outcome: TriageOutcome;
  labels: string[];
  commented: boolean;
}

export const TICKET_ARTICLES_TEXT = 'These articles may help while a maintainer looks at this:';

/** The one comment a new issue may get: the best articles when the classifier was sure and the KB had them. */
function answerFor(outcome: TriageOutcome): OutboundMessage | null {
  if (outcome.kind === 'answered' && !outcome.abstained && outcome.articles.length) return outcome.reply;
  if (outcome.kind === 'ticket-opened' && outcome.classification.confident && outcome.reply.articles?.length) {
    // The ticket's SLA and priority stay private: the issue is public.
    return { text: TICKET_ARTICLES_TEXT, articles: outcome.reply.articles };
  }
  return null;
}

/**
 * `issues.opened`: the engine triages the issue (ticket for a paying customer, KB answer for a confident question),
 * and the labels and at most one comment are queued in the outbox IN THE SAME TRANSACTION as the issue itself (the
 * engine's `outboxFor`), so no crash can store the issue without its labels. A redelivery re-queues them under the
 * same dedupe keys, which changes nothing when they were queued.
 */
export async function handleIssueOpened(
  deps: GitHubEventDeps,
  payload: IssuesPayload,
  deliveryId: string,
): Promise<IssueTriage> {
  const author = payload.issue.user ?? payload.sender;
  const repo = payload.repository.full_name;
  const seen = await deps.store.hasEvent('github', deliveryId); // a redelivery: no lookups, the engine ignores it
  const who = seen
    ? { orgs: [], maintainer: false }
    : await identify(deps, author, repo, payload.issue.author_association);
  const now = deps.clock.now();
  const msg = mapIssueOpened(payload, { deliveryId, receivedAt: now, orgs: who.orgs, maintainer: who.maintainer });
  const issueType = deps.issueType?.(repo, payload.issue.title, payload.issue.body ?? '') ?? null;

  let labels: string[] = [];
  let answer: OutboundMessage | null = null;
  let queued = false;
  const item = (message: OutboundMessage, purpose: string): NewOutboxItem => ({
    platform: 'github',
    conversation: msg.conversation,
    message,
    dedupeKey: `github-${purpose}:${deliveryId}`,
  });
  const itemsFor = (outcome: TriageOutcome, ticket: Ticket | null): NewOutboxItem[] => {
    queued = true;
    const classification = ('classification' in outcome && outcome.classification) || classify(deps, msg.text);
    labels = triageLabels(classification, ticket?.priority ?? null, issueType);
    answer = answerFor(outcome);
    return [...(answer ? [item(answer, 'answer')] : []), item(labelWriteMessage(labels), 'labels')];
  };
  const outcome: TriageOutcome = seen
    ? { kind: 'ignored', reason: 'duplicate' }
    : await deps.engine.handle(msg, { outboxFor: (o) => itemsFor(o, 'ticket' in o ? o.ticket : null) });
  if (!queued || (outcome.kind === 'ignored' && outcome.reason === 'duplicate')) {
    // A redelivery (or an issue the engine stored nothing for): queue the same items under the same dedupe keys.
    const ticket = await deps.store.findTicketForConversation(msg.conversation);
    const r = await deps.store.commit({ at: now, outbox: itemsFor(outcome, ticket) });
    if (r.kind === 'committed' && r.outboxIds.length) deps.onQueued?.();
  }
  deps.log.info(
    {
      eventId: deliveryId,
      repo,
      issue: payload.issue.number,
      outcome: outcome.kind,
      labels,
      issueType,
      commented: answer !== null,
    },
    'issue triaged',
  );
  return { kind: 'triaged', outcome, labels, commented: answer !== null };
}
