-- SQLite orders a thread's mails by (at, rowid): two mails of one millisecond (a mail and the acknowledgement sent for
-- it) keep the order they were recorded in, which a reply's References and In-Reply-To follow. PostgreSQL has no
-- rowid (ctid is not insertion order across connections), so the order of recording is a column of its own. Filled by
-- its identity on every insert; db:copy leaves it out and copies email_messages in rowid order, so the order is kept.
ALTER TABLE email_messages ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
DROP INDEX email_messages_by_thread;
CREATE INDEX email_messages_by_thread ON email_messages (thread_id, at, seq);
