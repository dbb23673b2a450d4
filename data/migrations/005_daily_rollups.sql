-- Daily roll-ups for the period metrics (issue 8: the dashboard stays fast with a million tickets).
--
-- Derived tables the analytics store reads instead of the tickets, recomputed per UTC day (of tickets.created_at, or
-- of ratings.at; days are `epoch ms / 86400000`). Triggers mark a day dirty whenever anything that feeds it changes,
-- whatever code writes the row; the store recomputes the dirty days from the source tables, in one transaction,
-- before it reads. Ratings are summed per day (a period's edge days, only partly covered, are read from the ratings
-- directly); tickets keep one entry each, since the percentiles need every duration and the five dimensions
-- leave little to sum within a day.

CREATE TABLE rollup_dirty_days (
  kind TEXT    NOT NULL CHECK (kind IN ('tickets', 'ratings')),
  day  INTEGER NOT NULL,
  PRIMARY KEY (kind, day)
) WITHOUT ROWID;

-- The dimension keys (a few thousand at most) as small integers. `agent` is '' for unassigned.
CREATE TABLE rollup_dims (
  id       INTEGER PRIMARY KEY,
  tier     TEXT NOT NULL,
  platform TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL,
  agent    TEXT NOT NULL,
  UNIQUE (tier, platform, category, priority, agent)
);

-- Per day of created_at, the day's tickets as one packed row (column-major float64 arrays of n entries each:
-- created_at, dims_id, first response ms, resolution ms, unanswered due time, flags; NaN for NULL). Exact percentiles
-- need every duration, so the tickets cannot be summed per day, and with five dimensions a day has almost as many
-- keys as tickets; one blob per day instead of one row per ticket makes a 30-day period 31 reads instead of ~80,000
-- (the row-by-row transfer to JavaScript, not SQLite, was the cost). Flags are bits: 1 SLA hit, 2 answered late,
-- 4 first-contact resolution (resolved with exactly one staff reply), 8 escalated, 16 reopened, 32 ever resolved,
-- 64 active (open or pending). SLA missed by an unanswered ticket depends on the time of the query, hence the due time.
CREATE TABLE ticket_fact_days (
  day     INTEGER PRIMARY KEY,
  tickets INTEGER NOT NULL,
  facts   BLOB    NOT NULL
);

-- Per day of ratings.at, the day's ratings summed per rated ticket's dimension key, kind and score, packed the same
-- way (column-major float64 arrays of n entries: dims_id, kind (0 csat, 1 nps), score, count).
CREATE TABLE rating_fact_days (
  day    INTEGER PRIMARY KEY,
  groups INTEGER NOT NULL,
  facts  BLOB    NOT NULL
);

-- Everything that feeds a day marks it dirty. (NOT EXISTS rather than INSERT OR IGNORE: the conflict clause of the
-- statement that fires a trigger overrides the one inside it, so an upsert of a rating would fail on a dirty day.)
CREATE TRIGGER tickets_rollup_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT NEW.created_at / 86400000 AS d) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
CREATE TRIGGER tickets_rollup_update AFTER UPDATE ON tickets BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT OLD.created_at / 86400000 AS d UNION SELECT NEW.created_at / 86400000) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
CREATE TRIGGER tickets_rollup_update_dims AFTER UPDATE OF tier, platform, category, priority, assignee_id, id ON tickets BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'ratings', d FROM (SELECT at / 86400000 AS d FROM ratings WHERE ticket_id IN (OLD.id, NEW.id)) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'ratings' AND x.day = d);
END;
CREATE TRIGGER tickets_rollup_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT OLD.created_at / 86400000 AS d) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'ratings', d FROM (SELECT at / 86400000 AS d FROM ratings WHERE ticket_id = OLD.id) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'ratings' AND x.day = d);
END;
-- First-contact resolution counts staff replies.
CREATE TRIGGER ticket_messages_rollup_insert AFTER INSERT ON ticket_messages WHEN NEW.role = 'staff' BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT created_at / 86400000 AS d FROM tickets WHERE id = NEW.ticket_id) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
CREATE TRIGGER ticket_messages_rollup_update AFTER UPDATE OF role, ticket_id ON ticket_messages BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT created_at / 86400000 AS d FROM tickets WHERE id IN (OLD.ticket_id, NEW.ticket_id)) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
CREATE TRIGGER ticket_messages_rollup_delete AFTER DELETE ON ticket_messages WHEN OLD.role = 'staff' BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', d FROM (SELECT created_at / 86400000 AS d FROM tickets WHERE id = OLD.ticket_id) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'tickets' AND x.day = d);
END;
CREATE TRIGGER ratings_rollup_insert AFTER INSERT ON ratings BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'ratings', d FROM (SELECT NEW.at / 86400000 AS d) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'ratings' AND x.day = d);
END;
CREATE TRIGGER ratings_rollup_update AFTER UPDATE ON ratings BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'ratings', d FROM (SELECT OLD.at / 86400000 AS d UNION SELECT NEW.at / 86400000) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'ratings' AND x.day = d);
END;
CREATE TRIGGER ratings_rollup_delete AFTER DELETE ON ratings BEGIN
  INSERT INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'ratings', d FROM (SELECT OLD.at / 86400000 AS d) WHERE d IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days x WHERE x.kind = 'ratings' AND x.day = d);
END;

-- Existing data: every day that has tickets or ratings starts dirty.
INSERT OR IGNORE INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'tickets', created_at / 86400000 FROM tickets;
INSERT OR IGNORE INTO rollup_dirty_days (kind, day) SELECT DISTINCT 'ratings', at / 86400000 FROM ratings;
