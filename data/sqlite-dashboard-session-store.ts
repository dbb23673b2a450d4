import type {
  DashboardSession,
  DashboardSessionMethod,
  DashboardSessionStore,
} from '../core/ports/dashboard-session-store.js';
import type { SqliteDatabase } from './open-database.js';

interface SessionRow {
  id_hash: string;
  method: DashboardSessionMethod;
  staff_id: string | null;
  credential_fingerprint: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  ip: string | null;
  user_agent: string | null;
}

const LIVE = 'revoked_at IS NULL AND expires_at > @at';

const toSession = (r: SessionRow): DashboardSession => ({
  idHash: r.id_hash,
  method: r.method,
  staffId: r.staff_id,
  credentialFingerprint: r.credential_fingerprint,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
  ip: r.ip,
  userAgent: r.user_agent,
});

/** Dashboard sessions in the desk's SQLite file (migrations 009 and 014); each method is one statement. */
export function createSqliteDashboardSessionStore(db: SqliteDatabase): DashboardSessionStore {
  const insert = db.prepare(`INSERT INTO dashboard_sessions
    (id_hash, method, staff_id, credential_fingerprint, created_at, expires_at, last_seen_at, ip, user_agent)
    VALUES (@idHash, @method, @staffId, @credentialFingerprint, @createdAt, @expiresAt, @createdAt, @ip, @userAgent)`);
  const select = db.prepare(`SELECT * FROM dashboard_sessions WHERE id_hash = @idHash AND ${LIVE}`);
  const touch = db.prepare(
    `UPDATE dashboard_sessions SET last_seen_at = @at WHERE id_hash = @idHash AND ${LIVE} AND last_seen_at < @at`,
  );
  const revoke = db.prepare(`UPDATE dashboard_sessions SET revoked_at = @at WHERE id_hash = @idHash AND ${LIVE}`);
  const revokeAll = db.prepare(
    `UPDATE dashboard_sessions SET revoked_at = @at WHERE ${LIVE} AND (@except IS NULL OR credential_fingerprint <> @except)
     AND (@method IS NULL OR method = @method) AND (@staffId IS NULL OR staff_id = @staffId)`,
  );
  const listLive = db.prepare(
    `SELECT * FROM dashboard_sessions WHERE ${LIVE} AND (@staffId IS NULL OR staff_id = @staffId)
     ORDER BY created_at DESC, id_hash`,
  );
  const purge = db.prepare('DELETE FROM dashboard_sessions WHERE expires_at < @before');
  return {
    async create(session) {
      insert.run(session);
    },
    async find(idHash, now) {
      const r = select.get({ idHash, at: now }) as SessionRow | undefined;
      return r ? toSession(r) : null;
    },
    async touch(idHash, at) {
      touch.run({ idHash, at });
    },
    async revoke(idHash, at) {
      return revoke.run({ idHash, at }).changes > 0;
    },
    async revokeAll(at, options = {}) {
      return revokeAll.run({
        at,
        except: options.exceptFingerprint ?? null,
        method: options.method ?? null,
        staffId: options.staffId ?? null,
      }).changes;
    },
    async listLive(now, staffId) {
      return (listLive.all({ at: now, staffId: staffId ?? null }) as SessionRow[]).map(toSession);
    },
    async purgeExpired(before) {
      return purge.run({ before }).changes;
    },
  };
}
