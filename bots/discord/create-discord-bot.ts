import type { Interaction, Message } from 'discord.js';
import { Client, Events, GatewayIntentBits, MessageFlags, Options } from 'discord.js';
import { isSupportError } from '../../core/index.js';
import type { DiscordBotDeps } from './discord-bot-deps.js';
import { createButtonHandler } from './handle-button.js';
import { createDiscordChatPlatform } from './create-discord-chat-platform.js';
import type { DiscordChatPlatform } from './create-discord-chat-platform.js';
import { discordStartError } from './discord-start-error.js';
import { replyText } from './interaction-context.js';
import { createKbCommandAnswerer } from './answer-kb-command.js';
import { createCallCommandAnswerer } from './answer-call-command.js';
import { mapDiscordMessage } from './map-discord-message.js';
import type { DiscordMessageFacts } from './map-discord-message.js';
import { createOnCallCommandAnswerer } from './answer-oncall-command.js';
import { NO_PINGS } from './render-discord-message.js';
import { createTicketCommandAnswerer } from './answer-ticket-command.js';

export interface DiscordBotOptions extends DiscordBotDeps {
  token: string;
  /** REST base, e.g. https://discord.com/api (or a loopback emulator); the gateway URL comes from GET /gateway/bot. */
  apiUrl: string;
  /** REST retries on 5xx and network errors; the outbox retries durably, so keep it small. */
  restRetries?: number;
  /** Each REST request is aborted after this long (discord.js's default is 15 s); a timed-out request counts as a retry. */
  restTimeoutMs?: number;
  readyTimeoutMs?: number;
}

export interface DiscordBot {
  chat: DiscordChatPlatform;
  /** Log in and wait for READY; rejects with a clear error on a bad token or a fatal gateway close. */
  start(): Promise<{ userTag: string }>;
  stop(): Promise<void>;
}

export function factsOf(message: Message): DiscordMessageFacts {
  const channel = message.channel;
  return {
    id: message.id,
    channelId: message.channelId,
    parentChannelId: channel.isThread() ? channel.parentId : null,
    content: message.content,
    type: message.type,
    authorId: message.author.id,
    authorName: message.member?.displayName ?? message.author.username,
    authorIsBot: message.author.bot,
    webhookId: message.webhookId,
    roleIds: message.member ? [...message.member.roles.cache.keys()] : [],
    createdAt: message.createdTimestamp,
  };
}

/** The discord.js wiring: gateway messages to the engine, interactions to the command and button handlers. */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const { log, config } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    rest: {
      api: options.apiUrl,
      retries: options.restRetries ?? 1,
      ...(options.restTimeoutMs !== undefined ? { timeout: options.restTimeoutMs } : {}),
      // Rate limits on channel routes (the outbox's sends) surface as errors, so the outbox waits durably.
      rejectOnRateLimit: (info) => info.route.startsWith('/channels'),
    },
    allowedMentions: NO_PINGS,
    // No message cache: the adapter never reads cached messages, and idempotency is the engine's event id (a
    // replayed MESSAGE_CREATE must be recognised there, not only while discord.js happens to still cache it).
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    waitGuildTimeout: 5_000,
  });
  const chat = createDiscordChatPlatform(client, { staffRoleIds: config.discord.staffRoleIds });
  const ticket = createTicketCommandAnswerer(options, chat);
  const kb = createKbCommandAnswerer(options);
  const oncall = createOnCallCommandAnswerer(options);
  const call = createCallCommandAnswerer(options);
  const buttons = createButtonHandler(options);

  async function onMessage(message: Message): Promise<void> {
    const inbound = mapDiscordMessage(factsOf(message), { ...config.discord, botUserId: client.user?.id ?? '' });
    if (!inbound) return;
    const outcome = await options.engine.handle(inbound);
    log.debug(
      {
        eventId: inbound.eventId,
        outcome: outcome.kind,
        ...('ticket' in outcome ? { ticket: outcome.ticket.key } : {}),
      },
      'discord message handled',
    );
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      if (interaction.commandName === 'ticket') return ticket(interaction);
      if (interaction.commandName === 'kb') return kb(interaction);
      if (interaction.commandName === 'oncall') return oncall(interaction);
      if (interaction.commandName === 'call') return call(interaction);
    } else if (interaction.isButton()) return buttons(interaction);
  }

  client.on(Events.MessageCreate, (message) => {
    onMessage(message).catch((err: unknown) =>
      log.error({ eventId: message.id, err: String(err) }, 'discord message failed'),
    );
  });
  client.on(Events.InteractionCreate, (interaction) => {
    onInteraction(interaction).catch(async (err: unknown) => {
      log.error({ interactionId: interaction.id, err: String(err) }, 'discord interaction failed');
      if (!interaction.isRepliable()) return;
      const sorry = replyText('Something went wrong on our side; please try again.');
      await (interaction.deferred || interaction.replied
        ? interaction.editReply(sorry)
        : interaction.reply({ ...sorry, flags: MessageFlags.Ephemeral })
      ).catch(() => undefined);
    });
  });
  client.on(Events.Error, (err) => log.error({ err: err.message }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({}, message));
  client.on(Events.ShardDisconnect, (event) =>
    log.error({ code: event.code }, 'discord gateway closed for good; restart after fixing the cause'),
  );

  return {
    chat,
    async start() {
      const timeoutMs = options.readyTimeoutMs ?? 30_000;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const failed = new Promise<never>((_, reject) => {
        client.on(Events.ShardDisconnect, (event) => reject(discordStartError({ closeCode: event.code })));
        timer = setTimeout(() => reject(discordStartError({ timeoutMs })), timeoutMs);
      });
      failed.catch(() => undefined);
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      try {
        await Promise.race([client.login(options.token).then(() => Promise.race([ready, failed])), failed]);
      } catch (err) {
        await client.destroy().catch(() => undefined);
        if ((err as { code?: unknown }).code === 'TokenInvalid') throw discordStartError({ tokenRejected: true });
        throw isSupportError(err) ? err : discordStartError({ cause: err });
      } finally {
        clearTimeout(timer);
      }
      log.info({ user: client.user?.tag }, 'discord gateway ready');
      return { userTag: client.user?.tag ?? 'unknown' };
    },
    async stop() {
      await client.destroy();
    },
  };
}
