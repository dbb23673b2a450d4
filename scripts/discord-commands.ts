/**
 * `npm run discord:commands [-- --guild <id>]`: register the bot's slash commands (/ticket, /kb, /oncall, /call), globally
 * or for one guild (instant, handy while testing). Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_API_URL.
 */
import { registerSlashCommands } from '../bots/discord/register-slash-commands.js';
import { parseFlags } from '../runtime/cli-args.js';
import { readEnv } from '../runtime/env.js';

try {
  const flags = parseFlags(process.argv.slice(2), ['guild']);
  const env = readEnv();
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID)
    throw new Error('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example), then run again.');
  const guildId = typeof flags.guild === 'string' ? flags.guild : undefined;
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId))
    throw new Error(`--guild must be a guild id (a 17-20 digit snowflake), got "${guildId}"`);
  const names = await registerSlashCommands({
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    apiUrl: env.DISCORD_API_URL,
    guildId,
  });
  console.log(
    `Registered ${names.map((n) => `/${n}`).join(', ')} ${guildId ? `in guild ${guildId}` : 'globally (may take up to an hour to show everywhere)'}.`,
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
