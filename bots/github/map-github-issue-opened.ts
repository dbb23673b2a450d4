import type { InboundMessage, Millis } from '../../core/index.js';
import type { IssuesPayload } from './github-payload-types.js';
import { isBotUser, issueConversation, issueText } from './issue-conversation.js';

export interface MapContext {
  deliveryId: string;
  receivedAt: Millis;
  /** The author's public organisation logins, to map them to a customer. */
  orgs?: readonly string[] | undefined;
  /** The author is a maintainer (see is-maintainer.ts). */
  maintainer?: boolean | undefined;
}

/** `issues.opened` → the issue's title and body as the opening message of its conversation. */
export function mapGitHubIssueOpened(payload: IssuesPayload, ctx: MapContext): InboundMessage {
  const { issue } = payload;
  const author = issue.user ?? payload.sender;
  return {
    platform: 'github',
    eventId: ctx.deliveryId,
    conversation: issueConversation(payload.repository, issue),
    author: { id: author.login, name: author.login, isBot: isBotUser(author), orgs: ctx.orgs ?? [] },
    text: issueText(issue),
    receivedAt: ctx.receivedAt,
    messageId: `issue-${issue.id}`,
    // The adapter decides what to post on GitHub (one KB comment, labels); the engine queues nothing itself.
    replyInline: true,
    authorIsStaff: ctx.maintainer === true ? true : undefined,
  };
}
