import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIMessage, RESTGetAPIGatewayBotResult } from 'discord.js';
import { GatewayDispatchEvents, MessageFlags } from 'discord.js';
import { APPLICATION_ID, BOT_USER_ID, GUILD_ID, apiMember, apiMessage, apiThread } from './discord-fixtures.js';
import type { EmulatorState, StoredMessage } from './emulator-state.js';
import { isDm, isThread } from './emulator-state.js';
import { openDmChannel } from './open-dm-channel.js';
import { createInteractionRoutes } from './interaction-routes.js';
import { attachmentsFor, serveAttachment } from './message-attachments.js';
import type { AllowedMentions } from './message-mentions.js';
import { pingsOf } from './message-mentions.js';
import type { UploadedFile } from './parse-multipart.js';
import { readRestRequest } from './read-rest-request.js';
import type { Failure, Reply } from './rest-reply.js';
import { NOT_FOUND, SERVER_ERROR, error, failureReply } from './rest-reply.js';

export type { Failure } from './rest-reply.js';

export interface RecordedCall {
  method: string;
  /** Path after `/api/v10`, as sent (so `%40original` stays encoded). */
  path: string;
  query: string;
  /** Parsed JSON body (of a multipart body: its `payload_json`), or null. */
  body: Record<string, unknown> | null;
  /** A multipart body's `files[n]` parts as sent (also on a refused or failed call); undefined for a JSON body. */
  files?: UploadedFile[] | undefined;
  status: number;
  /** The Authorization header, or undefined (interaction and webhook routes send none). */
  auth: string | undefined;
  at: number;
}

export interface RestDeps {
  state: EmulatorState;
  nextId(): string;
  dispatch(t: string, d: unknown): void;
  acceptsToken(token: string): boolean;
  gatewayUrl(): string;
  /** `http://127.0.0.1:PORT`, where attachment URLs point (the emulator serves the bytes there). */
  baseUrl(): string;
  failures: Failure[];
  record(call: RecordedCall): void;
}

/** The REST side of the emulator: records every call, injects failures, and keeps the state consistent. */
export function createRestApi(deps: RestDeps) {
  const { state, nextId, dispatch } = deps;

  function botMessage(
    channelId: string,
    body: Record<string, unknown>,
    ephemeral: boolean,
    extra: Partial<APIMessage> = {},
  ): StoredMessage {
    const allowedMentions = body.allowed_mentions as AllowedMentions | undefined;
    const content = typeof body.content === 'string' ? body.content : '';
    const pings = pingsOf(content, allowedMentions);
    const message = apiMessage({
      id: extra.id ?? nextId(),
      channel_id: channelId,
      author: state.users.get(BOT_USER_ID)!,
      content,
      embeds: (body.embeds as APIMessage['embeds']) ?? [],
      components: (body.components as APIMessage['components']) ?? [],
      mention_everyone: pings.everyone,
      mention_roles: pings.roles,
      flags: (ephemeral ? MessageFlags.Ephemeral : 0) as MessageFlags,
      ...extra,
    });
    const stored: StoredMessage = {
      message,
      ephemeral,
      nonce: typeof body.nonce === 'string' ? body.nonce : undefined,
      allowedMentions,
      pings,
    };
    state.messages.set(message.id, stored);
    if (!ephemeral) {
      const channel = state.channels.get(channelId);
      if (isThread(channel)) channel.message_count = (channel.message_count ?? 0) + 1;
      // A DM's MESSAGE_CREATE carries no guild; the gateway only sends it with the DIRECT_MESSAGES intent.
      if (isDm(channel)) dispatch(GatewayDispatchEvents.MessageCreate, message);
      else
        dispatch(GatewayDispatchEvents.MessageCreate, {
          ...message,
          guild_id: GUILD_ID,
          member: apiMember(state.users.get(BOT_USER_ID)!),
        });
    }
    return stored;
  }

  /**
   * The attachments of a message about to be created with id `messageId`, their bytes kept in `state.attachments`;
   * or the refusal. No files: no attachments.
   */
  function upload(
    channelId: string,
    messageId: string,
    body: Record<string, unknown>,
    files: readonly UploadedFile[] = [],
  ): { attachments: NonNullable<APIMessage['attachments']> } | { refused: Reply } {
    const result = attachmentsFor(files, body, { channelId, messageId, nextId, baseUrl: deps.baseUrl() });
    if (!result.ok) return { refused: error(result.status, result.code, result.message) };
    for (const file of result.files) state.attachments.set(file.id, file);
    return { attachments: result.attachments };
  }

  function createMessage(channelId: string, body: Record<string, unknown>, files: readonly UploadedFile[] = []): Reply {
    const channel = state.channels.get(channelId);
    if (!channel) return error(404, 10003, 'Unknown Channel');
    const empty =
      !body.content && !(body.embeds as unknown[])?.length && !(body.components as unknown[])?.length && !files.length;
    if (empty && !(body.sticker_ids as unknown[])?.length && !body.poll)
      return error(400, 50006, 'Cannot send an empty message');
    const ref = body.message_reference as { message_id?: string; fail_if_not_exists?: boolean } | undefined;
    if (ref?.message_id && !state.messages.has(ref.message_id) && ref.fail_if_not_exists !== false)
      return error(400, 50035, 'Invalid Form Body: Unknown message');
    if (body.enforce_nonce && typeof body.nonce === 'string') {
      const same = [...state.messages.values()].find(
        (m) => m.message.channel_id === channelId && m.nonce === body.nonce,
      );
      if (same) return { status: 200, body: same.message };
    }
    if (isThread(channel) && channel.thread_metadata?.archived) {
      if (channel.thread_metadata.locked) return error(400, 50083, 'Thread is archived');
      channel.thread_metadata.archived = false; // sending to an archived, unlocked thread unarchives it
      dispatch(GatewayDispatchEvents.ThreadUpdate, channel);
    }
    const id = nextId();
    const uploaded = upload(channelId, id, body, files);
    if ('refused' in uploaded) return uploaded.refused;
    const extra: Partial<APIMessage> = { id, attachments: uploaded.attachments };
    if (ref?.message_id)
      extra.message_reference = {
        message_id: ref.message_id,
        channel_id: channelId,
        ...(isDm(channel) ? {} : { guild_id: GUILD_ID }),
      };
    return { status: 200, body: botMessage(channelId, body, false, extra).message };
  }

  function createThread(channelId: string, id: string, body: Record<string, unknown>): Reply {
    const parent = state.channels.get(channelId);
    if (!parent || isThread(parent) || isDm(parent)) return error(404, 10003, 'Unknown Channel');
    const name = String(body.name ?? '');
    if (!name || name.length > 100) return error(400, 50035, 'Invalid Form Body: name must be 1-100 characters');
    if (state.channels.has(id)) return error(400, 160004, 'A thread has already been created for this message');
    const thread = apiThread(id, channelId, name, BOT_USER_ID);
    state.channels.set(id, thread);
    dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
    return { status: 201, body: thread };
  }

  /** `PATCH /channels/:cid/messages/:mid`: the bot edits one of its own messages (content, embeds, components). */
  function editMessage(channelId: string, messageId: string, body: Record<string, unknown>): Reply {
    const stored = state.messages.get(messageId);
    if (!stored || stored.message.channel_id !== channelId || stored.ephemeral)
      return error(404, 10008, 'Unknown Message');
    if (stored.message.author.id !== BOT_USER_ID)
      return error(403, 50005, 'Cannot edit a message authored by another user');
    const message = stored.message;
    if (typeof body.content === 'string') message.content = body.content;
    if (body.embeds) message.embeds = body.embeds as APIMessage['embeds'];
    if (body.components) message.components = body.components as NonNullable<APIMessage['components']>;
    message.edited_timestamp = new Date().toISOString();
    stored.allowedMentions = body.allowed_mentions as AllowedMentions | undefined;
    // An edit never notifies anyone again; pings stay what the original post did.
    if (!isDm(state.channels.get(channelId)))
      dispatch(GatewayDispatchEvents.MessageUpdate, { ...message, guild_id: GUILD_ID });
    return { status: 200, body: message };
  }

  const { interactionCallback, webhook } = createInteractionRoutes({ state, nextId, botMessage, upload });

  function route(method: string, parts: string[], body: Record<string, unknown>, files?: UploadedFile[]): Reply {
    const [a, b, c, d, e, f] = parts;
    // Edits that add or drop files (PATCH with `attachments`) are not emulated: refuse them loudly, never ignore.
    if (method === 'PATCH' && files?.length) return error(400, 0, 'emulator: files on message edits are not emulated');
    const key = `${method} ${parts.map((p, i) => (i % 2 === 1 || /^\d+$/.test(p) ? ':' : p)).join('/')}`;
    if (method === 'GET' && a === 'gateway' && b === 'bot') {
      return {
        status: 200,
        body: {
          url: deps.gatewayUrl(),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        } satisfies RESTGetAPIGatewayBotResult,
      };
    }
    if (a === 'channels' && b) {
      if (key === 'GET channels/:')
        return state.channels.has(b)
          ? { status: 200, body: state.channels.get(b) }
          : error(404, 10003, 'Unknown Channel');
      if (key === 'PATCH channels/:') {
        const channel = state.channels.get(b);
        if (!isThread(channel)) return error(404, 10003, 'Unknown Channel');
        if (typeof body.name === 'string') channel.name = body.name;
        if (typeof body.archived === 'boolean') channel.thread_metadata!.archived = body.archived;
        if (typeof body.locked === 'boolean') channel.thread_metadata!.locked = body.locked;
        dispatch(GatewayDispatchEvents.ThreadUpdate, channel);
        return { status: 200, body: channel };
      }
      if (method === 'POST' && c === 'messages' && !d) return createMessage(b, body, files);
      if (method === 'PATCH' && c === 'messages' && d && !e) return editMessage(b, d, body);
      if (method === 'GET' && c === 'messages' && d && !e) {
        const stored = state.messages.get(d);
        return stored && stored.message.channel_id === b && !stored.ephemeral
          ? { status: 200, body: stored.message }
          : error(404, 10008, 'Unknown Message');
      }
      if (method === 'POST' && c === 'messages' && d && e === 'threads') {
        const stored = state.messages.get(d);
        if (!stored || stored.message.channel_id !== b || stored.ephemeral) return error(404, 10008, 'Unknown Message');
        return createThread(b, d, body);
      }
      if (method === 'POST' && c === 'threads' && !d) return createThread(b, nextId(), body);
    }
    if (method === 'POST' && a === 'users' && b === '@me' && c === 'channels' && !d)
      return openDmChannel(state, nextId, body);
    if (method === 'POST' && a === 'interactions' && b && c && d === 'callback')
      return interactionCallback(b, c, body, files);
    if (a === 'webhooks' && b === APPLICATION_ID && c) {
      if (method === 'POST' && !d) return webhook(method, c, null, body, files);
      if (d === 'messages' && e && !f) return webhook(method, c, decodeURIComponent(e), body);
    }
    if (method === 'PUT' && a === 'applications' && b === APPLICATION_ID) {
      const scope = c === 'guilds' && d && e === 'commands' ? `guild:${d}` : c === 'commands' ? 'global' : null;
      if (!scope) return NOT_FOUND;
      const commands = (Array.isArray(body) ? body : []).map((cmd: Record<string, unknown>) => ({
        ...cmd,
        id: nextId(),
        application_id: APPLICATION_ID,
        version: nextId(),
      }));
      state.commands.set(scope, commands);
      return { status: 200, body: commands };
    }
    if (method === 'GET' && a === 'applications' && b === '@me')
      return { status: 200, body: { id: APPLICATION_ID, name: 'Support Desk', flags: 0, bot_public: false } };
    return NOT_FOUND;
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (method === 'GET' && rawPath.startsWith('/attachments/'))
      return serveAttachment(state.attachments, rawPath, res);
    const { body, files, refused } = await readRestRequest(req);
    const path = rawPath.replace(/^\/api\/v10/, '');
    const auth = req.headers.authorization;
    const parts = path
      .split('/')
      .filter(Boolean)
      .map((p) => (p === '%40original' ? '@original' : p));
    const open = parts[0] === 'interactions' || parts[0] === 'webhooks';
    let reply: Reply;
    const failure = deps.failures.find((f) => f.remaining > 0 && f.method === method && f.path.test(path));
    if (!rawPath.startsWith('/api/v10/')) reply = NOT_FOUND;
    else if (!open && (!auth?.startsWith('Bot ') || !deps.acceptsToken(auth.slice(4))))
      reply = error(401, 0, '401: Unauthorized');
    else if (refused) reply = refused;
    else if (failure) {
      failure.remaining -= 1;
      if (failure.applied) route(method, parts, body ?? {}, files); // it lands, and its answer is lost
      reply = failure.applied ? SERVER_ERROR : failureReply(failure);
    } else reply = route(method, parts, body ?? {}, files);
    deps.record({ method, path, query: url.search, body, files, status: reply.status, auth, at: Date.now() });
    res.writeHead(reply.status, {
      ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...reply.headers,
    });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  };
}
