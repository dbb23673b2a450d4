const ZWSP = '\u200b';

/**
 * Neutralise mentions in text the bot posts: `@everyone`, `@here`, `<@user>`, `<@!user>`, `<@&role>` get a
 * zero-width space so they render as plain text. `allowedMentions` already stops the ping; this keeps the text
 * from even looking like one.
 */
export function escapeDiscordMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/g, `@${ZWSP}$1`).replace(/<@([!&]?\d+)>/g, `<@${ZWSP}$1>`);
}
