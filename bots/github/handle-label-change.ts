import { CATEGORIES, conversationKey } from '../../core/index.js';
import type { Category, TrainingCorrection } from '../../core/index.js';
import { classify } from './github-bot-deps.js';
import type { GitHubBotDeps } from './github-bot-deps.js';
import type { IssuesPayload } from './github-payload-types.js';
import { issueConversation, issueText } from './issue-conversation.js';
import { categoryForTypeLabel, priorityOfLabel, typeLabelOf } from './triage-labels.js';

export type LabelChangeResult =
  | { kind: 'correction'; correction: TrainingCorrection; stored: boolean }
  | { kind: 'skipped'; reason: 'not-triage-label' | 'not-maintainer' };

const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);

/**
 * `issues.labeled` / `issues.unlabeled` of a type or priority label by a maintainer → a training correction.
 * Only people with triage access can change labels on GitHub; labels an issue template applies arrive as changes by
 * the issue's own author, so those count only when the author is configured staff.
 */
export async function handleLabelChange(
  deps: GitHubBotDeps,
  payload: IssuesPayload,
  deliveryId: string,
): Promise<LabelChangeResult> {
  const name = payload.label?.name ?? '';
  const type = typeLabelOf(name);
  const priority = priorityOfLabel(name);
  if (!type && !priority) return { kind: 'skipped', reason: 'not-triage-label' };
  const sender = payload.sender;
  const configuredStaff = deps.directory.staffByIdentity('github', sender.login) !== undefined;
  if (!configuredStaff && payload.issue.user && payload.issue.user.login.toLowerCase() === sender.login.toLowerCase())
    return { kind: 'skipped', reason: 'not-maintainer' };

  const text = issueText(payload.issue);
  const prediction = classify(deps, text);
  const predicted = isCategory(prediction.intent) ? prediction.intent : null;
  const correction: TrainingCorrection = {
    platform: 'github',
    eventId: deliveryId,
    conversationKey: conversationKey(issueConversation(payload.repository, payload.issue)),
    kind: type ? 'type' : 'priority',
    action: payload.action === 'labeled' ? 'added' : 'removed',
    label: name,
    category: type ? categoryForTypeLabel(type, predicted) : null,
    priority,
    predictedCategory: predicted,
    text,
    actorId: sender.login,
    at: deps.clock.now(),
  };
  const stored = (await deps.corrections.recordCorrection(correction)) === 'recorded';
  deps.log.info(
    { eventId: deliveryId, label: name, action: correction.action, actor: sender.login, stored },
    'label correction',
  );
  return { kind: 'correction', correction, stored };
}
