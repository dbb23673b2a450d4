-- One-time sign-in links for staff (issue 24); see the SQLite migration 014. Only the SHA-256 of a link's token is
-- stored; a link is live while used_at is NULL and expires_at is in the future, and is consumed by one conditional
-- UPDATE ... RETURNING. Times are epoch ms.
CREATE TABLE sign_in_links (
  token_hash TEXT   NOT NULL PRIMARY KEY,
  staff_id   TEXT   NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL CHECK (expires_at > created_at),
  used_at    BIGINT,
  ip         TEXT,
  user_agent TEXT
);
CREATE INDEX sign_in_links_by_staff ON sign_in_links (staff_id, created_at);
CREATE INDEX sign_in_links_by_expiry ON sign_in_links (expires_at);

-- Staff sessions: dashboard_sessions.method is now 'token', 'link' or 'oidc', staff_id set for the last two.
CREATE INDEX dashboard_sessions_by_staff ON dashboard_sessions (staff_id, created_at) WHERE staff_id IS NOT NULL;
