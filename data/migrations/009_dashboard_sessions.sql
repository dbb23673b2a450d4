-- Dashboard sign-in sessions (issue 19). The cookie holds a random 256-bit id; only its SHA-256 is stored here, so a
-- read of the database yields no usable cookie. A session is live while revoked_at is NULL and expires_at is in the
-- future. Rows stay after sign-out or expiry for the audit until the purge (30 days past expiry). Times are epoch ms.
CREATE TABLE dashboard_sessions (
  id_hash                TEXT    NOT NULL PRIMARY KEY,
  -- 'token' (DASHBOARD_TOKEN on the login form); per-staff sign-in (issue 24) adds a method and fills staff_id.
  method                 TEXT    NOT NULL,
  staff_id               TEXT,
  -- Slow hash of the credential the session was granted under: a changed DASHBOARD_TOKEN voids older sessions.
  credential_fingerprint TEXT    NOT NULL,
  created_at             INTEGER NOT NULL,
  expires_at             INTEGER NOT NULL CHECK (expires_at > created_at),
  last_seen_at           INTEGER NOT NULL,
  revoked_at             INTEGER,
  ip                     TEXT,
  user_agent             TEXT
) WITHOUT ROWID;
CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);
