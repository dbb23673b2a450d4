import type { APIMessage } from 'discord.js';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import type { EmulatorState, StoredMessage } from './emulator-state.js';
import type { AllowedMentions } from './message-mentions.js';
import { pingsOf } from './message-mentions.js';
import type { UploadedFile } from './parse-multipart.js';
import type { Reply } from './rest-reply.js';
import { error } from './rest-reply.js';

export interface InteractionRouteDeps {
  state: EmulatorState;
  nextId(): string;
  /** Store a bot message (and dispatch MESSAGE_CREATE unless ephemeral); `extra` may fix its id and attachments. */
  botMessage(
    channelId: string,
    body: Record<string, unknown>,
    ephemeral: boolean,
    extra?: Partial<APIMessage>,
  ): StoredMessage;
  /** The attachments of a message about to be created (bytes kept in the state), or the refusal. */
  upload(
    channelId: string,
    messageId: string,
    body: Record<string, unknown>,
    files?: readonly UploadedFile[],
  ): { attachments: NonNullable<APIMessage['attachments']> } | { refused: Reply };
}

/**
 * The interaction side of REST: `POST /interactions/:id/:token/callback` and the interaction webhook
 * (`/webhooks/:app/:token[/messages/:id|@original]`): the original response and follow-ups, with files when sent.
 */
export function createInteractionRoutes(deps: InteractionRouteDeps) {
  const { state, nextId, botMessage, upload } = deps;

  function interactionCallback(
    id: string,
    token: string,
    body: Record<string, unknown>,
    files?: UploadedFile[],
  ): Reply {
    const interaction = state.interactions.get(id);
    if (!interaction || interaction.token !== token) return error(404, 10062, 'Unknown interaction');
    if (interaction.callbacks.length) return error(400, 40060, 'Interaction has already been acknowledged.');
    const data = body.data as Record<string, unknown> | undefined;
    const type = Number(body.type);
    const withSource = type === InteractionResponseType.ChannelMessageWithSource;
    if (withSource || type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const ephemeral = (Number(data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
      const messageId = nextId();
      const uploaded = upload(interaction.channelId, messageId, data ?? {}, withSource ? files : []);
      if ('refused' in uploaded) return uploaded.refused;
      interaction.callbacks.push({ type, data });
      const stored = botMessage(interaction.channelId, withSource ? (data ?? {}) : { content: '' }, ephemeral, {
        id: messageId,
        attachments: uploaded.attachments,
      });
      interaction.originalId = stored.message.id;
      interaction.messageIds.push(stored.message.id);
    } else interaction.callbacks.push({ type, data });
    return { status: 204 };
  }

  function webhook(
    method: string,
    token: string,
    messageId: string | null,
    body: Record<string, unknown>,
    files?: UploadedFile[],
  ): Reply {
    const interaction = [...state.interactions.values()].find((i) => i.token === token);
    if (!interaction) return error(404, 10015, 'Unknown Webhook');
    if (method === 'POST' && messageId === null) {
      const ephemeral = (Number(body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
      const id = nextId();
      const uploaded = upload(interaction.channelId, id, body, files);
      if ('refused' in uploaded) return uploaded.refused;
      const stored = botMessage(interaction.channelId, body, ephemeral, { id, attachments: uploaded.attachments });
      interaction.messageIds.push(stored.message.id);
      return { status: 200, body: stored.message };
    }
    const target = messageId === '@original' ? interaction.originalId : messageId;
    const stored = target ? state.messages.get(target) : undefined;
    if (!stored) return error(404, 10008, 'Unknown Message');
    if (method === 'PATCH') {
      const message = stored.message;
      if (typeof body.content === 'string') message.content = body.content;
      if (body.embeds) message.embeds = body.embeds as APIMessage['embeds'];
      if (body.components) message.components = body.components as NonNullable<APIMessage['components']>;
      message.edited_timestamp = new Date().toISOString();
      stored.allowedMentions = body.allowed_mentions as AllowedMentions | undefined;
      stored.pings = pingsOf(message.content, stored.allowedMentions);
    }
    return { status: 200, body: stored.message };
  }

  return { interactionCallback, webhook };
}
