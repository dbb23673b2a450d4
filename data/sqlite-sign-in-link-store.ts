import type { ConsumeLinkResult, SignInLinkStore } from '../core/ports/sign-in-link-store.js';
import type { SqliteDatabase } from './open-database.js';

/** Sign-in links in the desk's SQLite file (migration 014); each method is one statement or one transaction. */
export function createSqliteSignInLinkStore(db: SqliteDatabase): SignInLinkStore {
  const insert = db.prepare(`INSERT INTO sign_in_links (token_hash, staff_id, created_at, expires_at, ip, user_agent)
    VALUES (@tokenHash, @staffId, @createdAt, @expiresAt, @ip, @userAgent)`);
  // The use itself: one conditional UPDATE, so of any number of callers (or instances on the file) one wins.
  const consume = db.prepare(
    `UPDATE sign_in_links SET used_at = @now
     WHERE token_hash = @tokenHash AND used_at IS NULL AND expires_at > @now RETURNING staff_id`,
  );
  consume.pluck();
  const state = db.prepare('SELECT used_at, expires_at FROM sign_in_links WHERE token_hash = ?');
  const count = db.prepare('SELECT COUNT(*) FROM sign_in_links WHERE staff_id = ? AND created_at >= ?').pluck();
  const purge = db.prepare('DELETE FROM sign_in_links WHERE expires_at < ?');
  // Why a link was refused is read in the same transaction as the UPDATE that did not take it.
  const consumeTx = db.transaction((tokenHash: string, now: number): ConsumeLinkResult => {
    const staffId = consume.get({ tokenHash, now }) as string | undefined;
    if (staffId !== undefined) return { kind: 'consumed', staffId };
    const r = state.get(tokenHash) as { used_at: number | null; expires_at: number } | undefined;
    if (!r) return { kind: 'unknown' };
    if (r.used_at !== null) return { kind: 'used', usedAt: r.used_at };
    return { kind: 'expired' };
  });
  return {
    async createLink(link) {
      insert.run(link);
    },
    async consumeLink(tokenHash, now) {
      return consumeTx.immediate(tokenHash, now);
    },
    async countLinksSince(staffId, since) {
      return count.get(staffId, since) as number;
    },
    async purgeLinks(before) {
      return purge.run(before).changes;
    },
  };
}
