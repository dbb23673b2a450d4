import type { InboundMessage } from '../../core/index.js';
import type { IssueCommentPayload } from './github-payload-types.js';
import { isBotUser, issueConversation } from './issue-conversation.js';
import type { MapContext } from './map-github-issue-opened.js';

/** `issue_comment.created` → a message in the issue's conversation (extends a ticket's transcript). */
export function mapGitHubIssueComment(payload: IssueCommentPayload, ctx: MapContext): InboundMessage {
  const { comment } = payload;
  const author = comment.user ?? payload.sender;
  return {
    platform: 'github',
    eventId: ctx.deliveryId,
    conversation: issueConversation(payload.repository, payload.issue),
    author: { id: author.login, name: author.login, isBot: isBotUser(author), orgs: ctx.orgs ?? [] },
    text: comment.body,
    receivedAt: ctx.receivedAt,
    messageId: String(comment.id),
    replyInline: true,
    authorIsStaff: ctx.maintainer === true ? true : undefined,
  };
}
