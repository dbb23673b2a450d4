-- The roll-up triggers on the hot paths (a ticket opened or changed, a staff reply) fire once per row; almost always
-- the day is already dirty, yet the trigger body still ran its INSERT ... SELECT with a NOT EXISTS inside (about
-- 40% of the cost of inserting a ticket). A WHEN clause checks first, so the body runs only for a clean day.
DROP TRIGGER tickets_rollup_insert;
CREATE TRIGGER tickets_rollup_insert AFTER INSERT ON tickets
WHEN NEW.created_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = NEW.created_at / 86400000)
BEGIN
  INSERT INTO rollup_dirty_days (kind, day) VALUES ('tickets', NEW.created_at / 86400000);
END;

DROP TRIGGER tickets_rollup_update;
CREATE TRIGGER tickets_rollup_update AFTER UPDATE ON tickets
WHEN (OLD.created_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = OLD.created_at / 86400000))
  OR (NEW.created_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = NEW.created_at / 86400000))
BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT OLD.created_at / 86400000 AS d UNION SELECT NEW.created_at / 86400000) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;

DROP TRIGGER ticket_messages_rollup_insert;
CREATE TRIGGER ticket_messages_rollup_insert AFTER INSERT ON ticket_messages
WHEN NEW.role = 'staff' AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x, tickets t WHERE t.id = NEW.ticket_id AND x.kind = 'tickets' AND x.day = t.created_at / 86400000)
BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT created_at / 86400000 AS d FROM tickets WHERE id = NEW.ticket_id) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
