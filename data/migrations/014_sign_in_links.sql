-- One-time sign-in links for staff (issue 24). The link holds 32 random bytes; only their SHA-256 is stored, so a read
-- of the database yields no usable link. A link is live while used_at is NULL and expires_at is in the future (10
-- minutes after it was asked for); it is consumed by one conditional UPDATE. Rows stay after use or expiry for the audit
-- and the per-person throttle until the purge. Times are epoch ms.
CREATE TABLE sign_in_links (
  token_hash TEXT    NOT NULL PRIMARY KEY,
  staff_id   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL CHECK (expires_at > created_at),
  used_at    INTEGER,
  ip         TEXT,
  user_agent TEXT
) WITHOUT ROWID;
-- The throttle: links of one person since a time.
CREATE INDEX sign_in_links_by_staff ON sign_in_links (staff_id, created_at);
CREATE INDEX sign_in_links_by_expiry ON sign_in_links (expires_at);

-- Staff sessions (issue 24): dashboard_sessions.method is now 'token', 'link' or 'oidc', and staff_id is set for the
-- last two. Signing one person out everywhere and listing their sessions look sessions up by person.
CREATE INDEX dashboard_sessions_by_staff ON dashboard_sessions (staff_id, created_at) WHERE staff_id IS NOT NULL;
