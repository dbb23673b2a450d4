import type {
  APIApplicationCommandInteractionDataBasicOption,
  APIChatInputApplicationCommandGuildInteraction,
  APIGuildMember,
  APIMessage,
  APIDMChannel,
  APIMessageComponentDMInteraction,
  APIMessageComponentGuildInteraction,
  APIUser,
} from 'discord.js';
import {
  ApplicationCommandOptionType,
  Locale,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
} from 'discord.js';
import { APPLICATION_ID, GUILD_ID, apiMember } from './discord-fixtures.js';
import type { EmulatedChannel, InteractionRecord } from './emulator-state.js';

export interface SlashOption {
  name: string;
  value: string;
}

const PERMISSIONS = '2248473465835073';
/** What the app may do in a DM: view, send, embed links, read history, and so on. */
const DM_PERMISSIONS = '246336';

function common(record: InteractionRecord, user: APIUser, roles: readonly string[], channel: EmulatedChannel) {
  const member: APIGuildMember & { permissions: string } = { ...apiMember(user, roles), permissions: PERMISSIONS };
  return {
    id: record.id,
    application_id: APPLICATION_ID,
    token: record.token,
    version: 1 as const,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, features: [], locale: Locale.EnglishUS },
    guild_locale: Locale.EnglishUS,
    channel_id: channel.id,
    channel,
    member,
    app_permissions: PERMISSIONS,
    locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0 as const,
    attachment_size_limit: 10_485_760,
  };
}

/** INTERACTION_CREATE for a chat-input command, with an optional subcommand and string options. */
export function slashCommandInteraction(input: {
  user: APIUser;
  roles: readonly string[];
  record: InteractionRecord;
  channel: EmulatedChannel;
  commandId: string;
  name: string;
  subcommand?: string | undefined;
  options?: SlashOption[] | undefined;
}) {
  const strings: APIApplicationCommandInteractionDataBasicOption[] = (input.options ?? []).map((o) => ({
    name: o.name,
    type: ApplicationCommandOptionType.String,
    value: o.value,
  }));
  const options = input.subcommand
    ? [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand as const, options: strings }]
    : strings;
  return {
    ...common(input.record, input.user, input.roles, input.channel),
    type: InteractionType.ApplicationCommand,
    data: {
      id: input.commandId,
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: GUILD_ID,
      options,
    },
  } satisfies APIChatInputApplicationCommandGuildInteraction;
}

/** INTERACTION_CREATE for a button click on one of the bot's messages. */
export function buttonInteraction(input: {
  user: APIUser;
  roles: readonly string[];
  record: InteractionRecord;
  channel: EmulatedChannel;
  message: APIMessage;
  customId: string;
}) {
  return {
    ...common(input.record, input.user, input.roles, input.channel),
    type: InteractionType.MessageComponent,
    message: input.message,
    data: { component_type: ComponentType.Button, custom_id: input.customId },
  } satisfies APIMessageComponentGuildInteraction;
}

/**
 * INTERACTION_CREATE for a button clicked in the bot's DM with a user: no guild_id and no member, the clicker as
 * `user`, the DM channel, and the bot-DM context (a guild-installed app's owner id is "0" outside a guild).
 */
export function dmButtonInteraction(input: {
  user: APIUser;
  record: InteractionRecord;
  channel: APIDMChannel;
  message: APIMessage;
  customId: string;
}) {
  const { record } = input;
  return {
    id: record.id,
    application_id: APPLICATION_ID,
    token: record.token,
    version: 1 as const,
    type: InteractionType.MessageComponent,
    channel_id: input.channel.id,
    channel: input.channel,
    user: input.user,
    app_permissions: DM_PERMISSIONS,
    locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { '0': '0' },
    context: InteractionContextType.BotDM,
    attachment_size_limit: 10_485_760,
    message: input.message,
    data: { component_type: ComponentType.Button, custom_id: input.customId },
  } satisfies APIMessageComponentDMInteraction;
}
