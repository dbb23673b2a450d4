import type {
  DashboardSession,
  DashboardSessionMethod,
  DashboardSessionStore,
} from '../core/ports/dashboard-session-store.js';
import type { PostgresDatabase } from './open-postgres.js';

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

/** Live at the time in parameter $2. */
const LIVE = 'revoked_at IS NULL AND expires_at > $2';

/** Dashboard sessions on PostgreSQL; each method is one statement (its own transaction). */
export function createPostgresDashboardSessionStore(db: PostgresDatabase): DashboardSessionStore {
  const { pool } = db;
  return {
    async create(s) {
      // A second session with the same id hash violates the primary key, one that ends before it starts the CHECK.
      await pool.query(
        `INSERT INTO dashboard_sessions
          (id_hash, method, staff_id, credential_fingerprint, created_at, expires_at, last_seen_at, ip, user_agent)
          VALUES ($1, $2, $3, $4, $5, $6, $5, $7, $8)`,
        [s.idHash, s.method, s.staffId, s.credentialFingerprint, s.createdAt, s.expiresAt, s.ip, s.userAgent],
      );
    },
    async find(idHash, now) {
      const { rows } = await pool.query<SessionRow>(
        `SELECT id_hash, method, staff_id, credential_fingerprint, created_at, expires_at, last_seen_at, revoked_at, ip,
          user_agent FROM dashboard_sessions WHERE id_hash = $1 AND ${LIVE}`,
        [idHash, now],
      );
      const r = rows[0];
      if (!r) return null;
      const session: DashboardSession = {
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
      };
      return session;
    },
    async touch(idHash, at) {
      await pool.query(
        `UPDATE dashboard_sessions SET last_seen_at = $2 WHERE id_hash = $1 AND ${LIVE} AND last_seen_at < $2`,
        [idHash, at],
      );
    },
    async revoke(idHash, at) {
      const { rowCount } = await pool.query(
        `UPDATE dashboard_sessions SET revoked_at = $2 WHERE id_hash = $1 AND ${LIVE}`,
        [idHash, at],
      );
      return (rowCount ?? 0) > 0;
    },
    async revokeAll(at, options = {}) {
      const { rowCount } = await pool.query(
        `UPDATE dashboard_sessions SET revoked_at = $2
         WHERE ${LIVE} AND ($1::text IS NULL OR credential_fingerprint <> $1::text)`,
        [options.exceptFingerprint ?? null, at],
      );
      return rowCount ?? 0;
    },
    async purgeExpired(before) {
      const { rowCount } = await pool.query('DELETE FROM dashboard_sessions WHERE expires_at < $1', [before]);
      return rowCount ?? 0;
    },
  };
}
