-- A third party's message in a customer's conversation (a stranger's comment on a customer's GitHub issue, someone
-- else posting in a Discord ticket thread) joins the transcript as role 'participant': it is shown, but it is not the
-- customer's message, so it never moves a clock, a status or a priority. SQLite cannot change a CHECK constraint in
-- place: the table is rebuilt (the documented twelve-step way), with its indexes and roll-up triggers.
CREATE TABLE ticket_messages_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
  platform    TEXT    NOT NULL,
  event_id    TEXT,
  message_id  TEXT,
  author_id   TEXT    NOT NULL,
  author_name TEXT,
  role        TEXT    NOT NULL CHECK (role IN ('customer', 'staff', 'bot', 'participant')),
  text        TEXT    NOT NULL,
  at          INTEGER NOT NULL
);
INSERT INTO ticket_messages_new (id, ticket_id, platform, event_id, message_id, author_id, author_name, role, text, at)
  SELECT id, ticket_id, platform, event_id, message_id, author_id, author_name, role, text, at FROM ticket_messages;
DROP TABLE ticket_messages;
ALTER TABLE ticket_messages_new RENAME TO ticket_messages;
CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket_id, id);
CREATE INDEX ticket_messages_by_ticket_role ON ticket_messages (ticket_id, role);
CREATE INDEX ticket_messages_by_role_at ON ticket_messages (role, at);
CREATE TRIGGER ticket_messages_rollup_insert AFTER INSERT ON ticket_messages
WHEN NEW.role = 'staff' AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x, tickets t WHERE t.id = NEW.ticket_id AND x.kind = 'tickets' AND x.day = t.created_at / 86400000)
BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT created_at / 86400000 AS d FROM tickets WHERE id = NEW.ticket_id) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
CREATE TRIGGER ticket_messages_rollup_update AFTER UPDATE OF role, ticket_id ON ticket_messages BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT created_at / 86400000 AS d FROM tickets WHERE id IN (OLD.ticket_id, NEW.ticket_id)) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
CREATE TRIGGER ticket_messages_rollup_delete AFTER DELETE ON ticket_messages WHEN OLD.role = 'staff' BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT created_at / 86400000 AS d FROM tickets WHERE id = OLD.ticket_id) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
