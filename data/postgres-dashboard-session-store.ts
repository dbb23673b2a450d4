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

const COLUMNS =
  'id_hash, method, staff_id, credential_fingerprint, created_at, expires_at, last_seen_at, revoked_at, ip, user_agent';

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
        `SELECT ${COLUMNS} FROM dashboard_sessions WHERE id_hash = $1 AND ${LIVE}`,
        [idHash, now],
      );
      const r = rows[0];
      return r ? toSession(r) : null;
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
         WHERE ${LIVE} AND ($1::text IS NULL OR credential_fingerprint <> $1::text)
           AND ($3::text IS NULL OR method = $3::text) AND ($4::text IS NULL OR staff_id = $4::text)`,
        [options.exceptFingerprint ?? null, at, options.method ?? null, options.staffId ?? null],
      );
      return rowCount ?? 0;
    },
    async listLive(now, staffId) {
      // COLLATE "C": ties ordered by bytes, as SQLite and the fake order them, whatever the database's collation.
      const { rows } = await pool.query<SessionRow>(
        `SELECT ${COLUMNS} FROM dashboard_sessions WHERE ($1::text IS NULL OR staff_id = $1::text) AND ${LIVE}
         ORDER BY created_at DESC, id_hash COLLATE "C"`,
        [staffId ?? null, now],
      );
      return rows.map(toSession);
    },
    async purgeExpired(before) {
      const { rowCount } = await pool.query('DELETE FROM dashboard_sessions WHERE expires_at < $1', [before]);
      return rowCount ?? 0;
    },
  };
}
