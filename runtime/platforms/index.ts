import { discordStarter } from './discord.js';
import { emailStarter } from './email.js';
import { githubStarter } from './github.js';
import type { PlatformStarter } from './platform-starter.js';
import { slackStarter } from './slack.js';

/** Every platform adapter `npm start` knows; each starts only when its credentials are complete. */
export const PLATFORM_STARTERS: PlatformStarter[] = [slackStarter, githubStarter, discordStarter, emailStarter];
