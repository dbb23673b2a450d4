/**
 * Whether a signed Slack body (HTTP or a Socket Mode envelope's payload) is safe to hand to Bolt:
 * - `not-an-object`: not a JSON object (`null`, a number, an array, `payload=null`): refused, 400 over HTTP;
 * - `malformed`: an object, but a field Bolt 4 dereferences before any listener runs has the wrong type (`event:
 *   null`, `actions: 5`, `user: null`…), where Bolt would throw and answer 500, so Slack would deliver it three more
 *   times: acknowledged once and ignored;
 * - `ok`: Bolt can route it; each listener's mapper checks the fields it reads (a wrong type is an ignore there too).
 * The checks are exactly the dereferences in Bolt 4.7's getTypeAndConversation, buildSource and listener matching.
 */
export type SlackBodyCheck =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'not-an-object' }
  | { kind: 'malformed'; reason: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
/** Absent, or of the right type. */
const optional = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || ok(v);
const stringOrObject = (v: unknown) => isString(v) || isObject(v);

function eventProblem(body: Json): string | null {
  const event = body.event;
  if (!isObject(event)) return 'event is not an object';
  if (!isString(event.type)) return 'event.type is not a string';
  if (!optional(event.channel, stringOrObject)) return 'event.channel is neither a string nor an object';
  if (!optional(event.user, stringOrObject)) return 'event.user is neither a string nor an object';
  if (!optional(event.item, isObject)) return 'event.item is not an object';
  if (!optional(event.subteam, stringOrObject)) return 'event.subteam is neither a string nor an object';
  if (!optional(body.authorizations, (a) => !Array.isArray(a) || a.every(isObject)))
    return 'authorizations holds something other than objects';
  return null;
}

function commandProblem(body: Json): string | null {
  for (const field of ['command', 'text', 'user_id', 'channel_id'] as const) {
    if (!isString(body[field])) return `${field} is not a string`;
  }
  for (const field of ['user_name', 'trigger_id', 'response_url'] as const) {
    if (!optional(body[field], isString)) return `${field} is not a string`;
  }
  return null;
}

/** block_actions, options, shortcuts and view submissions: Bolt reads `user.id`, `channel.id`, `actions[0]`, `view`. */
function interactionProblem(body: Json): string | null {
  if (!isObject(body.user)) return 'user is not an object';
  if (!optional(body.channel, (c) => isObject(c))) return 'channel is not an object';
  if (!optional(body.team, (t) => t === null || isObject(t))) return 'team is not an object';
  if (
    !optional(
      body.actions,
      (a) =>
        Array.isArray(a) &&
        a.every((x) => isObject(x) && optional(x.action_id, isString) && optional(x.block_id, isString)),
    )
  ) {
    return 'actions is not a list of actions';
  }
  if ((body.type === 'view_submission' || body.type === 'view_closed') && !isObject(body.view))
    return 'view is not an object';
  return null;
}

export function checkSlackBody(body: unknown): SlackBodyCheck {
  if (!isObject(body)) return { kind: 'not-an-object' };
  const problem =
    body.event !== undefined || body.type === 'event_callback'
      ? eventProblem(body)
      : body.command !== undefined
        ? commandProblem(body)
        : body.type === 'url_verification' || body.ssl_check !== undefined
          ? null
          : interactionProblem(body);
  return problem ? { kind: 'malformed', reason: problem } : { kind: 'ok', body };
}
