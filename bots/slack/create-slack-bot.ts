import type { App, RespondFn } from '@slack/bolt';
import { ACK_ACTION, isSupportError } from '../../core/index.js';
import { createCallButtonHandler } from './handle-call-button.js';
import { createSupportCommandAnswerer } from './answer-support-command.js';
import type { SlackClient } from './create-slack-chat-platform.js';
import { createPageAckHandler } from './handle-page-ack.js';
import { createKbVoteHandler, createRatingButtonHandler } from './handle-feedback-button.js';
import { createMessageEventHandler } from './handle-message-event.js';
import { createStaffThreadReplyHandler } from './handle-staff-thread-reply.js';
import { createTicketButtonHandler } from './handle-ticket-button.js';
import type { AnnouncementVerb } from './handle-ticket-button.js';
import { createTicketReactionHandler } from './handle-ticket-reaction.js';
import { announcementHistory, mapButtonClick } from './map-button-click.js';
import type { SlackBlockActionsBody, SlackButtonAction } from './map-button-click.js';
import type { PrivateReply } from './private-reply.js';
import { baseActionId } from './render-slack-message.js';
import type { SlackBotDeps } from './slack-bot-deps.js';
import type {
  SlackCommandPayload,
  SlackEventEnvelope,
  SlackMessageEvent,
  SlackReactionEvent,
} from './slack-payloads.js';
import { slackErrorDetail } from './delivery-error-from-slack.js';

/** Rendered buttons may carry a `#n` suffix (unique action_ids per block); match the id with or without it. */
const button = (pattern: string) => new RegExp(`^(${pattern})(#\\d+)?$`);

function privateReply(
  click: { channelId: string | undefined; userId: string; threadTs: string | undefined },
  respond: RespondFn | undefined,
  client: SlackClient,
): PrivateReply {
  return async (text, blocks) => {
    if (respond) {
      await respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) });
    } else if (click.channelId) {
      await client.chat.postEphemeral({
        channel: click.channelId,
        user: click.userId,
        text,
        ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
        ...(blocks ? { blocks } : {}),
      });
    }
  };
}

/**
 * The Bolt wiring: listeners for messages, `:ticket:` reactions, announcement, page and survey buttons and `/support`.
 * Each listener translates and delegates; the desk's rules live in core. A listener error is logged with its code
 * and rethrown, so an event that could not be stored is answered 500 and Slack delivers it again.
 */
export function createSlackBot(app: App, deps: SlackBotDeps): void {
  const onMessage = createMessageEventHandler(deps);
  const onStaffThreadReply = createStaffThreadReplyHandler(deps);
  const onReaction = createTicketReactionHandler(deps);
  const onTicketButton = createTicketButtonHandler(deps);
  const onRating = createRatingButtonHandler(deps);
  const onVote = createKbVoteHandler(deps);
  const onAck = createPageAckHandler(deps);
  const answerCommand = createSupportCommandAnswerer(deps);
  const onCallButton = createCallButtonHandler(deps);

  app.event('message', async ({ event, body, client }) => {
    const message = event as unknown as SlackMessageEvent;
    if (await onStaffThreadReply(body as SlackEventEnvelope, message, client)) return;
    await onMessage(body as SlackEventEnvelope, message);
  });

  app.event('reaction_added', async ({ event, body, client }) => {
    await onReaction(body as SlackEventEnvelope, event as SlackReactionEvent, client);
  });

  app.action(
    button(
      'escalation\\.ack|ticket\\.claim|ticket\\.resolve|ticket\\.escalate|rate\\.csat|rate\\.nps|kb\\.helpful|kb\\.not-helpful|ticket\\.open|call\\.pick|call\\.cancel|call\\.reschedule|call\\.request',
    ),
    async ({ ack, body, action, respond, client }) => {
      await ack();
      const actionsBody = body as SlackBlockActionsBody;
      const click = mapButtonClick(actionsBody, action as SlackButtonAction);
      if (!click) return;
      const reply = privateReply(click, respond, client);
      const id = baseActionId(click.actionId);
      const clicked = { text: actionsBody.message?.text, blocks: actionsBody.message?.blocks };
      switch (id) {
        case ACK_ACTION:
          return onAck(click, clicked, client, reply);
        case 'ticket.claim':
        case 'ticket.resolve':
        case 'ticket.escalate':
          return onTicketButton(
            id.slice('ticket.'.length) as AnnouncementVerb,
            click,
            announcementHistory(actionsBody),
            client,
            reply,
            clicked,
          );
        case 'rate.csat':
        case 'rate.nps':
          return onRating(id === 'rate.csat' ? 'csat' : 'nps', click, reply);
        case 'kb.helpful':
        case 'kb.not-helpful':
          return onVote(id === 'kb.helpful', click, reply);
        case 'call.pick':
        case 'call.request':
        case 'call.cancel':
        case 'call.reschedule':
          return onCallButton(id, click, client, reply, clicked);
        default:
          return reply(
            'To open a ticket, use `/support new <what you need>` or add the :ticket: reaction to your message.',
          );
      }
    },
  );

  app.command('/support', async ({ command, ack }) => {
    try {
      await ack(await answerCommand(command as SlackCommandPayload));
    } catch (err) {
      const code = isSupportError(err) ? err.code : slackErrorDetail(err);
      deps.log.error({ code, err: String(err) }, '/support failed');
      await ack({ response_type: 'ephemeral', text: `Sorry, that did not work (${code}). Please try again.` });
    }
  });

  app.error(async (error) => {
    deps.log.error({ code: error.code, err: error.message }, 'slack listener failed');
    throw error;
  });
}
