import { createDiscordBot } from '../../bots/discord/create-discord-bot.js';
import type { PlatformStarter } from './platform-starter.js';

/**
 * Discord on discord.js: the gateway for help-channel messages and interactions, REST for replies. REST retries
 * little (one retry on 5xx, rate limits on channel routes rejected at once): the desk's durable outbox retries.
 * A bad token (REST 401 or gateway close 4004) fails start-up with a message naming DISCORD_TOKEN.
 */
export const discordStarter: PlatformStarter = {
  name: 'discord',
  async start({ desk, env, log }) {
    const bot = createDiscordBot({
      token: env.DISCORD_TOKEN as string,
      apiUrl: env.DISCORD_API_URL,
      restTimeoutMs: env.PLATFORM_REQUEST_TIMEOUT_MS,
      engine: desk.engine,
      actions: desk.actions,
      feedback: desk.feedback,
      tickets: desk.store,
      directory: desk.directory,
      config: desk.config,
      clock: desk.clock,
      log,
      sla: desk.sla,
      // `/call` and the call buttons (docs/video-calls.md).
      calls: desk.calls,
      flushOutbox: () => desk.outbox.flush(),
    });
    const { userTag } = await bot.start();
    const channels = desk.config.discord.helpChannels.length;
    if (!channels) log.warn({}, 'discord.helpChannels is empty: the bot answers slash commands only');
    return {
      chat: bot.chat,
      describe: `discord (${userTag}, ${channels} help channel${channels === 1 ? '' : 's'})`,
      stop: () => bot.stop(),
    };
  },
};
