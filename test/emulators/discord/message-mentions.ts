/** The `allowed_mentions` object of a REST body, as Discord receives it. */
export interface AllowedMentions {
  parse?: ReadonlyArray<'everyone' | 'roles' | 'users'>;
  roles?: readonly string[];
  users?: readonly string[];
  replied_user?: boolean;
}

export interface Pings {
  everyone: boolean;
  roles: string[];
  users: string[];
}

/**
 * Who Discord would notify for this content: mentions in the text, filtered by `allowed_mentions` (absent means
 * Discord's default, which parses everything). Tests use it to prove that user text never pings anyone.
 */
export function pingsOf(content: string, allowed: AllowedMentions | undefined): Pings {
  const parse = allowed ? (allowed.parse ?? []) : ['everyone', 'roles', 'users'];
  const roleIds = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] as string);
  const userIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] as string);
  return {
    everyone: parse.includes('everyone') && /@(everyone|here)\b/.test(content),
    roles: roleIds.filter((id) => parse.includes('roles') || (allowed?.roles ?? []).includes(id)),
    users: userIds.filter((id) => parse.includes('users') || (allowed?.users ?? []).includes(id)),
  };
}
