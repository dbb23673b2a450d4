import type { APIDMChannel, APIMessage, APITextChannel, APIThreadChannel, APIUser } from 'discord.js';
import { ChannelType } from 'discord.js';
import type { StoredAttachment } from './message-attachments.js';
import type { AllowedMentions, Pings } from './message-mentions.js';

export interface StoredMessage {
  message: APIMessage;
  /** Only the person who ran the interaction sees it. */
  ephemeral: boolean;
  nonce?: string | undefined;
  allowedMentions?: AllowedMentions | undefined;
  /** Who Discord would have notified. */
  pings: Pings;
}

export interface InteractionRecord {
  id: string;
  token: string;
  kind: 'command' | 'button';
  channelId: string;
  userId: string;
  /** Interaction callbacks in order: `{type, data}` as posted. */
  callbacks: Array<{ type: number; data?: Record<string, unknown> | undefined }>;
  /** The message id of the original response, once there is one. */
  originalId: string | null;
  /** The original response plus follow-ups, latest content. */
  messageIds: string[];
}

export type EmulatedChannel = APITextChannel | APIThreadChannel | APIDMChannel;

/**
 * What the emulated Discord holds: users and their roles, channels and threads, messages and their files,
 * interactions, commands.
 */
export function createEmulatorState() {
  return {
    users: new Map<string, APIUser>(),
    roles: new Map<string, string[]>(),
    channels: new Map<string, EmulatedChannel>(),
    messages: new Map<string, StoredMessage>(),
    interactions: new Map<string, InteractionRecord>(),
    commands: new Map<string, unknown[]>(),
    /** The bot's DM channel with each user (recipient id → channel id), as `POST /users/@me/channels` opened it. */
    dmChannels: new Map<string, string>(),
    /** Files sent with messages, by attachment id, with their bytes as received. */
    attachments: new Map<string, StoredAttachment>(),
  };
}

export type EmulatorState = ReturnType<typeof createEmulatorState>;

export const isThread = (c: EmulatedChannel | undefined): c is APIThreadChannel =>
  c !== undefined && 'thread_metadata' in c;
export const isDm = (c: EmulatedChannel | undefined): c is APIDMChannel => c !== undefined && c.type === ChannelType.DM;
