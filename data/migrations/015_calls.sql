-- Video calls (issue 25): slots offered to a customer, and the calls booked from them (data/sqlite-call-store.ts).
-- Times are epoch ms. JSON columns are TEXT, as elsewhere in this schema.
--
-- An offer is kept so that a restart between the offer and the pick loses nothing. slots is a JSON array of
-- {staffId, startsAt, endsAt}; booking_id is set by the pick that booked it (NULL until then), reschedule_of names the
-- booking the slots would move. Neither is a foreign key: offers and bookings point at each other, and a cycle of
-- foreign keys would leave db:copy no order to copy the two tables in.
CREATE TABLE call_offers (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id           INTEGER NOT NULL REFERENCES tickets (id),
  customer_id         TEXT    NOT NULL,
  requester_platform  TEXT    NOT NULL,
  requester_user_id   TEXT    NOT NULL,
  requester_name      TEXT,
  requester_email     TEXT,
  topic               TEXT,
  timezone            TEXT    NOT NULL,
  slots               TEXT    NOT NULL,
  created_at          INTEGER NOT NULL,
  expires_at          INTEGER NOT NULL,
  reschedule_of       INTEGER,
  booking_id          INTEGER
);
CREATE INDEX call_offers_by_ticket ON call_offers (ticket_id, id);

-- A booking. held, confirmed, done and no-show are counted: they use up the customer's month (by starts_at in the
-- customer's zone, given by the caller as [start, end)) and block the staff member's time. Both checks and the write
-- run in one IMMEDIATE transaction, so two connections cannot overbook. sequence is the invitation's iCalendar
-- SEQUENCE; follow_ups a JSON array of strings.
CREATE TABLE call_bookings (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  offer_id            INTEGER REFERENCES call_offers (id),
  ticket_id           INTEGER NOT NULL REFERENCES tickets (id),
  customer_id         TEXT    NOT NULL,
  staff_id            TEXT    NOT NULL,
  requester_platform  TEXT    NOT NULL,
  requester_user_id   TEXT    NOT NULL,
  requester_name      TEXT,
  requester_email     TEXT,
  topic               TEXT,
  timezone            TEXT    NOT NULL,
  starts_at           INTEGER NOT NULL,
  ends_at             INTEGER NOT NULL CHECK (ends_at > starts_at),
  status              TEXT    NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled', 'done', 'no-show')),
  provider            TEXT,
  meeting_url         TEXT,
  meeting_id          TEXT,
  sequence            INTEGER NOT NULL DEFAULT 0,
  summary             TEXT,
  follow_ups          TEXT    NOT NULL DEFAULT '[]',
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX call_bookings_by_ticket ON call_bookings (ticket_id, id);
-- The quota: a customer's bookings starting in a month.
CREATE INDEX call_bookings_by_customer ON call_bookings (customer_id, starts_at);
-- The overlap check and the staff calendars: a staff member's bookings starting before an end (ends_at read from the
-- index too).
CREATE INDEX call_bookings_by_staff ON call_bookings (staff_id, starts_at, ends_at);
-- Bookings starting in a range (the dashboard, held bookings to confirm).
CREATE INDEX call_bookings_by_start ON call_bookings (starts_at);
