import { withinDeadline } from '../../core/index.js';
import type { Clock, Logger } from '../../core/index.js';
import type { GitHubClients } from './github-clients.js';

export type OrgLookup = (login: string, repoFullName: string) => Promise<string[]>;

/** A lookup runs before its delivery is stored, inside GitHub's 10 s: it may take this long, no more. */
export const ORG_LOOKUP_TIMEOUT_MS = 3_000;

/**
 * A person's public organisations (`GET /users/{login}/orgs`), to map them to a customer by `github.orgs`.
 * Cached per login. The call is bounded (ORG_LOOKUP_TIMEOUT_MS): a lookup that fails or times out answers with the
 * last organisations known for the login, however old, or none (the person is then treated as community unless
 * their login is listed), and is logged, so a GitHub hiccup never holds a delivery past GitHub's deadline.
 */
export function createOrgLookup(deps: {
  clients: GitHubClients;
  clock: Clock;
  log: Logger;
  ttlMs?: number;
  timeoutMs?: number;
  enabled: boolean;
}): OrgLookup {
  const ttl = deps.ttlMs ?? 60 * 60_000;
  const timeoutMs = deps.timeoutMs ?? ORG_LOOKUP_TIMEOUT_MS;
  const cache = new Map<string, { orgs: string[]; until: number }>();
  return async (login, repoFullName) => {
    if (!deps.enabled) return [];
    const key = login.toLowerCase();
    const hit = cache.get(key);
    if (hit && hit.until > deps.clock.now()) return hit.orgs;
    const lookup = await withinDeadline(
      deps.clients.forRepo(repoFullName).then((api) => api.userOrgs(login)),
      timeoutMs,
    );
    if (lookup.kind === 'done') {
      cache.set(key, { orgs: lookup.value, until: deps.clock.now() + ttl });
      return lookup.value;
    }
    const err =
      lookup.kind === 'late'
        ? `no answer within ${timeoutMs} ms`
        : lookup.error instanceof Error
          ? lookup.error.message
          : String(lookup.error);
    deps.log.warn({ login, stale: hit !== undefined, err }, 'could not read the GitHub organisations of a user');
    return hit?.orgs ?? [];
  };
}
