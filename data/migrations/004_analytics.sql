-- Analytics: imported usage figures, outreach notifications sent, and indexes that keep period aggregates fast with
-- a million tickets.

-- Per-customer activity figures (npm run import:usage, POST /api/usage). One row per customer and date; a re-import
-- of the same date replaces the figures.
CREATE TABLE usage_imports (
  customer_id  TEXT    NOT NULL,
  date         TEXT    NOT NULL, -- YYYY-MM-DD
  active_users INTEGER NOT NULL,
  seats        INTEGER,
  events       INTEGER NOT NULL DEFAULT 0,
  renewal_date TEXT,             -- YYYY-MM-DD
  imported_at  INTEGER NOT NULL,
  PRIMARY KEY (customer_id, date)
) WITHOUT ROWID;
CREATE INDEX usage_imports_by_date ON usage_imports (date);

-- One notification per customer, trigger and period (calendar month), with its reasons.
CREATE TABLE outreach_notifications (
  customer_id TEXT    NOT NULL,
  trigger     TEXT    NOT NULL CHECK (trigger IN ('low-usage', 'support-escalation', 'renewal-risk', 'expansion-opportunity')),
  period_key  TEXT    NOT NULL,
  reasons     TEXT    NOT NULL DEFAULT '[]',
  staff_id    TEXT,
  at          INTEGER NOT NULL,
  PRIMARY KEY (customer_id, trigger, period_key)
) WITHOUT ROWID;
CREATE INDEX outreach_notifications_by_at ON outreach_notifications (at);

-- Covering index for the period aggregates: a range scan on created_at reads every column the metrics need
-- (the rowid, i.e. tickets.id, is part of every index entry) without touching the table.
CREATE INDEX tickets_analytics ON tickets (
  created_at, tier, platform, category, priority, assignee_id, status, first_response_due_at, first_response_at,
  resolved_at, reopen_count, escalated, customer_id
);
-- Unanswered open tickets by due time, for the dashboard's SLA countdown.
CREATE INDEX tickets_open_due ON tickets (first_response_due_at, id) WHERE status IN ('open', 'pending') AND first_response_at IS NULL;
-- First-contact resolution counts staff replies per ticket; sentiment samples the newest customer messages.
CREATE INDEX ticket_messages_by_ticket_role ON ticket_messages (ticket_id, role);
CREATE INDEX ticket_messages_by_role_at ON ticket_messages (role, at);
CREATE INDEX ratings_by_at ON ratings (at);
CREATE INDEX kb_votes_by_at ON kb_votes (at);
