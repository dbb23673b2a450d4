import type { BookingStatus, CallBooking, CallSlot } from '../core/calls/call-booking.js';
import type { CallEffects, CallStore, HoldResult, RescheduleResult } from '../core/ports/call-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import { InsertBatch, insertOutboxRows } from './postgres-batch-insert.js';
import type { PostgresClient } from './postgres-transaction.js';
import { inTransaction } from './postgres-transaction.js';
import type { CallBookingRow, CallOfferRow } from './call-rows.js';
import { bookingFromRow, COUNTED_SQL, likePrefix, offerFromRow, slotsJson, statusChangeAllowed } from './call-rows.js';

type HoldInput = Parameters<CallStore['holdSlot']>[0];
type Checked = Pick<HoldInput, 'month' | 'limit'>;
type Changed<R> = { result: R; queued: number };
const nothing = <R>(result: R): Changed<R> => ({ result, queued: 0 });

/**
 * Serialize the bookings of one customer and of one staff member, until the transaction ends. Always the customer
 * first, then the staff member, so two transactions never wait for each other in a circle (a deadlock that hash
 * collisions might still make is reported as 40P01, which inTransaction retries). Keyed by the schema, so desks in
 * different schemas of one database do not contend.
 */
async function lockCustomerAndStaff(client: PostgresClient, customerId: string, staffId: string): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':call-customer:' || $1))", [
    customerId,
  ]);
  await client.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':call-staff:' || $1))", [staffId]);
}

/**
 * The quota and the calendar for `slot` (leaving booking `self` out), or null when both allow it. Run under
 * lockCustomerAndStaff: under READ COMMITTED each statement after the lock sees every booking committed before it.
 */
async function refusal(client: PostgresClient, customerId: string, slot: CallSlot, input: Checked, self: number) {
  if (input.limit !== null) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM call_bookings WHERE customer_id = $1 AND ${COUNTED_SQL}
       AND starts_at >= $2 AND starts_at < $3 AND id <> $4`,
      [customerId, input.month.start, input.month.end, self],
    );
    const used = rows[0]?.n ?? 0;
    if (used >= input.limit) return { kind: 'quota-exhausted', used, limit: input.limit } as const;
  }
  const overlap = await client.query(
    `SELECT 1 FROM call_bookings WHERE staff_id = $1 AND ${COUNTED_SQL} AND starts_at < $2 AND ends_at > $3 AND id <> $4
     LIMIT 1`,
    [slot.staffId, slot.endsAt, slot.startsAt, self],
  );
  return overlap.rowCount ? ({ kind: 'slot-taken' } as const) : null;
}

/**
 * The effects of a change on its transaction: stale reminders retired first (so the change's new reminders, which may
 * share the prefix, stay queued), then the outbox rows and the audit rows in one statement (audit rows without a
 * ticketId attach to the booking's ticket; a dedupe key queued before is skipped). Returns how many rows it queued.
 */
async function applyEffects(
  client: PostgresClient,
  effects: CallEffects | undefined,
  ticketId: number,
  at: number,
): Promise<number> {
  if (!effects) return 0;
  for (const prefix of effects.retireOutbox ?? [])
    await client.query(
      `UPDATE outbox SET dead_at = $1, last_error = $2
       WHERE sent_at IS NULL AND dead_at IS NULL AND dedupe_key LIKE $3 ESCAPE '\\'`,
      [at, `retired: ${prefix}`, likePrefix(prefix)],
    );
  const audits = new InsertBatch().audits(ticketId, effects.audits ?? []);
  return (await insertOutboxRows(client, effects.outbox ?? [], at, audits)).length;
}

/**
 * Video-call offers and bookings on PostgreSQL, behaving as SqliteCallStore. `holdSlot` and `reschedule` take
 * transaction-level advisory locks on the customer and on the staff member before they check the quota and the
 * calendar, so two instances can neither overbook a month nor double-book a person; the other changes lock the
 * booking's row. A commit that queued outbox rows is announced on `db.signal` (OutboxStore.onOutboxQueued).
 */
export function createPostgresCallStore(db: PostgresDatabase): CallStore {
  const { pool, signal } = db;
  const all = async <R extends object>(sql: string, params: unknown[]) => (await pool.query<R>(sql, params)).rows;
  /** Run a change; after its COMMIT, wake the outbox dispatcher when it queued messages. */
  const change = async <R>(work: (client: PostgresClient) => Promise<Changed<R>>): Promise<R> => {
    const changed = await inTransaction(pool, work);
    if (changed.queued) signal.outboxQueued();
    return changed.result;
  };
  const bookingOn = async (client: PostgresClient, id: number, lock = false) => {
    const { rows } = await client.query<CallBookingRow>(
      `SELECT * FROM call_bookings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? bookingFromRow(rows[0]) : null;
  };
  const picked = async (client: PostgresClient, bookingId: number): Promise<Changed<HoldResult>> => {
    const booking = await bookingOn(client, bookingId);
    return nothing(booking ? { kind: 'already-picked', booking } : { kind: 'offer-unknown' });
  };

  return {
    async createOffer(offer) {
      const [row] = await all<CallOfferRow>(
        `INSERT INTO call_offers (ticket_id, customer_id, requester_platform, requester_user_id, requester_name,
           requester_email, topic, timezone, slots, created_at, expires_at, reschedule_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          offer.ticketId,
          offer.customerId,
          offer.requester.platform,
          offer.requester.userId,
          offer.requester.name,
          offer.requester.email,
          offer.topic,
          offer.timezone,
          slotsJson(offer.slots),
          offer.createdAt,
          offer.expiresAt,
          offer.rescheduleOf,
        ],
      );
      return offerFromRow(row!);
    },
    async getOffer(id) {
      const [row] = await all<CallOfferRow>('SELECT * FROM call_offers WHERE id = $1', [id]);
      return row ? offerFromRow(row) : null;
    },
    async latestOfferOfTicket(ticketId) {
      const [row] = await all<CallOfferRow>('SELECT * FROM call_offers WHERE ticket_id = $1 ORDER BY id DESC LIMIT 1', [
        ticketId,
      ]);
      return row ? offerFromRow(row) : null;
    },
    holdSlot: (input) =>
      change(async (client): Promise<Changed<HoldResult>> => {
        const read = async (lock: boolean) => {
          const { rows } = await client.query<CallOfferRow>(
            `SELECT * FROM call_offers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
            [input.offerId],
          );
          return rows[0] ? offerFromRow(rows[0]) : null;
        };
        const offer = await read(false);
        if (!offer) return nothing({ kind: 'offer-unknown' });
        if (offer.bookingId !== null) return picked(client, offer.bookingId);
        if (input.now > offer.expiresAt) return nothing({ kind: 'offer-expired' });
        const slot = offer.slots[input.slotIndex];
        if (!slot) return nothing({ kind: 'offer-unknown' });
        await lockCustomerAndStaff(client, offer.customerId, slot.staffId);
        // Picked meanwhile (a second click, another instance): it committed before this transaction got the lock.
        const bookingId = (await read(true))?.bookingId ?? null;
        if (bookingId !== null) return picked(client, bookingId);
        const refused = await refusal(client, offer.customerId, slot, input, 0);
        if (refused) return nothing(refused);
        const { rows } = await client.query<CallBookingRow>(
          `INSERT INTO call_bookings (offer_id, ticket_id, customer_id, staff_id, requester_platform, requester_user_id,
             requester_name, requester_email, topic, timezone, starts_at, ends_at, status, sequence, follow_ups,
             created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'held', 0, '[]', $13, $13) RETURNING *`,
          [
            offer.id,
            offer.ticketId,
            offer.customerId,
            slot.staffId,
            offer.requester.platform,
            offer.requester.userId,
            offer.requester.name,
            offer.requester.email,
            offer.topic,
            offer.timezone,
            slot.startsAt,
            slot.endsAt,
            input.now,
          ],
        );
        const booking = bookingFromRow(rows[0]!);
        await client.query('UPDATE call_offers SET booking_id = $1 WHERE id = $2', [booking.id, offer.id]);
        const queued = await applyEffects(client, input.effects, booking.ticketId, input.now);
        return { result: { kind: 'held', booking }, queued };
      }),
    confirm: (id, meeting, now, effects) =>
      change(async (client): Promise<Changed<CallBooking | null>> => {
        const { rows } = await client.query<CallBookingRow>(
          `UPDATE call_bookings SET status = 'confirmed', provider = $1, meeting_url = $2, meeting_id = $3, updated_at = $4
           WHERE id = $5 AND status = 'held' RETURNING *`,
          [meeting.provider, meeting.url, meeting.meetingId, now, id],
        );
        if (!rows[0]) return nothing(null);
        const booking = bookingFromRow(rows[0]);
        return { result: booking, queued: await applyEffects(client, effects, booking.ticketId, now) };
      }),
    reschedule: (input) =>
      change(async (client): Promise<Changed<RescheduleResult>> => {
        const seen = await bookingOn(client, input.id);
        if (!seen) return nothing({ kind: 'not-found' });
        await lockCustomerAndStaff(client, seen.customerId, input.slot.staffId);
        const before = (await bookingOn(client, input.id, true))!;
        if (before.status !== 'held' && before.status !== 'confirmed')
          return nothing({ kind: 'invalid', status: before.status });
        if (input.offerId !== undefined) {
          const offer = await client.query<{ booking_id: number | null }>(
            'SELECT booking_id FROM call_offers WHERE id = $1 FOR UPDATE',
            [input.offerId],
          );
          if (offer.rows[0] && offer.rows[0].booking_id !== null)
            return nothing({ kind: 'offer-used', booking: before });
        }
        const refused = await refusal(client, before.customerId, input.slot, input, before.id);
        if (refused) return nothing(refused);
        if (input.offerId !== undefined)
          await client.query('UPDATE call_offers SET booking_id = $1 WHERE id = $2', [before.id, input.offerId]);
        const { rows } = await client.query<CallBookingRow>(
          `UPDATE call_bookings SET staff_id = $1, starts_at = $2, ends_at = $3, sequence = sequence + 1, updated_at = $4
           WHERE id = $5 RETURNING *`,
          [input.slot.staffId, input.slot.startsAt, input.slot.endsAt, input.now, before.id],
        );
        const booking = bookingFromRow(rows[0]!);
        const queued = await applyEffects(client, input.effects, booking.ticketId, input.now);
        return { result: { kind: 'rescheduled', booking }, queued };
      }),
    setStatus: (id, status, now, details, effects) =>
      change(async (client): Promise<Changed<CallBooking | null>> => {
        const before = await bookingOn(client, id, true);
        if (!before || !statusChangeAllowed(before.status, status as BookingStatus)) return nothing(null);
        const { rows } = await client.query<CallBookingRow>(
          `UPDATE call_bookings SET status = $1, sequence = sequence + $2, summary = $3, follow_ups = $4, updated_at = $5
           WHERE id = $6 RETURNING *`,
          [
            status,
            status === 'cancelled' ? 1 : 0,
            details?.summary !== undefined ? details.summary : before.summary,
            JSON.stringify(details?.followUps !== undefined ? [...details.followUps] : before.followUps),
            now,
            id,
          ],
        );
        const booking = bookingFromRow(rows[0]!);
        return { result: booking, queued: await applyEffects(client, effects, booking.ticketId, now) };
      }),
    async getBooking(id) {
      const [row] = await all<CallBookingRow>('SELECT * FROM call_bookings WHERE id = $1', [id]);
      return row ? bookingFromRow(row) : null;
    },
    async bookingsOfTicket(ticketId) {
      return (
        await all<CallBookingRow>('SELECT * FROM call_bookings WHERE ticket_id = $1 ORDER BY id', [ticketId])
      ).map(bookingFromRow);
    },
    async countedBookings(customerId, from, to) {
      const rows = await all<CallBookingRow>(
        `SELECT * FROM call_bookings WHERE customer_id = $1 AND ${COUNTED_SQL} AND starts_at >= $2 AND starts_at < $3
         ORDER BY starts_at, id`,
        [customerId, from, to],
      );
      return rows.map(bookingFromRow);
    },
    async busyTimes(staffIds, from, to) {
      if (!staffIds.length) return [];
      const rows = await all<Pick<CallBookingRow, 'staff_id' | 'starts_at' | 'ends_at'>>(
        `SELECT staff_id, starts_at, ends_at FROM call_bookings
         WHERE staff_id = ANY($1::text[]) AND ${COUNTED_SQL} AND starts_at < $2 AND ends_at > $3 ORDER BY starts_at, id`,
        [[...staffIds], to, from],
      );
      return rows.map((r) => ({ staffId: r.staff_id, startsAt: r.starts_at, endsAt: r.ends_at }));
    },
    async bookingsBetween(from, to) {
      const rows = await all<CallBookingRow>(
        'SELECT * FROM call_bookings WHERE starts_at >= $1 AND starts_at < $2 ORDER BY starts_at, id',
        [from, to],
      );
      return rows.map(bookingFromRow);
    },
  };
}
