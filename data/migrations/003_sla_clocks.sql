-- SLA clocks, escalation runs and on-call overrides (issue 7). Times are epoch milliseconds (UTC).

-- One row per ticket and clock. The sweep reads rows whose next_check_at has come; every write bumps version, and a
-- sweep step applies only to the version it read, so a stale or repeated sweep writes nothing.
CREATE TABLE sla_timers (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id     INTEGER NOT NULL REFERENCES tickets (id),
  kind          TEXT    NOT NULL CHECK (kind IN ('first-response', 'next-response', 'resolution', 'critical-update')),
  state         TEXT    NOT NULL CHECK (state IN ('active', 'paused', 'hit', 'missed', 'stopped')),
  cycle         INTEGER NOT NULL DEFAULT 1,
  started_at    INTEGER NOT NULL,
  due_at        INTEGER,
  warn_at       INTEGER,
  remaining_ms  INTEGER,
  warned_at     INTEGER,
  breached_at   INTEGER,
  stopped_at    INTEGER,
  next_check_at INTEGER,
  seq           INTEGER NOT NULL DEFAULT 0,
  version       INTEGER NOT NULL DEFAULT 1,
  updated_at    INTEGER NOT NULL,
  UNIQUE (ticket_id, kind)
);
CREATE INDEX sla_timers_due ON sla_timers (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX sla_timers_by_state ON sla_timers (state, due_at);

-- An escalation run follows a frozen copy of its policy (JSON); its id is the value of the Acknowledge button.
CREATE TABLE escalation_runs (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
  reason     TEXT    NOT NULL,
  policy     TEXT    NOT NULL,
  state      TEXT    NOT NULL CHECK (state IN ('active', 'acknowledged', 'exhausted', 'cancelled')),
  step       INTEGER NOT NULL DEFAULT 0,
  repeat     INTEGER NOT NULL DEFAULT 0,
  next_at    INTEGER,
  started_at INTEGER NOT NULL,
  acked_by   TEXT,
  acked_at   INTEGER,
  ended_at   INTEGER,
  version    INTEGER NOT NULL DEFAULT 1,
  UNIQUE (ticket_id, reason)
);
CREATE INDEX escalation_runs_due ON escalation_runs (next_at) WHERE state = 'active';

CREATE TABLE oncall_overrides (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  staff_id     TEXT    NOT NULL,
  starts_at    INTEGER NOT NULL,
  ends_at      INTEGER NOT NULL CHECK (ends_at > starts_at),
  created_by   TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  reason       TEXT,
  cancelled_at INTEGER
);
CREATE INDEX oncall_overrides_by_time ON oncall_overrides (ends_at, starts_at);
