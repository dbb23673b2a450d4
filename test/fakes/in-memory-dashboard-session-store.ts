import type { DashboardSession, DashboardSessionStore } from '../../core/ports/dashboard-session-store.js';

/** In-memory fake of the dashboard session store; the shared contract test keeps it in step with SQLite. */
export function createInMemoryDashboardSessionStore(): DashboardSessionStore {
  const sessions = new Map<string, DashboardSession>();
  const live = (s: DashboardSession | undefined, at: number): s is DashboardSession =>
    s !== undefined && s.revokedAt === null && at < s.expiresAt;
  return {
    async create(session) {
      if (sessions.has(session.idHash))
        throw Object.assign(new Error('dashboard session id exists'), { code: 'session.duplicate' });
      if (session.expiresAt <= session.createdAt)
        throw Object.assign(new Error('a session must expire after it starts'), { code: 'session.invalid' });
      sessions.set(session.idHash, { ...session, lastSeenAt: session.createdAt, revokedAt: null });
    },
    async find(idHash, now) {
      const s = sessions.get(idHash);
      return live(s, now) ? { ...s } : null;
    },
    async touch(idHash, at) {
      const s = sessions.get(idHash);
      if (live(s, at) && at > s.lastSeenAt) s.lastSeenAt = at;
    },
    async revoke(idHash, at) {
      const s = sessions.get(idHash);
      if (!live(s, at)) return false;
      s.revokedAt = at;
      return true;
    },
    async revokeAll(at, options = {}) {
      let n = 0;
      for (const s of sessions.values()) {
        if (!live(s, at) || s.credentialFingerprint === options.exceptFingerprint) continue;
        if (options.method !== undefined && s.method !== options.method) continue;
        if (options.staffId !== undefined && s.staffId !== options.staffId) continue;
        s.revokedAt = at;
        n++;
      }
      return n;
    },
    async listLive(now, staffId) {
      return [...sessions.values()]
        .filter((s) => live(s, now) && (staffId === undefined || s.staffId === staffId))
        .sort((a, b) => b.createdAt - a.createdAt || (a.idHash < b.idHash ? -1 : a.idHash > b.idHash ? 1 : 0))
        .map((s) => ({ ...s }));
    },
    async purgeExpired(before) {
      let n = 0;
      for (const [k, s] of sessions) {
        if (s.expiresAt < before) {
          sessions.delete(k);
          n++;
        }
      }
      return n;
    },
  };
}
