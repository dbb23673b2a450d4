import type { ChatInputCommandInteraction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import type { Actor, Ticket } from '../../core/index.js';
import { actionResultText } from './action-result-text.js';
import type { DiscordChatPlatform } from './create-discord-chat-platform.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { escapeDiscordMentions } from './escape-discord-mentions.js';
import { actorOf, canSee, placeOf, replyText, ticketLine } from './interaction-context.js';
import { conversationFor, isHelpPlace } from './message-place.js';

const EPHEMERAL = { flags: MessageFlags.Ephemeral } as const;

/** `/ticket open|status|close|claim`. Every branch acknowledges first (defer), then does the work. */
export function createTicketCommandAnswerer(deps: DiscordBotDeps, chat: DiscordChatPlatform) {
  const { engine, actions, tickets, config } = deps;
  const helpChannels = config.discord.helpChannels;

  /** The ticket named by the `ticket` option, or the one of the thread the command runs in. */
  async function targetTicket(interaction: ChatInputCommandInteraction): Promise<Ticket | string> {
    const key = interaction.options.getString('ticket')?.trim().toUpperCase();
    if (key) return (await tickets.getTicketByKey(key)) ?? `There is no ticket ${key} that you can see.`;
    const place = placeOf(interaction);
    if (place?.parentChannelId) {
      const ticket = await tickets.findTicketForConversation(conversationFor(place, place.channelId));
      if (ticket) return ticket;
    }
    return 'Run this in a ticket thread, or pass the ticket key (for example `ticket: SUP-42`).';
  }

  async function open(interaction: ChatInputCommandInteraction, actor: Actor): Promise<void> {
    const summary = interaction.options.getString('summary', true);
    const place = placeOf(interaction);
    if (!place || !isHelpPlace(place, helpChannels)) {
      await interaction.reply({
        ...replyText(`Open tickets in a help channel: ${helpChannels.map((c) => `<#${c}>`).join(', ')}.`, {
          escape: false,
        }),
        ...EPHEMERAL,
      });
      return;
    }
    if (actions.isStaff(actor)) {
      await interaction.reply({
        ...replyText('Support staff answer tickets; members open them with /ticket open.'),
        ...EPHEMERAL,
      });
      return;
    }
    const inThread = place.parentChannelId !== null;
    await interaction.deferReply(inThread ? EPHEMERAL : {});
    // At the top of a help channel the (public) command response becomes the message the ticket thread starts from.
    const starter = inThread
      ? null
      : await interaction.editReply(
          replyText(`Ticket request from <@${actor.userId}>: ${escapeDiscordMentions(summary)}`, { escape: false }),
        );
    const outcome = await engine.handle({
      platform: 'discord',
      eventId: `interaction:${interaction.id}`,
      conversation: conversationFor(place, starter?.id ?? place.channelId),
      messageId: starter?.id,
      author: { id: actor.userId, name: interaction.user.username },
      text: summary,
      receivedAt: interaction.createdTimestamp,
      wantsTicket: true,
      authorIsStaff: false,
    });
    const text =
      outcome.kind === 'ticket-opened'
        ? `${outcome.ticket.key} opened for <@${actor.userId}>: ${escapeDiscordMentions(outcome.ticket.subject)}`
        : outcome.kind === 'ticket-updated'
          ? `This thread already has ${outcome.ticket.key}; your note was added to it.`
          : 'That request was already received.';
    await interaction.editReply(replyText(text, { escape: false }));
  }

  async function status(interaction: ChatInputCommandInteraction, actor: Actor): Promise<void> {
    await interaction.deferReply(EPHEMERAL);
    if (interaction.options.getString('ticket') || placeOf(interaction)?.parentChannelId) {
      const ticket = await targetTicket(interaction);
      if (typeof ticket !== 'string' && canSee(ticket, actor, deps)) {
        await interaction.editReply(
          replyText(`${ticketLine(ticket)}\nAssigned: ${ticket.assigneeId ? 'yes' : 'not yet'}`, { escape: false }),
        );
        return;
      }
      if (interaction.options.getString('ticket')) {
        await interaction.editReply(
          replyText(`There is no ticket ${interaction.options.getString('ticket')?.toUpperCase()} that you can see.`),
        );
        return;
      }
    }
    const visible = await actions.visibleOpenTickets(actor);
    await interaction.editReply(
      replyText(
        visible.length ? `Your open tickets:\n${visible.map(ticketLine).join('\n')}` : 'You have no open tickets.',
        { escape: false },
      ),
    );
  }

  async function closeOrClaim(
    interaction: ChatInputCommandInteraction,
    actor: Actor,
    verb: 'close' | 'claim',
  ): Promise<void> {
    await interaction.deferReply(EPHEMERAL);
    if (verb === 'claim' && !actions.isStaff(actor)) {
      await interaction.editReply(replyText('Only support staff can claim tickets.'));
      return;
    }
    const ticket = await targetTicket(interaction);
    if (typeof ticket === 'string') {
      await interaction.editReply(replyText(ticket, { escape: false }));
      return;
    }
    const result = await actions.act(verb, ticket.key, actor);
    const visible = result.kind !== 'not-found' && (result.kind !== 'forbidden' ? true : canSee(ticket, actor, deps));
    await interaction.editReply(
      replyText(visible ? actionResultText(verb, result) : `There is no ticket ${ticket.key} that you can see.`),
    );
    if (verb !== 'close' || result.kind !== 'done') return;
    // The rating request goes out first: posting in an archived thread would unarchive it.
    await deps
      .flushOutbox()
      .catch((err: unknown) =>
        deps.log.warn({ err: String(err), ticket: ticket.key }, 'outbox flush before archiving failed'),
      );
    await chat
      .archiveThread(result.ticket.conversation)
      .catch((err: unknown) =>
        deps.log.warn({ err: String(err), ticket: ticket.key }, 'could not archive the ticket thread'),
      );
  }

  return async function answerTicketCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const actor = actorOf(interaction, config.discord.staffRoleIds);
    const sub = interaction.options.getSubcommand();
    if (sub === 'open') return open(interaction, actor);
    if (sub === 'status') return status(interaction, actor);
    if (sub === 'close' || sub === 'claim') return closeOrClaim(interaction, actor, sub);
    await interaction.reply({ ...replyText(`Unknown subcommand ${sub}.`), ...EPHEMERAL });
  };
}
