import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIEmbed,
  MessageMentionOptions,
} from 'discord.js';
import { ButtonStyle, ComponentType } from 'discord.js';
import type { ArticleRef, MessageAction, OutboundMessage, TicketSummary } from '../../core/index.js';
import { customIdFor } from './custom-id.js';
import { escapeDiscordMentions } from './escape-discord-mentions.js';

export const CONTENT_LIMIT = 2000;
const EXCERPT_LIMIT = 300;
const MAX_ARTICLES = 3;
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;
const BRAND = 0x5865f2;

/** A message body for `channel.send`, `thread.send` and interaction replies alike. */
export interface DiscordMessageBody {
  content: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponentWithCustomId>>;
  allowedMentions: MessageMentionOptions;
}

/** Mentions parse nothing: text never pings anyone. Used for every message the bot sends. */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

const clip = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`);
const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

function articleEmbed(article: ArticleRef): APIEmbed {
  return {
    title: clip(article.title, 256),
    description: clip(article.excerpt, EXCERPT_LIMIT),
    ...(isWebUrl(article.url) ? { url: article.url } : {}),
    color: BRAND,
  };
}

function ticketEmbed(ticket: TicketSummary): APIEmbed {
  return {
    title: clip(`${ticket.key}: ${ticket.subject}`, 256),
    fields: [
      { name: 'Priority', value: ticket.priority, inline: true },
      { name: 'Status', value: ticket.status, inline: true },
      { name: 'First response', value: ticket.dueText ?? 'Best effort', inline: true },
    ],
    color: BRAND,
  };
}

const STYLES: Record<
  NonNullable<MessageAction['style']> | 'default',
  ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary
> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

/** Buttons in rows of five; a new row starts when the action kind changes (CSAT and NPS scales apart). */
function buttonRows(actions: readonly MessageAction[]): DiscordMessageBody['components'] {
  const rows: APIButtonComponentWithCustomId[][] = [];
  let kind = '';
  for (const action of actions) {
    const customId = customIdFor(action.id, action.value);
    if (!customId) continue;
    const row = rows[rows.length - 1];
    const button: APIButtonComponentWithCustomId = {
      type: ComponentType.Button,
      custom_id: customId,
      label: clip(action.label, 80),
      style: STYLES[action.style ?? 'default'],
    };
    const kindChanged = action.id.startsWith('rate.') && action.id !== kind;
    if (!row || row.length >= BUTTONS_PER_ROW || kindChanged) rows.push([button]);
    else row.push(button);
    kind = action.id;
  }
  return rows.slice(0, MAX_ROWS).map((components) => ({ type: ComponentType.ActionRow, components }));
}

/**
 * The core's message as Discord content, embeds (articles: title, short excerpt, link; the ticket) and buttons.
 * Text is escaped and mentions parse nothing; only `notifyStaff` adds an explicit ping of the staff roles.
 */
export function renderDiscordMessage(
  message: OutboundMessage,
  options: { staffRoleIds: readonly string[] },
): DiscordMessageBody {
  const ping =
    message.notifyStaff && options.staffRoleIds.length
      ? `${options.staffRoleIds.map((id) => `<@&${id}>`).join(' ')} `
      : '';
  const embeds = [
    ...(message.ticket ? [ticketEmbed(message.ticket)] : []),
    ...(message.articles ?? []).slice(0, MAX_ARTICLES).map(articleEmbed),
  ];
  return {
    content: ping + clip(escapeDiscordMentions(message.text), CONTENT_LIMIT - ping.length),
    embeds,
    components: buttonRows(message.actions ?? []),
    allowedMentions: ping ? { ...NO_PINGS, roles: [...options.staffRoleIds] } : NO_PINGS,
  };
}
