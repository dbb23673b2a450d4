import type { Classification, NewOutboxItem, OutboundMessage, Priority, TriageOutcome } from '../../core/index.js';
import { identify } from './github-bot-deps.js';
import type { GitHubBotDeps } from './github-bot-deps.js';
import type { IssuesPayload } from './github-payload-types.js';
import { labelWriteMessage } from './label-write.js';
import { mapGitHubIssueOpened } from './map-github-issue-opened.js';
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

/** What the labels are made of: the engine's classification and the priority of the issue's ticket (null: none). */
function labelInputs(outcome: TriageOutcome): { classification: Classification; priority: Priority | null } | null {
  if (outcome.kind === 'ignored')
    return outcome.classification
      ? { classification: outcome.classification, priority: outcome.priority ?? null }
      : null;
  if (!outcome.classification) return null;
  return { classification: outcome.classification, priority: 'ticket' in outcome ? outcome.ticket.priority : null };
}

/**
 * `issues.opened`: the engine triages the issue (ticket for a paying customer, KB answer for a confident question)
 * and classifies it whatever it decides (`alwaysClassify`: a maintainer's own issue is labeled too); the labels and
 * at most one comment are queued in the outbox IN THE SAME TRANSACTION as the issue itself (the engine's
 * `outboxFor`), so no crash can store the issue without its labels. A redelivery: the engine re-queues them under
 * the same dedupe keys, which changes nothing when they were queued.
 */
export async function handleIssueOpened(
  deps: GitHubBotDeps,
  payload: IssuesPayload,
  deliveryId: string,
): Promise<IssueTriage> {
  const author = payload.issue.user ?? payload.sender;
  const repo = payload.repository.full_name;
  const seen = await deps.store.hasEvent('github', deliveryId); // a redelivery: no lookups, the engine ignores it
  const who = seen
    ? { orgs: [], maintainer: false }
    : await identify(deps, author, repo, payload.issue.author_association);
  const msg = mapGitHubIssueOpened(payload, {
    deliveryId,
    receivedAt: deps.clock.now(),
    orgs: who.orgs,
    maintainer: who.maintainer,
  });
  const issueType = deps.issueType?.(repo, payload.issue.title, payload.issue.body ?? '') ?? null;

  let labels: string[] = [];
  let answer: OutboundMessage | null = null;
  const item = (message: OutboundMessage, purpose: string): NewOutboxItem => ({
    platform: 'github',
    conversation: msg.conversation,
    message,
    dedupeKey: `github-${purpose}:${deliveryId}`,
  });
  const itemsFor = (outcome: TriageOutcome): NewOutboxItem[] => {
    const inputs = labelInputs(outcome);
    if (!inputs) return []; // not reached: with alwaysClassify every outcome carries the classification
    labels = triageLabels(inputs.classification, inputs.priority, issueType);
    answer = answerFor(outcome);
    return [...(answer ? [item(answer, 'answer')] : []), item(labelWriteMessage(labels), 'labels')];
  };
  const outcome = await deps.engine.handle(msg, { alwaysClassify: true, outboxFor: itemsFor });
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
