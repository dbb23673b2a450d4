import type { ButtonInteraction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import { ACK_ACTION } from '../../core/index.js';
import type { TicketVerb } from '../../core/index.js';
import { actionResultText } from './action-result-text.js';
import { parseCustomId } from './custom-id.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { actorOf, placeOf, replyText } from './interaction-context.js';
import { conversationFor } from './message-place.js';
import { CALL_ACTIONS, createCallButtonHandler } from './handle-call-button.js';
import { createPageAckHandler } from './handle-page-ack.js';

const STAFF_VERBS = new Set<string>(['claim', 'resolve', 'escalate']);

/**
 * Buttons on the bot's messages: article votes, "Open a ticket", CSAT/NPS ratings, staff ticket actions, page
 * acknowledgements and the video-call buttons (slots, Reschedule, Cancel, "Book a video call").
 */
export function createButtonHandler(deps: DiscordBotDeps) {
  const { engine, actions, feedback, config } = deps;
  const handlePageAck = createPageAckHandler(deps);
  const handleCallButton = createCallButtonHandler(deps);

  async function openTicket(interaction: ButtonInteraction): Promise<string> {
    // The answer replied to the member's question; the ticket belongs to that question's conversation.
    const questionId = interaction.message.reference?.messageId;
    const place = placeOf(interaction);
    if (!questionId || !place || !interaction.channel) return 'Use /ticket open to open a ticket.';
    const question = await interaction.channel.messages.fetch(questionId).catch(() => null);
    if (!question) return 'The question is gone; use /ticket open to open a ticket.';
    if (question.author.id !== interaction.user.id)
      return 'Only the person who asked can open a ticket from this answer; use /ticket open for your own.';
    const outcome = await engine.handle({
      platform: 'discord',
      eventId: `interaction:${interaction.id}`,
      conversation: conversationFor(place, questionId),
      messageId: questionId,
      author: { id: interaction.user.id, name: interaction.user.username },
      text: question.content,
      receivedAt: interaction.createdTimestamp,
      wantsTicket: true,
      authorIsStaff: actorOf(interaction, config.discord.staffRoleIds).isStaff,
    });
    if (outcome.kind === 'ticket-opened') return `Opened ${outcome.ticket.key}; the team will follow up in its thread.`;
    if (outcome.kind === 'ticket-updated') return `This question already has ${outcome.ticket.key}.`;
    return 'Support staff cannot open a ticket for themselves here.';
  }

  /** What the clicker reads: plain text (escaped), or `markup` the bot built itself (mentions of who acknowledged). */
  async function handle(interaction: ButtonInteraction): Promise<string | { markup: string }> {
    const { actionId, value } = parseCustomId(interaction.customId);
    const actor = actorOf(interaction, config.discord.staffRoleIds);
    if (actionId === 'kb.helpful' || actionId === 'kb.not-helpful') {
      const helpful = actionId === 'kb.helpful';
      const result = await feedback.vote({
        articleId: value,
        voterId: actor.userId,
        helpful,
        platform: 'discord',
        context: interaction.message.id,
      });
      if (result.kind === 'unknown-article') return 'That article no longer exists.';
      return helpful
        ? 'Glad it helped! Thanks for letting us know.'
        : 'Thanks for the feedback. If you still need help, click "Open a ticket".';
    }
    if (actionId === 'ticket.open') return openTicket(interaction);
    if (actionId === ACK_ACTION) return handlePageAck(interaction, value);
    if (CALL_ACTIONS.has(actionId)) return handleCallButton(interaction, actionId, value);
    if (actionId === 'rate.csat' || actionId === 'rate.nps') {
      const at = value.lastIndexOf(':');
      const key = value.slice(0, at);
      const score = Number(value.slice(at + 1));
      const kind = actionId === 'rate.csat' ? 'csat' : 'nps';
      const result = await actions.rate(key, kind, score, actor);
      if (result.kind === 'done')
        return kind === 'csat' ? `Thanks for rating ${key} ${score}/5.` : `Thanks for your ${score}/10.`;
      return result.kind === 'not-found' ? `There is no ticket ${key}.` : result.reason;
    }
    const verb = actionId.startsWith('ticket.') ? actionId.slice('ticket.'.length) : '';
    if (STAFF_VERBS.has(verb))
      return actionResultText(verb as TicketVerb, await actions.act(verb as TicketVerb, value, actor));
    return 'That button is no longer supported.';
  }

  return async function handleButton(interaction: ButtonInteraction): Promise<void> {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const answer = await handle(interaction);
    await interaction.editReply(
      typeof answer === 'string' ? replyText(answer) : replyText(answer.markup, { escape: false }),
    );
  };
}
