import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIMessage, APIUser, ApplicationFlags, GatewayReadyDispatchData } from 'discord.js';
import { GatewayDispatchEvents } from 'discord.js';
import {
  APPLICATION_ID,
  BOT_USER_ID,
  GENERAL_CHANNEL_ID,
  GUILD_ID,
  HELP_CHANNEL_ID,
  VALID_TOKEN,
  apiMember,
  apiMessage,
  apiTextChannel,
  apiUser,
} from './discord-fixtures.js';
import { createEmulatorState, isDm, isThread } from './emulator-state.js';
import type { InteractionRecord, StoredMessage } from './emulator-state.js';
import { guildCreatePayload } from './guild-create-payload.js';
import { createGatewayServer } from './gateway-server.js';
import type { GatewayLogEntry } from './gateway-server.js';
import { buttonInteraction, dmButtonInteraction, slashCommandInteraction } from './interaction-payloads.js';
import type { SlashOption } from './interaction-payloads.js';
import type { StoredAttachment } from './message-attachments.js';
import { createRestApi } from './rest-api.js';
import type { Failure, RecordedCall } from './rest-api.js';
import { createSnowflakes } from './snowflakes.js';

export interface DiscordEmulatorOptions {
  /** The token Discord accepts (default VALID_TOKEN). */
  token?: string;
  /** Accept the token over REST but refuse it on the gateway (close code 4004), like a revoked session. */
  refuseGatewayIdentify?: boolean;
}

export interface UserMessageInput {
  author: APIUser;
  content: string;
  /** Help channel by default; pass a thread id to post inside it. */
  channelId?: string;
  roles?: readonly string[];
}

/**
 * A loopback Discord: REST on `/api/v10/…` and the gateway on `/gateway`, speaking enough of the real protocol for
 * discord.js 14. Every REST call is recorded; tests drive members' actions through the helpers and assert on calls.
 */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}) {
  const token = options.token ?? VALID_TOKEN;
  const state = createEmulatorState();
  const nextId = createSnowflakes();
  const calls: RecordedCall[] = [];
  const gatewayLog: GatewayLogEntry[] = [];
  const failures: Failure[] = [];
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };

  const bot = apiUser(BOT_USER_ID, 'Support Desk', true);
  state.users.set(bot.id, bot);
  state.channels.set(HELP_CHANNEL_ID, apiTextChannel(HELP_CHANNEL_ID, 'help'));
  state.channels.set(GENERAL_CHANNEL_ID, apiTextChannel(GENERAL_CHANNEL_ID, 'general'));

  const server = createServer();
  const base = () => `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gateway = createGatewayServer({
    server,
    acceptsToken: (t) => t === token && !options.refuseGatewayIdentify,
    resumeUrl: () => `ws://${base()}/gateway`,
    onEvent: (entry) => {
      gatewayLog.push({ ...entry, at: Date.now() });
      changed();
    },
    ready: (sessionId, resumeUrl) =>
      ({
        v: 10,
        user: bot,
        guilds: [{ id: GUILD_ID, unavailable: true }],
        session_id: sessionId,
        resume_gateway_url: resumeUrl,
        shard: [0, 1],
        application: { id: APPLICATION_ID, flags: 0 as ApplicationFlags, flags_new: '0' },
      }) satisfies GatewayReadyDispatchData,
    guildCreate: () => guildCreatePayload(state),
  });
  const rest = createRestApi({
    state,
    nextId,
    dispatch: (t, d) => gateway.dispatch(t, d),
    acceptsToken: (t) => t === token,
    gatewayUrl: () => `ws://${base()}/gateway`,
    baseUrl: () => `http://${base()}`,
    failures,
    record: (call) => {
      calls.push(call);
      changed();
    },
  });
  server.on('request', (req, res) => {
    void rest(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  function remember(user: APIUser, roles: readonly string[] | undefined) {
    state.users.set(user.id, user);
    if (roles) state.roles.set(user.id, [...roles]);
    return state.roles.get(user.id) ?? [];
  }

  /** A member posts in a channel or thread: stored and dispatched as MESSAGE_CREATE. */
  function postMessage(input: UserMessageInput): APIMessage {
    const roles = remember(input.author, input.roles);
    const message = apiMessage({
      id: nextId(),
      channel_id: input.channelId ?? HELP_CHANNEL_ID,
      author: input.author,
      content: input.content,
    });
    state.messages.set(message.id, { message, ephemeral: false, pings: { everyone: false, roles: [], users: [] } });
    replay(message, roles);
    return message;
  }

  /** Dispatch a MESSAGE_CREATE again, as a gateway resume replay does. */
  function replay(message: APIMessage, roles = state.roles.get(message.author.id) ?? []): void {
    gateway.dispatch(GatewayDispatchEvents.MessageCreate, {
      ...message,
      guild_id: GUILD_ID,
      member: { ...apiMember(message.author, roles), user: undefined },
    });
  }

  function newInteraction(kind: InteractionRecord['kind'], channelId: string, userId: string): InteractionRecord {
    const record: InteractionRecord = {
      id: nextId(),
      token: `itoken-${nextId()}`,
      kind,
      channelId,
      userId,
      callbacks: [],
      originalId: null,
      messageIds: [],
    };
    state.interactions.set(record.id, record);
    return record;
  }

  return {
    url: `http://${base()}/api`,
    token,
    state,
    calls,
    gatewayLog,
    get connectedSessions() {
      return gateway.connected;
    },
    user: (id: string, name: string, bot = false) => apiUser(id, name, bot),
    postMessage,
    replay,
    /** A member runs a slash command, e.g. `('ticket', 'close', [{ name: 'ticket', value: 'SUP-1' }])`. */
    slashCommand(input: {
      user: APIUser;
      roles?: readonly string[];
      channelId?: string;
      name: string;
      subcommand?: string;
      options?: SlashOption[];
    }): InteractionRecord {
      const roles = remember(input.user, input.roles);
      const channel = state.channels.get(input.channelId ?? HELP_CHANNEL_ID)!;
      const record = newInteraction('command', channel.id, input.user.id);
      gateway.dispatch(
        GatewayDispatchEvents.InteractionCreate,
        slashCommandInteraction({ ...input, roles, record, channel, commandId: nextId() }),
      );
      return record;
    },
    /**
     * A member clicks a button on a message the bot posted. In a DM (no guild, no member, no roles) only the
     * recipient can see the message, so a click by anyone else is a test bug and throws.
     */
    clickButton(input: {
      user: APIUser;
      roles?: readonly string[];
      messageId: string;
      customId: string;
    }): InteractionRecord {
      const roles = remember(input.user, input.roles);
      const stored = state.messages.get(input.messageId);
      if (!stored) throw new Error(`no message ${input.messageId}`);
      const channel = state.channels.get(stored.message.channel_id)!;
      if (isDm(channel)) {
        if (!channel.recipients?.some((r) => r.id === input.user.id))
          throw new Error(`${input.user.id} cannot see DM channel ${channel.id}`);
        const record = newInteraction('button', channel.id, input.user.id);
        gateway.dispatch(
          GatewayDispatchEvents.InteractionCreate,
          dmButtonInteraction({ user: input.user, record, channel, message: stored.message, customId: input.customId }),
        );
        return record;
      }
      const record = newInteraction('button', channel.id, input.user.id);
      gateway.dispatch(
        GatewayDispatchEvents.InteractionCreate,
        buttonInteraction({
          user: input.user,
          roles,
          record,
          channel,
          message: stored.message,
          customId: input.customId,
        }),
      );
      return record;
    },
    /** Answer the next `count` calls matching method + path with 429 (retry_after seconds) or 500. */
    failNext(method: string, path: RegExp, count: number, status: 429 | 500, retryAfter = 1): void {
      failures.push({ method, path, remaining: count, status, retryAfter });
    },
    /** The next `count` matching calls take effect (a message is created), but Discord answers 500: a lost response. */
    loseResponseNext(method: string, path: RegExp, count = 1): void {
      failures.push({ method, path, remaining: count, status: 500, retryAfter: 0, applied: true });
    },
    /** The files of a message, in order, with their bytes as Discord received them. */
    filesOf: (messageId: string): StoredAttachment[] =>
      [...state.attachments.values()].filter((f) => f.messageId === messageId),
    /** Bot-authored, non-ephemeral messages in a channel or thread, oldest first. */
    botMessagesIn(channelId: string): StoredMessage[] {
      return [...state.messages.values()].filter(
        (m) => m.message.channel_id === channelId && m.message.author.id === BOT_USER_ID && !m.ephemeral,
      );
    },
    /** The messages an interaction produced (original response and follow-ups), latest content. */
    responsesTo(record: InteractionRecord): StoredMessage[] {
      return record.messageIds.map((id) => state.messages.get(id)).filter((m): m is StoredMessage => m !== undefined);
    },
    /** REST calls that belong to an interaction (its callback, edits and follow-ups), in order. */
    interactionCalls(record: InteractionRecord): RecordedCall[] {
      return calls.filter((c) => c.path.includes(record.token));
    },
    /** The bot's DM channel with a user, once the bot opened it. */
    dmChannelWith: (userId: string) => state.dmChannels.get(userId),
    thread: (id: string) => {
      const c = state.channels.get(id);
      return isThread(c) ? c : undefined;
    },
    /** Resolve when `probe` returns a value (checked after every REST call and gateway event); reject after timeoutMs. */
    waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          const value = probe();
          if (value === undefined || value === null || value === false) return false;
          cleanup();
          resolve(value);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          const recent = calls
            .slice(-8)
            .map((c) => `${c.method} ${c.path} → ${c.status}`)
            .join('\n  ');
          reject(new Error(`timed out waiting for ${what}; last REST calls:\n  ${recent}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        const listener = () => void check();
        listeners.add(listener);
        check();
      });
    },
    async close(): Promise<void> {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type DiscordEmulator = Awaited<ReturnType<typeof startDiscordEmulator>>;

/** Wait until an interaction's response (original or follow-up) has content matching `pattern`. */
export function waitForReply(
  discord: DiscordEmulator,
  record: InteractionRecord,
  pattern: RegExp = /\S/,
): Promise<StoredMessage> {
  return discord.waitFor(
    () => discord.responsesTo(record).find((m) => pattern.test(m.message.content)),
    10_000,
    `a reply to interaction ${record.id} matching ${pattern}`,
  );
}
