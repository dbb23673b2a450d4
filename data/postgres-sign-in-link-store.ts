import type { SignInLinkStore } from '../core/ports/sign-in-link-store.js';
import type { PostgresDatabase } from './open-postgres.js';

/**
 * Sign-in links on PostgreSQL (migration 004). The use of a link is one conditional UPDATE ... RETURNING: concurrent
 * calls for one link queue on its row lock, and the ones after the first find `used_at` set and update nothing.
 */
export function createPostgresSignInLinkStore(db: PostgresDatabase): SignInLinkStore {
  const { pool } = db;
  return {
    async createLink(l) {
      // A second link with the same hash violates the primary key, one that ends before it starts the CHECK.
      await pool.query(
        `INSERT INTO sign_in_links (token_hash, staff_id, created_at, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [l.tokenHash, l.staffId, l.createdAt, l.expiresAt, l.ip, l.userAgent],
      );
    },
    async consumeLink(tokenHash, now) {
      const won = await pool.query<{ staff_id: string }>(
        `UPDATE sign_in_links SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING staff_id`,
        [tokenHash, now],
      );
      const staffId = won.rows[0]?.staff_id;
      if (staffId !== undefined) return { kind: 'consumed', staffId };
      // Why it was refused, read by a second statement (a fresh snapshot under READ COMMITTED): a caller that lost the
      // race sees the winner's used_at here. used_at is only ever set once, so this cannot turn back into live.
      const { rows } = await pool.query<{ used_at: number | null; expires_at: number }>(
        'SELECT used_at, expires_at FROM sign_in_links WHERE token_hash = $1',
        [tokenHash],
      );
      const r = rows[0];
      if (!r) return { kind: 'unknown' };
      if (r.used_at !== null) return { kind: 'used', usedAt: r.used_at };
      // Not used and yet the UPDATE missed it: expired (or created only after the UPDATE ran, which was unknown then).
      return r.expires_at <= now ? { kind: 'expired' } : { kind: 'unknown' };
    },
    async countLinksSince(staffId, since) {
      const { rows } = await pool.query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM sign_in_links WHERE staff_id = $1 AND created_at >= $2',
        [staffId, since],
      );
      return rows[0]?.n ?? 0;
    },
    async purgeLinks(before) {
      const { rowCount } = await pool.query('DELETE FROM sign_in_links WHERE expires_at < $1', [before]);
      return rowCount ?? 0;
    },
  };
}
