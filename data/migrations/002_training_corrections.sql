-- Label corrections made by maintainers (GitHub type and priority labels), kept as training data for `npm run train`.
-- Times are epoch milliseconds (UTC).

CREATE TABLE training_corrections (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  platform           TEXT    NOT NULL,
  event_id           TEXT    NOT NULL,
  conversation_key   TEXT    NOT NULL,
  kind               TEXT    NOT NULL CHECK (kind IN ('type', 'priority')),
  action             TEXT    NOT NULL CHECK (action IN ('added', 'removed')),
  label              TEXT    NOT NULL,
  category           TEXT,
  priority           TEXT    CHECK (priority IS NULL OR priority IN ('critical', 'high', 'medium', 'low')),
  predicted_category TEXT,
  text               TEXT    NOT NULL,
  actor_id           TEXT    NOT NULL,
  at                 INTEGER NOT NULL,
  UNIQUE (platform, event_id)
);
CREATE INDEX training_corrections_by_conversation ON training_corrections (conversation_key, at);
