-- Ticket search (issue 24): the web desk's ticket list finds tickets by the words of their subject or of any one of
-- their transcript messages (data/postgres-ticket-search.ts), as SQLite's FTS5 index of migration 013 does.
--
-- GIN indexes on expressions, so the tables keep their columns (db:copy and SELECT * see no difference) and nothing
-- but the index has to be kept in step. The expression, which the queries repeat word for word so the planner can
-- use the index (TEXT_VECTOR in data/postgres-ticket-search.ts):
-- - the 'simple' configuration: lowercase, no stemming, no stop words, as FTS5's unicode61 tokenizer;
-- - every run of characters that are not letters or digits first becomes a space, so PostgreSQL's parser finds the
--   same words FTS5 does (left alone it keeps api.example.com, a@b.io, /var/log or v1.2 whole, and "example"
--   would not find them);
-- - the first 100,000 characters only (SEARCHED_TEXT_LENGTH in core/engine/search-words.ts, also on SQLite): a
--   tsvector holds at most 1 MB, and a longer text would make its INSERT fail.
CREATE INDEX tickets_subject_search ON tickets
  USING gin (to_tsvector('simple', regexp_replace(left(subject, 100000), '[^[:alnum:]]+', ' ', 'g')));
CREATE INDEX ticket_messages_text_search ON ticket_messages
  USING gin (to_tsvector('simple', regexp_replace(left(text, 100000), '[^[:alnum:]]+', ' ', 'g')));

-- Filters, as on SQLite: tickets with a missed clock (only a clock's move to or from 'missed' writes this partial
-- index), and one person's tickets.
CREATE INDEX sla_timers_missed ON sla_timers (ticket_id) WHERE state = 'missed';
CREATE INDEX tickets_by_assignee ON tickets (assignee_id, id);
