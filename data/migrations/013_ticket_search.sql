-- Ticket search (issue 24): the web desk's ticket list finds tickets by the words of their subject or of any one of
-- their transcript messages (data/sqlite-ticket-search.ts).
--
-- One FTS5 index, one entry per subject and per message. Contentless (content=''): it keeps only the index, not a
-- second copy of the text, and columnsize=0 drops the per-row sizes (nothing is ranked). unicode61 without removing
-- diacritics, so it splits and folds words as PostgreSQL's 'simple' configuration does (café is not cafe on either).
-- detail=full, because a word the query side keeps whole can still be two tokens here (a letter newer than the
-- tokenizer's Unicode tables), and only detail=full takes such a phrase. Each text is indexed up to its first
-- 100,000 characters, as on PostgreSQL (SEARCHED_TEXT_LENGTH in core/engine/search-words.ts).
--
-- The rowid says whose entry it is and orders entries as the list does: ticket_id * 2^32 for the subject,
-- ticket_id * 2^32 + (message id mod 2^32) for a message. So `rowid >> 32` is the ticket, a ticket's entries lie
-- together, and FTS5 walks matches newest ticket first (ORDER BY rowid DESC) from a keyset bound
-- (rowid < before * 2^32), stopping at a page: a common word costs a page, not every match. (Ticket ids stay below
-- 2^31 for this to hold.)
CREATE VIRTUAL TABLE ticket_search USING fts5 (
  text,
  content = '',
  columnsize = 0,
  detail = full,
  tokenize = 'unicode61 remove_diacritics 0'
);

-- Entries waiting to be indexed. FTS5 writes a new segment at every COMMIT that touched it: indexed in the ticket's
-- own transaction, a message cost ~8 more 1 KiB pages and ~25% of the engine's messages/s (npm run bench, A/B).
-- So the triggers only note the entry here (one small B-tree), and the search indexes what is noted, many entries
-- in one transaction, before it reads (SqliteTicketSearch.indexQueued; a desk may also call it on a timer), as the
-- roll-ups do with rollup_dirty_days. message_id is NULL for a subject.
CREATE TABLE ticket_search_queue (
  entry      INTEGER PRIMARY KEY,
  message_id INTEGER
);

-- Kept in step whatever code writes the rows. An entry that is indexed (not in the queue) is removed from the
-- contentless index by giving it the old text ('delete'), which the triggers have; an entry still queued is only
-- queued. Only a changed subject (UPDATE OF subject) fires on an updated ticket, so the status and clock updates
-- of the hot path cost nothing here. (INSERT OR IGNORE: should two messages of a ticket ever share their id mod
-- 2^32, the second is not indexed rather than its commit failing.)
CREATE TRIGGER ticket_search_ticket_insert AFTER INSERT ON tickets BEGIN
  INSERT OR IGNORE INTO ticket_search_queue (entry) VALUES (NEW.id * 4294967296);
END;
CREATE TRIGGER ticket_search_ticket_subject AFTER UPDATE OF id, subject ON tickets
WHEN OLD.subject IS NOT NEW.subject OR OLD.id IS NOT NEW.id
BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, text)
    SELECT 'delete', OLD.id * 4294967296, substr(OLD.subject, 1, 100000)
    WHERE NOT EXISTS (SELECT 1 FROM ticket_search_queue WHERE entry = OLD.id * 4294967296);
  DELETE FROM ticket_search_queue WHERE entry = OLD.id * 4294967296;
  INSERT OR IGNORE INTO ticket_search_queue (entry) VALUES (NEW.id * 4294967296);
END;
CREATE TRIGGER ticket_search_ticket_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, text)
    SELECT 'delete', OLD.id * 4294967296, substr(OLD.subject, 1, 100000)
    WHERE NOT EXISTS (SELECT 1 FROM ticket_search_queue WHERE entry = OLD.id * 4294967296);
  DELETE FROM ticket_search_queue WHERE entry = OLD.id * 4294967296;
END;
CREATE TRIGGER ticket_search_message_insert AFTER INSERT ON ticket_messages BEGIN
  INSERT OR IGNORE INTO ticket_search_queue (entry, message_id)
    VALUES (NEW.ticket_id * 4294967296 + (NEW.id & 4294967295), NEW.id);
END;
CREATE TRIGGER ticket_search_message_update AFTER UPDATE OF id, ticket_id, text ON ticket_messages
WHEN OLD.text IS NOT NEW.text OR OLD.ticket_id IS NOT NEW.ticket_id OR OLD.id IS NOT NEW.id
BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, text)
    SELECT 'delete', OLD.ticket_id * 4294967296 + (OLD.id & 4294967295), substr(OLD.text, 1, 100000)
    WHERE NOT EXISTS (SELECT 1 FROM ticket_search_queue WHERE entry = OLD.ticket_id * 4294967296 + (OLD.id & 4294967295));
  DELETE FROM ticket_search_queue WHERE entry = OLD.ticket_id * 4294967296 + (OLD.id & 4294967295);
  INSERT OR IGNORE INTO ticket_search_queue (entry, message_id)
    VALUES (NEW.ticket_id * 4294967296 + (NEW.id & 4294967295), NEW.id);
END;
CREATE TRIGGER ticket_search_message_delete AFTER DELETE ON ticket_messages BEGIN
  INSERT INTO ticket_search (ticket_search, rowid, text)
    SELECT 'delete', OLD.ticket_id * 4294967296 + (OLD.id & 4294967295), substr(OLD.text, 1, 100000)
    WHERE NOT EXISTS (SELECT 1 FROM ticket_search_queue WHERE entry = OLD.ticket_id * 4294967296 + (OLD.id & 4294967295));
  DELETE FROM ticket_search_queue WHERE entry = OLD.ticket_id * 4294967296 + (OLD.id & 4294967295);
END;

-- Existing rows, indexed now, then merged into one segment.
INSERT INTO ticket_search (rowid, text) SELECT id * 4294967296, substr(subject, 1, 100000) FROM tickets ORDER BY id;
INSERT INTO ticket_search (rowid, text)
  SELECT ticket_id * 4294967296 + (id & 4294967295), substr(text, 1, 100000) FROM ticket_messages ORDER BY ticket_id, id;
INSERT INTO ticket_search (ticket_search) VALUES ('optimize');

-- Filters. `breached` walks the tickets with a missed clock newest first (a partial index: only a clock's move to or
-- from 'missed' writes it); running clocks that are due, or due soon, come from sla_timers_by_state (state, due_at).
-- "Assigned to me" without another filter walks one person's tickets instead of all of them.
CREATE INDEX sla_timers_missed ON sla_timers (ticket_id) WHERE state = 'missed';
CREATE INDEX tickets_by_assignee ON tickets (assignee_id, id);
