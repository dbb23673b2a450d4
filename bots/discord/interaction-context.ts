import type { ButtonInteraction, ChatInputCommandInteraction, MessageMentionOptions } from 'discord.js';
import type { Actor, Ticket } from '../../core/index.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { escapeDiscordMentions } from './escape-discord-mentions.js';
import type { MessagePlace } from './message-place.js';
import { NO_PINGS } from './render-discord-message.js';

export type DeskInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** Role ids of the member behind an interaction, whether discord.js cached the member or passed raw data. */
export function memberRoleIds(interaction: DeskInteraction): string[] {
  const member = interaction.member;
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}

/** Who is acting, for the core's permission checks: staff by directory or by a configured Discord staff role. */
export function actorOf(interaction: DeskInteraction, staffRoleIds: readonly string[]): Actor {
  return {
    platform: 'discord',
    userId: interaction.user.id,
    isStaff: memberRoleIds(interaction).some((r) => staffRoleIds.includes(r)),
  };
}

export function placeOf(interaction: DeskInteraction): MessagePlace | null {
  const channel = interaction.channel;
  if (!channel) return interaction.channelId ? { channelId: interaction.channelId, parentChannelId: null } : null;
  return { channelId: channel.id, parentChannelId: channel.isThread() ? channel.parentId : null };
}

/** Staff see every ticket; members see their own and, for a known customer, their company's. */
export function canSee(ticket: Ticket, actor: Actor, deps: Pick<DiscordBotDeps, 'actions' | 'directory'>): boolean {
  if (deps.actions.isStaff(actor)) return true;
  if (ticket.conversation.platform === 'discord' && ticket.requesterId === actor.userId) return true;
  return (
    ticket.customerId !== null &&
    deps.directory.requester('discord', { id: actor.userId }).customer?.id === ticket.customerId
  );
}

/** A reply body with nothing that can ping; `text` is escaped unless it is the bot's own markup. */
export function replyText(
  text: string,
  options: { escape?: boolean } = {},
): { content: string; allowedMentions: MessageMentionOptions } {
  return { content: options.escape === false ? text : escapeDiscordMentions(text), allowedMentions: NO_PINGS };
}

export function ticketLine(ticket: Ticket): string {
  const where =
    ticket.conversation.platform === 'discord' && ticket.conversation.threadId
      ? ` in <#${ticket.conversation.threadId}>`
      : '';
  return `**${ticket.key}** · ${ticket.status} · ${ticket.priority} — ${escapeDiscordMentions(ticket.subject)}${where}`;
}
