import type { BookingStatus, CallBooking, CallSlot, NewCallOffer } from '../core/calls/call-booking.js';
import type { CallEffects, CallStore, HoldResult, RescheduleResult } from '../core/ports/call-store.js';
import type { CallBookingRow, CallOfferRow } from './call-rows.js';
import { bookingFromRow, COUNTED_SQL, likePrefix, offerFromRow, slotsJson, statusChangeAllowed } from './call-rows.js';
import { commitSignalOf } from './commit-signal.js';
import type { SqliteDatabase } from './open-database.js';
import { prepareOutboxInsert } from './prepare-outbox-insert.js';

/**
 * Video-call offers and bookings in the desk's SQLite file (migration 015). Every write is one IMMEDIATE transaction:
 * it takes the file's write lock before its first read, so the quota and calendar checks of `holdSlot` and
 * `reschedule` and their insert cannot interleave with another connection's (another process on the same file waits
 * for the lock, busy_timeout). Effects are written in the same transaction: stale reminders retired first, then the
 * new outbox rows (a duplicate dedupe key is skipped, as everywhere), then the audit rows (those without a ticketId
 * attach to the booking's ticket). A commit that queued outbox rows is announced on the database's CommitSignal, so
 * the outbox store's `onOutboxQueued` listeners (the dispatcher) wake.
 */
export function createSqliteCallStore(db: SqliteDatabase): CallStore {
  const signal = commitSignalOf(db);
  const insertOutbox = prepareOutboxInsert(db);
  const q = {
    insertOffer: db.prepare(`INSERT INTO call_offers (ticket_id, customer_id, requester_platform, requester_user_id,
      requester_name, requester_email, topic, timezone, slots, created_at, expires_at, reschedule_of)
      VALUES (@ticketId, @customerId, @platform, @userId, @name, @email, @topic, @timezone, @slots, @createdAt, @expiresAt,
      @rescheduleOf) RETURNING *`),
    getOffer: db.prepare('SELECT * FROM call_offers WHERE id = ?'),
    latestOffer: db.prepare('SELECT * FROM call_offers WHERE ticket_id = ? ORDER BY id DESC LIMIT 1'),
    markOffer: db.prepare('UPDATE call_offers SET booking_id = ? WHERE id = ?'),
    getBooking: db.prepare('SELECT * FROM call_bookings WHERE id = ?'),
    insertBooking:
      db.prepare(`INSERT INTO call_bookings (offer_id, ticket_id, customer_id, staff_id, requester_platform,
      requester_user_id, requester_name, requester_email, topic, timezone, starts_at, ends_at, status, sequence,
      follow_ups, created_at, updated_at)
      VALUES (@offerId, @ticketId, @customerId, @staffId, @platform, @userId, @name, @email, @topic, @timezone, @startsAt,
      @endsAt, 'held', 0, '[]', @at, @at) RETURNING *`),
    used: db
      .prepare(
        `SELECT COUNT(*) FROM call_bookings WHERE customer_id = ? AND ${COUNTED_SQL} AND starts_at >= ? AND starts_at < ? AND id <> ?`,
      )
      .pluck(),
    overlap: db.prepare(
      `SELECT 1 FROM call_bookings WHERE staff_id = ? AND ${COUNTED_SQL} AND starts_at < ? AND ends_at > ? AND id <> ? LIMIT 1`,
    ),
    confirm: db.prepare(`UPDATE call_bookings SET status = 'confirmed', provider = ?, meeting_url = ?, meeting_id = ?,
      updated_at = ? WHERE id = ? AND status = 'held' RETURNING *`),
    move: db.prepare(`UPDATE call_bookings SET staff_id = ?, starts_at = ?, ends_at = ?, sequence = sequence + 1,
      updated_at = ? WHERE id = ? RETURNING *`),
    setStatus: db.prepare(`UPDATE call_bookings SET status = ?, sequence = sequence + ?, summary = ?, follow_ups = ?,
      updated_at = ? WHERE id = ? RETURNING *`),
    ofTicket: db.prepare('SELECT * FROM call_bookings WHERE ticket_id = ? ORDER BY id'),
    counted: db.prepare(
      `SELECT * FROM call_bookings WHERE customer_id = ? AND ${COUNTED_SQL} AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id`,
    ),
    busy: db.prepare(`SELECT staff_id, starts_at, ends_at FROM call_bookings
      WHERE staff_id IN (SELECT value FROM json_each(?)) AND ${COUNTED_SQL} AND starts_at < ? AND ends_at > ?
      ORDER BY starts_at, id`),
    between: db.prepare('SELECT * FROM call_bookings WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at, id'),
    // SQLite's LIKE ignores the case of ASCII letters, and dedupe keys are case-sensitive: the substr comparison is
    // the exact test, LIKE is kept for the planner (pending rows only, by the partial index outbox_due).
    retire: db.prepare(`UPDATE outbox SET dead_at = @at, last_error = @error
      WHERE sent_at IS NULL AND dead_at IS NULL AND dedupe_key LIKE @pattern ESCAPE '\\'
        AND substr(dedupe_key, 1, length(@prefix)) = @prefix`),
    audit: db.prepare('INSERT INTO audit_log (ticket_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)'),
  };

  /** The effects of a change, in its transaction; returns how many outbox rows it queued. */
  function applyEffects(effects: CallEffects | undefined, ticketId: number, at: number): number {
    if (!effects) return 0;
    for (const prefix of effects.retireOutbox ?? [])
      q.retire.run({ at, error: `retired: ${prefix}`, pattern: likePrefix(prefix), prefix });
    let queued = 0;
    for (const o of effects.outbox ?? []) if (insertOutbox(o, at) !== null) queued++;
    for (const a of effects.audits ?? [])
      q.audit.run(a.ticketId === undefined ? ticketId : a.ticketId, a.actor, a.action, JSON.stringify(a.detail), a.at);
    return queued;
  }

  const booking = (id: number) => {
    const row = q.getBooking.get(id) as CallBookingRow | undefined;
    return row ? bookingFromRow(row) : null;
  };
  /** The quota and the calendar for `slot` (leaving `self` out), or null when both allow it. */
  function refusal(customerId: string, slot: CallSlot, input: Pick<HoldInput, 'month' | 'limit'>, self: number) {
    if (input.limit !== null) {
      const used = q.used.get(customerId, input.month.start, input.month.end, self) as number;
      if (used >= input.limit) return { kind: 'quota-exhausted', used, limit: input.limit } as const;
    }
    if (q.overlap.get(slot.staffId, slot.endsAt, slot.startsAt, self)) return { kind: 'slot-taken' } as const;
    return null;
  }

  type Changed<R> = { result: R; queued: number };
  const nothing = <R>(result: R): Changed<R> => ({ result, queued: 0 });

  const hold = db.transaction((input: HoldInput): Changed<HoldResult> => {
    const row = q.getOffer.get(input.offerId) as CallOfferRow | undefined;
    if (!row) return nothing({ kind: 'offer-unknown' });
    const offer = offerFromRow(row);
    if (offer.bookingId !== null) {
      const picked = booking(offer.bookingId);
      return nothing(picked ? { kind: 'already-picked', booking: picked } : { kind: 'offer-unknown' });
    }
    if (input.now > offer.expiresAt) return nothing({ kind: 'offer-expired' });
    const slot = offer.slots[input.slotIndex];
    if (!slot) return nothing({ kind: 'offer-unknown' });
    const refused = refusal(offer.customerId, slot, input, 0);
    if (refused) return nothing(refused);
    const inserted = bookingFromRow(
      q.insertBooking.get({
        offerId: offer.id,
        ticketId: offer.ticketId,
        customerId: offer.customerId,
        staffId: slot.staffId,
        ...offer.requester,
        topic: offer.topic,
        timezone: offer.timezone,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        at: input.now,
      }) as CallBookingRow,
    );
    q.markOffer.run(inserted.id, offer.id);
    const queued = applyEffects(input.effects, inserted.ticketId, input.now);
    return { result: { kind: 'held', booking: inserted }, queued };
  });

  const confirm = db.transaction(
    (
      id: number,
      meeting: { provider: string; url: string; meetingId: string | null },
      now: number,
      effects?: CallEffects,
    ): Changed<CallBooking | null> => {
      const row = q.confirm.get(meeting.provider, meeting.url, meeting.meetingId, now, id) as
        | CallBookingRow
        | undefined;
      if (!row) return nothing(null);
      return { result: bookingFromRow(row), queued: applyEffects(effects, row.ticket_id, now) };
    },
  );

  const reschedule = db.transaction((input: RescheduleInput): Changed<RescheduleResult> => {
    const before = booking(input.id);
    if (!before) return nothing({ kind: 'not-found' });
    if (before.status !== 'held' && before.status !== 'confirmed')
      return nothing({ kind: 'invalid', status: before.status });
    const offer = input.offerId === undefined ? undefined : (q.getOffer.get(input.offerId) as CallOfferRow | undefined);
    if (offer && offer.booking_id !== null) return nothing({ kind: 'offer-used', booking: before });
    const refused = refusal(before.customerId, input.slot, input, before.id);
    if (refused) return nothing(refused);
    const { staffId, startsAt, endsAt } = input.slot;
    const moved = bookingFromRow(q.move.get(staffId, startsAt, endsAt, input.now, before.id) as CallBookingRow);
    if (offer) q.markOffer.run(before.id, offer.id);
    return {
      result: { kind: 'rescheduled', booking: moved },
      queued: applyEffects(input.effects, moved.ticketId, input.now),
    };
  });

  const setStatus = db.transaction(
    (
      id: number,
      status: BookingStatus,
      now: number,
      details: { summary?: string; followUps?: readonly string[] } | undefined,
      effects: CallEffects | undefined,
    ): Changed<CallBooking | null> => {
      const before = booking(id);
      if (!before || !statusChangeAllowed(before.status, status)) return nothing(null);
      const row = q.setStatus.get(
        status,
        status === 'cancelled' ? 1 : 0,
        details?.summary !== undefined ? details.summary : before.summary,
        JSON.stringify(details?.followUps !== undefined ? [...details.followUps] : before.followUps),
        now,
        id,
      ) as CallBookingRow;
      return { result: bookingFromRow(row), queued: applyEffects(effects, row.ticket_id, now) };
    },
  );

  /** After the COMMIT: wake the outbox dispatcher when the change queued messages. */
  const announce = <R>(changed: Changed<R>): R => {
    if (changed.queued) signal.outboxQueued();
    return changed.result;
  };

  return {
    async createOffer(offer: NewCallOffer) {
      const row = q.insertOffer.get({
        ...offer.requester,
        ticketId: offer.ticketId,
        customerId: offer.customerId,
        topic: offer.topic,
        timezone: offer.timezone,
        slots: slotsJson(offer.slots),
        createdAt: offer.createdAt,
        expiresAt: offer.expiresAt,
        rescheduleOf: offer.rescheduleOf,
      }) as CallOfferRow;
      return offerFromRow(row);
    },
    async getOffer(id) {
      const row = q.getOffer.get(id) as CallOfferRow | undefined;
      return row ? offerFromRow(row) : null;
    },
    async latestOfferOfTicket(ticketId) {
      const row = q.latestOffer.get(ticketId) as CallOfferRow | undefined;
      return row ? offerFromRow(row) : null;
    },
    async holdSlot(input) {
      return announce(hold.immediate(input));
    },
    async confirm(id, meeting, now, effects) {
      return announce(confirm.immediate(id, meeting, now, effects));
    },
    async reschedule(input) {
      return announce(reschedule.immediate(input));
    },
    async setStatus(id, status, now, details, effects) {
      return announce(setStatus.immediate(id, status, now, details, effects));
    },
    async getBooking(id) {
      return booking(id);
    },
    async bookingsOfTicket(ticketId) {
      return (q.ofTicket.all(ticketId) as CallBookingRow[]).map(bookingFromRow);
    },
    async countedBookings(customerId, from, to) {
      return (q.counted.all(customerId, from, to) as CallBookingRow[]).map(bookingFromRow);
    },
    async busyTimes(staffIds, from, to) {
      if (!staffIds.length) return [];
      const rows = q.busy.all(JSON.stringify(staffIds), to, from) as Pick<
        CallBookingRow,
        'staff_id' | 'starts_at' | 'ends_at'
      >[];
      return rows.map((r) => ({ staffId: r.staff_id, startsAt: r.starts_at, endsAt: r.ends_at }));
    },
    async bookingsBetween(from, to) {
      return (q.between.all(from, to) as CallBookingRow[]).map(bookingFromRow);
    },
  };
}

type HoldInput = Parameters<CallStore['holdSlot']>[0];
type RescheduleInput = Parameters<CallStore['reschedule']>[0];
