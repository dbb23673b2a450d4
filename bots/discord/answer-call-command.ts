import type { ChatInputCommandInteraction } from 'discord.js';
import { MessageFlags } from 'discord.js';
import { callIdFromKey } from '../../core/index.js';
import type { Actor, CallActor, CallScheduler, Ticket } from '../../core/index.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { escapeDiscordMentions } from './escape-discord-mentions.js';
import { actorOf, placeOf, replyText } from './interaction-context.js';
import type { MessagePlace } from './message-place.js';
import { conversationFor, isHelpPlace } from './message-place.js';

const EPHEMERAL = { flags: MessageFlags.Ephemeral } as const;

type Calls = NonNullable<DiscordBotDeps['calls']>;

/**
 * A Discord option is one line, so ` - ` starts a follow-up there (the scheduler reads lines starting with `-`):
 * "Walked through the export. - send the runbook" is a summary and one follow-up.
 */
export function summaryLines(summary: string): string {
  return summary.replace(/[ \t]+-[ \t]+/g, '\n- ').trim();
}

/** Where the ticket's thread is, as a channel mention (empty when the ticket is not a Discord thread). */
const threadMention = (ticket: Ticket) =>
  ticket.conversation.platform === 'discord' && ticket.conversation.threadId
    ? ` <#${ticket.conversation.threadId}>`
    : '';

/**
 * `/call book [topic]`, `/call reschedule|cancel call:CALL-7` and, for staff, `/call done summary:… [ticket:SUP-42]`.
 * Booking checks the tier and the month's quota first (a refusal says why, ephemerally, and opens nothing), then
 * opens a ticket the way `/ticket open` does (at the top of a help channel the public command response starts the
 * ticket's thread; inside a thread the thread is the ticket's) and offers the slots in that thread, a button each.
 */
export function createCallCommandAnswerer(
  deps: Pick<DiscordBotDeps, 'calls' | 'engine' | 'actions' | 'tickets' | 'directory' | 'config' | 'clock'>,
) {
  const helpChannels = deps.config.discord.helpChannels;

  async function book(interaction: ChatInputCommandInteraction, actor: Actor, calls: Calls): Promise<void> {
    const customer = deps.directory.requester('discord', { id: actor.userId }).customer;
    const refusal = await calls.eligibility(customer?.id ?? null);
    if (refusal) {
      await interaction.reply({ ...replyText(refusal), ...EPHEMERAL });
      return;
    }
    const place = placeOf(interaction);
    if (!place || !isHelpPlace(place, helpChannels)) {
      await interaction.reply({
        ...replyText(`Book calls in a help channel: ${helpChannels.map((c) => `<#${c}>`).join(', ')}.`, {
          escape: false,
        }),
        ...EPHEMERAL,
      });
      return;
    }
    const topic = interaction.options.getString('topic')?.trim() || null;
    const inThread = place.parentChannelId !== null;
    await interaction.deferReply(inThread ? EPHEMERAL : {});
    // At the top of a help channel the (public) command response becomes the message the ticket thread starts from.
    const starter = inThread
      ? null
      : await interaction.editReply(
          replyText(`Video call request from <@${actor.userId}>${topic ? `: ${escapeDiscordMentions(topic)}` : ''}`, {
            escape: false,
          }),
        );
    const opened = await openTicket(interaction, actor, place, starter?.id ?? null, topic);
    if (typeof opened === 'string') {
      await interaction.editReply(replyText(opened));
      return;
    }
    const ticket = opened;
    if (customer && ticket.customerId !== customer.id) {
      await interaction.editReply(
        replyText(`${ticket.key} is not your company's ticket; run /call book at the top of the help channel.`),
      );
      return;
    }
    if (starter)
      await interaction.editReply(
        replyText(`${ticket.key} opened for <@${actor.userId}>: ${escapeDiscordMentions(ticket.subject)}`, {
          escape: false,
        }),
      );
    const r = await calls.request(
      ticket,
      { platform: 'discord', userId: actor.userId, name: interaction.user.username, email: null },
      topic,
    );
    const answer = replyText(
      r.kind === 'offered'
        ? `${ticket.key}: the times for your call are in its thread${threadMention(ticket)}. Pick one with its button.`
        : escapeDiscordMentions(r.text),
      { escape: false },
    );
    if (inThread) await interaction.editReply(answer);
    else await interaction.followUp({ ...answer, ...EPHEMERAL });
  }

  /** The ticket for the request (opened, or the thread's own), or what to say instead. */
  async function openTicket(
    interaction: ChatInputCommandInteraction,
    actor: Actor,
    place: MessagePlace,
    starterId: string | null,
    topic: string | null,
  ): Promise<Ticket | string> {
    const conversation = conversationFor(place, starterId ?? place.channelId);
    const outcome = await deps.engine.handle({
      platform: 'discord',
      eventId: `interaction:${interaction.id}`,
      conversation,
      messageId: starterId ?? undefined,
      author: { id: actor.userId, name: interaction.user.username },
      text: topic ? `Video call request: ${topic}` : 'Video call request',
      // The desk's clock, like the offer's: the ticket's reply and the offer queue in order on the same time line.
      receivedAt: deps.clock.now(),
      wantsTicket: true,
      authorIsStaff: deps.actions.isStaff(actor),
    });
    if (outcome.kind === 'ticket-opened' || outcome.kind === 'ticket-updated') return outcome.ticket;
    if (outcome.kind === 'ignored' && outcome.reason === 'duplicate')
      return (await deps.tickets.findTicketForConversation(conversation)) ?? 'That request was already received.';
    return outcome.kind === 'ignored' && outcome.reason === 'staff-no-ticket'
      ? 'Support staff cannot book a call for themselves here.'
      : 'Nothing to book a call from.';
  }

  /** The ticket named by the `ticket` option, or the key of the thread's ticket. */
  async function ticketKeyFor(interaction: ChatInputCommandInteraction): Promise<string | null> {
    const key = interaction.options.getString('ticket')?.trim();
    if (key) return key;
    const place = placeOf(interaction);
    if (!place?.parentChannelId) return null;
    return (await deps.tickets.findTicketForConversation(conversationFor(place, place.channelId)))?.key ?? null;
  }

  async function other(
    interaction: ChatInputCommandInteraction,
    sub: 'reschedule' | 'cancel' | 'done',
    actor: CallActor,
    calls: Pick<CallScheduler, 'offerReschedule' | 'cancel' | 'done'>,
  ): Promise<string> {
    if (sub === 'done') {
      const key = await ticketKeyFor(interaction);
      if (!key) return 'Run this in the ticket’s thread, or pass the ticket key (for example `ticket: SUP-42`).';
      return (await calls.done(key, summaryLines(interaction.options.getString('summary', true)), actor)).text;
    }
    const id = callIdFromKey(interaction.options.getString('call', true));
    if (id === null) return 'Name the call as CALL-7 (it is in the booking message).';
    const r = sub === 'cancel' ? await calls.cancel(id, actor) : await calls.offerReschedule(id, actor);
    return r.kind === 'offered' ? 'New times are offered in the call’s thread.' : r.text;
  }

  return async function answerCallCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const actor = actorOf(interaction, deps.config.discord.staffRoleIds);
    const sub = interaction.options.getSubcommand();
    const calls = deps.calls;
    if (!calls) {
      await interaction.reply({ ...replyText('Video calls are not set up on this desk.'), ...EPHEMERAL });
      return;
    }
    if (sub === 'book') return book(interaction, actor, calls);
    if (sub !== 'reschedule' && sub !== 'cancel' && sub !== 'done') {
      await interaction.reply({ ...replyText(`Unknown subcommand ${sub}.`), ...EPHEMERAL });
      return;
    }
    await interaction.deferReply(EPHEMERAL);
    const customer = deps.directory.requester('discord', { id: actor.userId }).customer;
    const callActor: CallActor = {
      platform: 'discord',
      userId: actor.userId,
      customerId: customer?.id,
      isStaff: actor.isStaff,
    };
    await interaction.editReply(replyText(await other(interaction, sub, callActor, calls)));
  };
}
