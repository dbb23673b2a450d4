import type { APIDMChannel, ChannelFlags } from 'discord.js';
import { ChannelType } from 'discord.js';
import { BOT_USER_ID, apiUser } from './discord-fixtures.js';
import type { EmulatorState } from './emulator-state.js';
import type { Reply } from './rest-reply.js';
import { error } from './rest-reply.js';

/** `POST /users/@me/channels {recipient_id}`: the bot's DM channel with that user, the same one every time. */
export function openDmChannel(state: EmulatorState, nextId: () => string, body: Record<string, unknown>): Reply {
  const recipientId = body.recipient_id;
  if (typeof recipientId !== 'string' || !/^\d{17,20}$/.test(recipientId))
    return error(400, 50035, 'Invalid Form Body: recipient_id is not a snowflake');
  if (recipientId === BOT_USER_ID) return error(400, 50007, 'Cannot send messages to this user');
  const existing = state.dmChannels.get(recipientId);
  if (existing) return { status: 200, body: state.channels.get(existing) };
  const recipient = state.users.get(recipientId) ?? apiUser(recipientId, `user${recipientId.slice(-4)}`);
  state.users.set(recipientId, recipient);
  const channel = {
    id: nextId(),
    type: ChannelType.DM,
    name: null,
    last_message_id: null,
    flags: 0 as ChannelFlags,
    recipients: [recipient],
  } satisfies APIDMChannel;
  state.channels.set(channel.id, channel);
  state.dmChannels.set(recipientId, channel.id);
  return { status: 200, body: channel };
}
