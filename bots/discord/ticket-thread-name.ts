import { escapeDiscordMentions } from './escape-discord-mentions.js';

/** Discord's limit for channel and thread names. */
export const THREAD_NAME_LIMIT = 100;

/** `SUP-42: <summary>` on one line, trimmed to Discord's 100 characters with an ellipsis. */
export function ticketThreadName(key: string, subject: string): string {
  const clean = escapeDiscordMentions(subject.replace(/\s+/g, ' ').trim()) || 'support request';
  const full = `${key}: ${clean}`;
  return full.length <= THREAD_NAME_LIMIT ? full : `${full.slice(0, THREAD_NAME_LIMIT - 1).trimEnd()}…`;
}
