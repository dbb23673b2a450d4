-- When a send of an outbox item last started. The dispatcher writes it before handing items to a platform, so after
-- a lost response or a crash between the platform's accepting a message and the row's sent_at, the next attempt
-- knows an earlier one may have landed and the adapter looks for that copy before posting again.
ALTER TABLE outbox ADD COLUMN attempted_at INTEGER;
