import { REST, Routes } from 'discord.js';
import { SLASH_COMMANDS } from './slash-commands.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  apiUrl: string;
  /** Register for one guild (instant) instead of globally (may take up to an hour to appear). */
  guildId?: string | undefined;
}

/** Replace the application's slash commands with SLASH_COMMANDS (PUT is idempotent). Returns the registered names. */
export async function registerSlashCommands(options: RegisterOptions): Promise<string[]> {
  const rest = new REST({ api: options.apiUrl, retries: 1 }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const registered = (await rest.put(route, { body: SLASH_COMMANDS })) as Array<{ name: string }>;
  return registered.map((c) => c.name);
}
