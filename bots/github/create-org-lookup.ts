import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { GitHubClients } from './github-clients.js';

export type OrgLookup = (login: string, repoFullName: string) => Promise<string[]>;

/** A lookup runs before its delivery is stored, inside GitHub's 10 s: it may take this long, no more. */
export const ORG_LOOKUP_TIMEOUT_MS = 3_000;

class OrgLookupTimeout extends Error {
  readonly code = 'github.org-lookup-timeout';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OrgLookupTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * A person's public organisations (`GET /users/{login}/orgs`), to map them to a customer by `github.orgs`.
 * Cached per login. The call is bounded (ORG_LOOKUP_TIMEOUT_MS): a lookup that fails or times out answers with the
 * last organisations known for the login, however old, or none (the person is then treated as community unless
 * their login is listed), and is logged, so a GitHub hiccup never holds a delivery past GitHub's deadline.
 */
export function createOrgLookup(deps: { clients: GitHubClients; clock: Clock; log: Logger; ttlMs?: number; timeoutMs?: number; enabled: boolean }): OrgLookup {
  const ttl = deps.ttlMs ?? 60 * 60_000;
  const timeoutMs = deps.timeoutMs ?? ORG_LOOKUP_TIMEOUT_MS;
  const cache = new Map<string, { orgs: string[]; until: number }>();
  return async (login, repoFullName) => {
    if (!deps.enabled) return [];
    const key = login.toLowerCase();
    const hit = cache.get(key);
    if (hit && hit.until > deps.clock.now()) return hit.orgs;
    try {
      const orgs = await withTimeout(
        deps.clients.forRepo(repoFullName).then((api) => api.userOrgs(login)),
        timeoutMs,
      );
      cache.set(key, { orgs, until: deps.clock.now() + ttl });
      return orgs;
    } catch (err) {
      deps.log.warn({ login, stale: hit !== undefined, err: err instanceof Error ? err.message : String(err) }, 'could not read the GitHub organisations of a user');
      return hit?.orgs ?? [];
    }
  };
}
