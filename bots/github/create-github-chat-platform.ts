import { DeliveryError, silentLogger } from '../../core/index.js';
import type {
  ChatPlatform,
  ConversationRef,
  DeliveryAttempt,
  Logger,
  OutboundMessage,
  SentMessage,
} from '../../core/index.js';
import { deliveryErrorFromGitHub } from './delivery-error-from-github.js';
import type { GitHubApi } from './github-api.js';
import type { GitHubClients } from './github-clients.js';
import { labelsInMessage } from './label-write.js';
import { renderGitHubMessage } from './render-github-message.js';
import { TRIAGE_LABELS } from './triage-labels.js';

/** Satisfaction surveys need buttons and are private; GitHub issues are public, so they are not posted there. */
const isSurvey = (message: OutboundMessage) => (message.actions ?? []).some((a) => a.id.startsWith('rate.'));

/** The hidden line that names a comment's outbox item (GitHub renders no HTML comment). */
export const outboxMarker = (delivery: DeliveryAttempt) => `<!-- support-desk:outbox ${delivery.token} -->`;

/**
 * The outbox's way to GitHub: a label write adds labels to the issue (creating missing ones with the desk's colours
 * and descriptions first; adding a label twice changes nothing); any other message becomes one Markdown issue
 * comment, ending in a hidden marker with its outbox token. A retry (an earlier send may have landed: a lost
 * response, a crash) first lists the issue's comments since `delivery.since` and returns the one with that
 * marker instead of commenting twice. Failures are mapped in delivery-error-from-github.ts, so rate limits and 5xx stay
 * queued and are retried.
 */
export function createGitHubChatPlatform(deps: { clients: GitHubClients; log?: Logger }): ChatPlatform {
  const log = deps.log ?? silentLogger;
  /** Labels known to exist per repository (lower-case), so each repository's labels are listed once. */
  const known = new Map<string, Set<string>>();

  async function ensureLabels(api: GitHubApi, owner: string, repo: string, names: readonly string[]): Promise<void> {
    const key = `${owner}/${repo}`.toLowerCase();
    let have = known.get(key);
    if (!have || names.some((n) => !have?.has(n.toLowerCase()))) {
      have = new Set((await api.listLabels(owner, repo)).map((n) => n.toLowerCase()));
      known.set(key, have);
    }
    for (const name of names) {
      if (have.has(name.toLowerCase())) continue;
      const spec = TRIAGE_LABELS.find((l) => l.name.toLowerCase() === name.toLowerCase()) ?? {
        name,
        color: 'ededed',
        description: '',
      };
      try {
        await api.createLabel(owner, repo, spec);
        log.info({ repo: key, label: name }, 'created label');
      } catch (err) {
        if ((err as { status?: number }).status !== 422) throw err; // 422: someone created it meanwhile
      }
      have.add(name.toLowerCase());
    }
  }

  return {
    platform: 'github',
    async send(
      conversation: ConversationRef,
      message: OutboundMessage,
      delivery: DeliveryAttempt,
    ): Promise<SentMessage> {
      const [owner, repo, extra] = conversation.channelId.split('/');
      const issue = Number(conversation.threadId);
      if (!owner || !repo || extra !== undefined || !Number.isInteger(issue) || issue <= 0) {
        throw new DeliveryError(`not a GitHub issue: ${conversation.channelId}#${conversation.threadId ?? ''}`, {
          permanent: true,
        });
      }
      try {
        const labels = labelsInMessage(message);
        if (labels) {
          const api = await deps.clients.forRepo(`${owner}/${repo}`);
          await ensureLabels(api, owner, repo, labels);
          await api.addLabels(owner, repo, issue, labels);
          return { messageId: `labels:${labels.join(',')}` };
        }
        if (isSurvey(message)) return { messageId: 'not-posted:survey' };
        const api = await deps.clients.forRepo(`${owner}/${repo}`);
        const marker = outboxMarker(delivery);
        if (delivery.retry) {
          const copy = (await api.listComments(owner, repo, issue, new Date(delivery.since).toISOString())).find((c) =>
            c.body.includes(marker),
          );
          if (copy) return { messageId: String(copy.id) };
        }
        const { id } = await api.createComment(owner, repo, issue, `${renderGitHubMessage(message)}\n\n${marker}`);
        return { messageId: String(id) };
      } catch (err) {
        throw deliveryErrorFromGitHub(err);
      }
    },
  };
}
