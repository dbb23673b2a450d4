import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';
import type { GitHubClients } from './github-clients.js';

export type OrgLookup = (login: string, repoFullName: string) => Promise<string[]>;

/**
 * A person's public organisations (`GET /users/{login}/orgs`), to map them to a customer by `github.orgs`.
 * Cached per login; a failed lookup counts as "no organisations" (the person is then treated as community unless
 * their login is listed) and is logged, so a GitHub hiccup never blocks an event.
 */
export function createOrgLookup(deps: { clients: GitHubClients; clock: Clock; log: Logger; ttlMs?: number; enabled: boolean }): OrgLookup {
  const ttl = deps.ttlMs ?? 60 * 60_000;
  const cache = new Map<string, { orgs: string[]; until: number }>();
  return async (login, repoFullName) => {
    if (!deps.enabled) return [];
    const key = login.toLowerCase();
    const hit = cache.get(key);
    if (hit && hit.until > deps.clock.now()) return hit.orgs;
    try {
      const orgs = await (await deps.clients.forRepo(repoFullName)).userOrgs(login);
      cache.set(key, { orgs, until: deps.clock.now() + ttl });
      return orgs;
    } catch (err) {
      deps.log.warn({ login, err: err instanceof Error ? err.message : String(err) }, 'could not read the GitHub organisations of a user');
      return [];
    }
  };
}
