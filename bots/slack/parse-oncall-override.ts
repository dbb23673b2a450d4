/**
 * `/support oncall override @person <from> <to>`. Slack sends a mention as `<@U123|name>` (or `<@U123>`) when the
 * command escapes users; without escaping the text holds `@name`, which is read as a staff id from the configuration.
 */
export type OverridePerson = { slackUserId: string } | { staffId: string };

export type OnCallOverrideArgs =
  | { ok: true; person: OverridePerson; from: string; to: string }
  | { ok: false; reason: string };

export const OVERRIDE_USAGE =
  'Usage: `/support oncall override @person <from> <to>`, times as `now`, `+8h`, `18:00` or `2026-11-24T08:00` (your time zone), e.g. `/support oncall override @maria now +8h`.';

const MENTION = /^<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>$/;
const STAFF_ID = /^@?([A-Za-z0-9][\w.-]*)$/;

export function parseOnCallOverride(text: string): OnCallOverrideArgs {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length !== 3) return { ok: false, reason: OVERRIDE_USAGE };
  const [who, from, to] = words as [string, string, string];
  const mention = MENTION.exec(who);
  if (mention) return { ok: true, person: { slackUserId: mention[1] as string }, from, to };
  const id = STAFF_ID.exec(who);
  if (id) return { ok: true, person: { staffId: id[1] as string }, from, to };
  return { ok: false, reason: `“${who}” is not a person; mention them (\`@name\`). ${OVERRIDE_USAGE}` };
}
