/**
 * Escape text for Slack's mrkdwn / message text, following Slack's rules: `&`, `<` and `>` become entities, so
 * `<!channel>`, `<!here>`, `<!everyone>`, `<@U…>`, `<!subteam^…>` and `<#C…>` are shown as typed and never parsed
 * as live mentions or links. Bare `@channel` / `@here` / `@everyone` get a zero-width joiner after the `@` so they
 * stay inert even where Slack would link names (we never set `link_names`, and blocks are sent `verbatim`).
 */
export function escapeSlackText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/** A `<url|label>` link with both parts made safe (a `|` or `>` in the url cannot end the link early). */
export function slackLink(url: string, label: string): string {
  const safeUrl = url.replace(/[<>|\s]/g, (c) => encodeURIComponent(c));
  return `<${safeUrl}|${escapeSlackText(label).replace(/\|/g, '¦')}>`;
}
