-- The outbox lease (OutboxStore.claimOutbox): which instance is sending an item and until when. One SQLite process
-- is the only sender of its file, but the store keeps the same contract as PostgreSQL, where instances share it.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
