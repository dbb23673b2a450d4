import type { InboundMessage } from '../../core/index.js';
import type { MessagePlace } from './message-place.js';
import { conversationFor, isHelpPlace } from './message-place.js';

/** The facts of a MESSAGE_CREATE the adapter needs; built from a discord.js Message or a recorded payload. */
export interface DiscordMessageFacts extends MessagePlace {
  id: string;
  content: string;
  /** 0 default, 19 reply; everything else (thread created, pins, joins…) is a system message. */
  type: number;
  authorId: string;
  authorName: string;
  authorIsBot: boolean;
  /** Sent through a webhook (never a member). */
  webhookId: string | null;
  roleIds: readonly string[];
  createdAt: number;
}

export interface HelpChannelSettings {
  helpChannels: readonly string[];
  staffRoleIds: readonly string[];
  botUserId: string;
}

const USER_MESSAGE_TYPES = new Set([0, 19]);

/**
 * A member's message in a help channel (or a thread in one) as the engine's InboundMessage; null when the bot
 * must not react: other channels, bots (including itself), webhooks, system messages. The event id is the
 * message id, so a MESSAGE_CREATE replayed after a gateway resume is recognised as a duplicate.
 */
export function mapDiscordMessage(facts: DiscordMessageFacts, settings: HelpChannelSettings): InboundMessage | null {
  if (facts.authorId === settings.botUserId || facts.authorIsBot || facts.webhookId !== null) return null;
  if (!USER_MESSAGE_TYPES.has(facts.type) || !isHelpPlace(facts, settings.helpChannels)) return null;
  return {
    platform: 'discord',
    eventId: facts.id,
    messageId: facts.id,
    conversation: conversationFor(facts, facts.id),
    author: { id: facts.authorId, name: facts.authorName, isBot: false },
    text: facts.content,
    receivedAt: facts.createdAt,
    ticketIfUnsure: true,
    authorIsStaff: facts.roleIds.some((r) => settings.staffRoleIds.includes(r)),
  };
}
