-- Tickets, their transcripts and audit trail, inbound event ids, knowledge-base feedback, ratings, outbox.
-- Times are epoch milliseconds (UTC).

CREATE TABLE inbound_events (
  platform         TEXT    NOT NULL,
  event_id         TEXT    NOT NULL,
  received_at      INTEGER NOT NULL,
  conversation_key TEXT    NOT NULL,
  author_id        TEXT    NOT NULL,
  outcome          TEXT    NOT NULL,
  PRIMARY KEY (platform, event_id)
) WITHOUT ROWID;

CREATE TABLE tickets (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  key                   TEXT    NOT NULL UNIQUE,
  status                TEXT    NOT NULL CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
  priority              TEXT    NOT NULL CHECK (priority IN ('critical', 'high', 'medium', 'low')),
  category              TEXT    NOT NULL,
  tier                  TEXT    NOT NULL,
  customer_id           TEXT,
  requester_id          TEXT    NOT NULL,
  requester_name        TEXT,
  platform              TEXT    NOT NULL,
  channel_id            TEXT    NOT NULL,
  thread_id             TEXT,
  conversation_key      TEXT    NOT NULL,
  subject               TEXT    NOT NULL,
  assignee_id           TEXT,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  first_response_due_at INTEGER,
  first_response_at     INTEGER,
  resolved_at           INTEGER,
  closed_at             INTEGER,
  reopen_count          INTEGER NOT NULL DEFAULT 0,
  escalated             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tickets_by_conversation ON tickets (conversation_key, id);
CREATE INDEX tickets_by_customer ON tickets (customer_id, status, id);
CREATE INDEX tickets_by_status ON tickets (status, id);
CREATE INDEX tickets_by_created ON tickets (created_at);

CREATE TABLE ticket_messages (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
  platform    TEXT    NOT NULL,
  event_id    TEXT,
  message_id  TEXT,
  author_id   TEXT    NOT NULL,
  author_name TEXT,
  role        TEXT    NOT NULL CHECK (role IN ('customer', 'staff', 'bot')),
  text        TEXT    NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket_id, id);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER REFERENCES tickets (id),
  actor     TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  detail    TEXT    NOT NULL DEFAULT '{}',
  at        INTEGER NOT NULL
);
CREATE INDEX audit_log_by_ticket ON audit_log (ticket_id, id);

CREATE TABLE kb_searches (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  query          TEXT    NOT NULL,
  platform       TEXT    NOT NULL,
  tier           TEXT    NOT NULL,
  customer_id    TEXT,
  result_count   INTEGER NOT NULL,
  top_article_id TEXT,
  top_score      REAL,
  intent         TEXT,
  at             INTEGER NOT NULL
);
CREATE INDEX kb_searches_by_at ON kb_searches (at);
CREATE INDEX kb_searches_by_article ON kb_searches (top_article_id);

CREATE TABLE kb_votes (
  article_id TEXT    NOT NULL,
  voter_id   TEXT    NOT NULL,
  context    TEXT    NOT NULL,
  helpful    INTEGER NOT NULL,
  platform   TEXT    NOT NULL,
  ticket_id  INTEGER,
  at         INTEGER NOT NULL,
  PRIMARY KEY (article_id, voter_id, context)
);

CREATE TABLE ratings (
  ticket_id INTEGER NOT NULL REFERENCES tickets (id),
  kind      TEXT    NOT NULL CHECK (kind IN ('csat', 'nps')),
  score     INTEGER NOT NULL,
  rater_id  TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, kind)
);

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  platform        TEXT    NOT NULL,
  conversation    TEXT    NOT NULL,
  conversation_key TEXT   NOT NULL,
  message         TEXT    NOT NULL,
  dedupe_key      TEXT    NOT NULL UNIQUE,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  dead_at         INTEGER,
  sent_message_id TEXT,
  last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND dead_at IS NULL;
CREATE INDEX outbox_by_conversation ON outbox (conversation_key, id) WHERE sent_at IS NULL AND dead_at IS NULL;
