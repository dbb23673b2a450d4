-- Email (issue 22). A thread is one mail conversation: a ticket's conversation is ('email', mailbox, thread_id), and
-- thread_id is the Message-ID of the mail that started it. Every Message-ID the desk has seen or sent is stored, so a
-- reply finds its thread by In-Reply-To / References. Times are epoch ms.
CREATE TABLE email_threads (
  thread_id        TEXT    NOT NULL PRIMARY KEY,
  mailbox          TEXT    NOT NULL,
  customer_address TEXT    NOT NULL,
  customer_name    TEXT,
  subject          TEXT    NOT NULL,
  created_at       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE email_messages (
  message_id TEXT    NOT NULL PRIMARY KEY,
  thread_id  TEXT    NOT NULL REFERENCES email_threads (thread_id),
  direction  TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
  at         INTEGER NOT NULL
);
CREATE INDEX email_messages_by_thread ON email_messages (thread_id, at);

-- IMAP intake: every UID up to last_uid of this UIDVALIDITY is committed.
CREATE TABLE email_cursors (
  mailbox      TEXT    NOT NULL PRIMARY KEY,
  uid_validity INTEGER NOT NULL,
  last_uid     INTEGER NOT NULL
) WITHOUT ROWID;

-- At most one acknowledgement per sender per window. message_id is the mail that took it, so taking the same mail
-- again (its commit failed, or the desk crashed before it) finds its claim still its own.
CREATE TABLE email_acknowledgements (
  address    TEXT    NOT NULL PRIMARY KEY,
  at         INTEGER NOT NULL,
  message_id TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE email_attachments (
  message_id   TEXT    NOT NULL,
  position     INTEGER NOT NULL,
  filename     TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  size         INTEGER NOT NULL,
  content      BLOB    NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (message_id, position)
) WITHOUT ROWID;
