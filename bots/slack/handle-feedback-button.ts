import type { RatingKind } from '../../core/index.js';
import { escapeSlackText } from './escape-slack-text.js';
import type { PrivateReply } from './private-reply.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type { SlackButtonClick } from './slack-payloads.js';

/** `SUP-12:4` → key and score. */
export function parseRatingValue(value: string): { key: string; score: number } | null {
  const at = value.lastIndexOf(':');
  if (at <= 0) return null;
  const score = Number(value.slice(at + 1));
  return Number.isInteger(score) ? { key: value.slice(0, at), score } : null;
}

/** CSAT / NPS survey buttons, stored against the ticket; the requester or a colleague in the customer's channel may rate. */
export function createRatingButtonHandler(deps: SlackBotDeps) {
  return async function handleRating(kind: RatingKind, click: SlackButtonClick, reply: PrivateReply): Promise<void> {
    const parsed = parseRatingValue(click.value);
    if (!parsed) {
      await reply('That rating button is not valid any more.');
      return;
    }
    // Anyone of the customer's shared channel may answer the survey for their organisation.
    const channelCustomer = click.channelId ? deps.directory.customerForSlackChannel(click.channelId)?.id : undefined;
    const result = await deps.actions.rate(
      parsed.key,
      kind,
      parsed.score,
      { platform: 'slack', userId: click.userId },
      channelCustomer,
    );
    deps.log.info({ ticket: parsed.key, kind, result: result.kind }, 'rating received');
    if (result.kind === 'done') {
      const scale = kind === 'csat' ? '5' : '10';
      await reply(
        `Thank you! Your ${kind.toUpperCase()} rating (${parsed.score}/${scale}) for ${escapeSlackText(parsed.key)} was recorded.`,
      );
    } else {
      await reply(
        result.kind === 'not-found'
          ? `No ticket ${escapeSlackText(parsed.key)} was found.`
          : escapeSlackText(result.reason),
      );
    }
  };
}

/** "Solved it" / "Not helpful" on a knowledge-base suggestion: one vote per person per suggestion. */
export function createKbVoteHandler(deps: SlackBotDeps) {
  return async function handleVote(helpful: boolean, click: SlackButtonClick, reply: PrivateReply): Promise<void> {
    const result = await deps.feedback.vote({
      articleId: click.value,
      voterId: click.userId,
      helpful,
      platform: 'slack',
      context: `${click.channelId ?? 'ephemeral'}:${click.messageTs ?? click.actionTs ?? ''}`,
    });
    if (result.kind === 'unknown-article') await reply('That article no longer exists.');
    else
      await reply(
        helpful
          ? 'Glad it helped, thanks for letting us know.'
          : 'Thanks for the feedback. `/support new <what you need>` opens a ticket.',
      );
  };
}
