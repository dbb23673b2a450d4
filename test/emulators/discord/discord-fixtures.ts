import type {
  APIGuildMember,
  APIMessage,
  APIRole,
  APITextChannel,
  APIThreadChannel,
  APIUser,
  ChannelFlags,
  GuildMemberFlags,
  MessageFlags,
  RoleFlags,
} from 'discord.js';
import { ChannelType, MessageType } from 'discord.js';

/** The one guild the emulator serves, with its help channel and staff role (they match TEST_CONFIG). */
export const GUILD_ID = '500000000000000001';
export const HELP_CHANNEL_ID = '300000000000000001';
export const GENERAL_CHANNEL_ID = '300000000000000002';
export const STAFF_ROLE_ID = '400000000000000001';
export const BOT_USER_ID = '900000000000000001';
export const APPLICATION_ID = BOT_USER_ID;
export const VALID_TOKEN = 'emulator.bot.token';

export function apiUser(id: string, username: string, bot = false): APIUser {
  return { id, username, discriminator: '0', global_name: username, avatar: null, ...(bot ? { bot: true } : {}) };
}

export function apiMember(user: APIUser, roles: readonly string[] = []): APIGuildMember {
  return {
    user,
    roles: [...roles],
    joined_at: '2024-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    nick: null,
    avatar: null,
    banner: null,
  };
}

export function apiRole(id: string, name: string, permissions: string): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: id === GUILD_ID ? 0 : 1,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function apiTextChannel(id: string, name: string): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: GUILD_ID,
    name,
    position: 0,
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
    flags: 0 as ChannelFlags,
  };
}

export function apiThread(id: string, parentId: string, name: string, ownerId: string): APIThreadChannel {
  return {
    id,
    type: ChannelType.PublicThread,
    guild_id: GUILD_ID,
    parent_id: parentId,
    name,
    owner_id: ownerId,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0 as ChannelFlags,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
    },
  };
}

export function apiMessage(
  fields: Pick<APIMessage, 'id' | 'channel_id' | 'author' | 'content'> & Partial<APIMessage>,
): APIMessage {
  return {
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0 as MessageFlags,
    ...fields,
  };
}
