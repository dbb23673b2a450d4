-- tickets_by_created (created_at) is a prefix of tickets_analytics (created_at, ...), which every created_at range
-- query names; the extra index only cost a B-tree update on every ticket insert.
DROP INDEX IF EXISTS tickets_by_created;
