import type { APITextChannel, GatewayGuildCreateDispatchData, GuildSystemChannelFlags } from 'discord.js';
import { Locale } from 'discord.js';
import { BOT_USER_ID, GUILD_ID, STAFF_ROLE_ID, apiMember, apiRole } from './discord-fixtures.js';
import type { EmulatorState } from './emulator-state.js';
import { isDm, isThread } from './emulator-state.js';

/**
 * GUILD_CREATE for the one emulated guild: its roles, the bot's own member, and the channels and threads the state
 * holds now (a channel must be in discord.js's cache for MESSAGE_CREATE to fire there).
 */
export function guildCreatePayload(state: EmulatorState): GatewayGuildCreateDispatchData {
  const channels = [...state.channels.values()].filter((c): c is APITextChannel => !isThread(c) && !isDm(c));
  const threads = [...state.channels.values()].filter(isThread);
  return {
    id: GUILD_ID,
    name: 'Emulated Guild',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: '100000000000000999',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    hub_type: null,
    region: 'deprecated',
    features: [],
    emojis: [],
    stickers: [],
    incidents_data: null,
    roles: [apiRole(GUILD_ID, '@everyone', '3072'), apiRole(STAFF_ROLE_ID, 'Support Staff', '3072')],
    joined_at: '2024-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    members: [apiMember(state.users.get(BOT_USER_ID)!)],
    channels,
    threads,
  };
}
