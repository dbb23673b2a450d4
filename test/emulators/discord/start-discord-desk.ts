import type { SupportConfigInput } from '../../../core/config/support-config.js';
import type { Clock } from '../../../core/ports/clock.js';
import { startTestServer, TEST_CONFIG } from '../../support/start-test-server.js';
import type { TestServer } from '../../support/start-test-server.js';
import { APPLICATION_ID } from './discord-fixtures.js';
import { startDiscordEmulator } from './discord-emulator.js';
import type { DiscordEmulator, DiscordEmulatorOptions } from './discord-emulator.js';

export interface DiscordDesk {
  discord: DiscordEmulator;
  server: TestServer;
  dispose(): Promise<void>;
}

/** TEST_CONFIG with article links, so answers carry a URL. */
export const DISCORD_TEST_CONFIG: SupportConfigInput = {
  ...TEST_CONFIG,
  knowledge: { baseUrl: 'https://docs.example.test/kb' },
};

/**
 * The emulator plus the real server (npm start's code path) with DISCORD_* pointed at it. Resolves once the bot
 * reached READY (start-up waits for it); `botToken` overrides the token the bot uses (bad-token tests); `config`,
 * `clock` and `env` replace the test config, drive the desk's time and add environment (SLA tests).
 */
export async function startDiscordDesk(
  options: DiscordEmulatorOptions & {
    botToken?: string;
    config?: SupportConfigInput;
    clock?: Clock;
    env?: Record<string, string>;
  } = {},
): Promise<DiscordDesk> {
  const discord = await startDiscordEmulator(options);
  try {
    const server = await startTestServer({
      config: options.config ?? DISCORD_TEST_CONFIG,
      ...(options.clock ? { clock: options.clock } : {}),
      env: {
        ...options.env,
        DISCORD_TOKEN: options.botToken ?? discord.token,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: discord.url,
      },
    });
    return {
      discord,
      server,
      async dispose() {
        await server.dispose();
        await discord.close();
      },
    };
  } catch (err) {
    await discord.close();
    throw err;
  }
}
