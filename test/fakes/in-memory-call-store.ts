import type { BookingStatus, CallBooking, CallOffer, CallSlot } from '../../core/calls/call-booking.js';
import { COUNTED_STATUSES } from '../../core/calls/call-booking.js';
import type { CallEffects, CallStore, HoldResult } from '../../core/ports/call-store.js';

const clone = <T>(v: T): T => structuredClone(v);
const counted = (b: CallBooking) => COUNTED_STATUSES.includes(b.status);
const byStart = (a: CallBooking, b: CallBooking) => a.startsAt - b.startsAt || a.id - b.id;

function statusChangeAllowed(from: BookingStatus, to: BookingStatus): boolean {
  if (from === 'held' || from === 'confirmed') return to === 'cancelled' || to === 'done' || to === 'no-show';
  return (from === 'done' && to === 'no-show') || (from === 'no-show' && to === 'done');
}

export interface InMemoryCallStoreOptions {
  /**
   * The effects of each change that happened, after it (none for a refused one), audit rows without a ticketId given
   * the booking's. A test or a test desk applies them where it keeps its outbox and audit rows.
   */
  onEffects?: (effects: CallEffects) => void;
}

/**
 * In-memory fake of the call store: the same answers as the SQLite and PostgreSQL stores (the shared contract test,
 * test/contracts/call-store-contract.ts, keeps it honest), each method atomic because nothing in it awaits. It keeps
 * no outbox or audit rows itself: `onEffects` receives what the stores write in the change's transaction.
 */
export function createInMemoryCallStore(opts: InMemoryCallStoreOptions = {}): CallStore {
  const offers: CallOffer[] = [];
  const bookings: CallBooking[] = [];

  const effectsOf = (effects: CallEffects | undefined, ticketId: number) => {
    if (!effects || !opts.onEffects) return;
    opts.onEffects(
      clone({
        ...effects,
        audits: effects.audits?.map((a) => ({ ...a, ticketId: a.ticketId === undefined ? ticketId : a.ticketId })),
      }),
    );
  };
  function refusal(
    customerId: string,
    slot: CallSlot,
    month: { start: number; end: number },
    limit: number | null,
    self: number,
  ) {
    if (limit !== null) {
      const used = bookings.filter(
        (b) =>
          b.id !== self &&
          b.customerId === customerId &&
          counted(b) &&
          b.startsAt >= month.start &&
          b.startsAt < month.end,
      ).length;
      if (used >= limit) return { kind: 'quota-exhausted', used, limit } as const;
    }
    const taken = bookings.some(
      (b) =>
        b.id !== self &&
        b.staffId === slot.staffId &&
        counted(b) &&
        b.startsAt < slot.endsAt &&
        b.endsAt > slot.startsAt,
    );
    return taken ? ({ kind: 'slot-taken' } as const) : null;
  }

  return {
    async createOffer(offer) {
      const created: CallOffer = {
        ...clone(offer),
        slots: offer.slots.map((s) => ({ staffId: s.staffId, startsAt: s.startsAt, endsAt: s.endsAt })),
        id: offers.length + 1,
        bookingId: null,
      };
      offers.push(created);
      return clone(created);
    },
    async getOffer(id) {
      const offer = offers.find((o) => o.id === id);
      return offer ? clone(offer) : null;
    },
    async latestOfferOfTicket(ticketId) {
      const offer = offers.findLast((o) => o.ticketId === ticketId);
      return offer ? clone(offer) : null;
    },
    async holdSlot({ offerId, slotIndex, month, limit, now, effects }): Promise<HoldResult> {
      const offer = offers.find((o) => o.id === offerId);
      if (!offer) return { kind: 'offer-unknown' };
      if (offer.bookingId !== null) {
        const booking = bookings.find((b) => b.id === offer.bookingId);
        return booking ? { kind: 'already-picked', booking: clone(booking) } : { kind: 'offer-unknown' };
      }
      if (now > offer.expiresAt) return { kind: 'offer-expired' };
      const slot = offer.slots[slotIndex];
      if (!slot) return { kind: 'offer-unknown' };
      const refused = refusal(offer.customerId, slot, month, limit, 0);
      if (refused) return refused;
      const booking: CallBooking = {
        id: bookings.length + 1,
        offerId: offer.id,
        ticketId: offer.ticketId,
        customerId: offer.customerId,
        staffId: slot.staffId,
        requester: clone(offer.requester),
        topic: offer.topic,
        timezone: offer.timezone,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        status: 'held',
        provider: null,
        meetingUrl: null,
        meetingId: null,
        sequence: 0,
        summary: null,
        followUps: [],
        createdAt: now,
        updatedAt: now,
      };
      bookings.push(booking);
      offer.bookingId = booking.id;
      effectsOf(effects, booking.ticketId);
      return { kind: 'held', booking: clone(booking) };
    },
    async confirm(id, meeting, now, effects) {
      const booking = bookings.find((b) => b.id === id);
      if (booking?.status !== 'held') return null;
      Object.assign(booking, {
        status: 'confirmed',
        provider: meeting.provider,
        meetingUrl: meeting.url,
        meetingId: meeting.meetingId,
        updatedAt: now,
      });
      effectsOf(effects, booking.ticketId);
      return clone(booking);
    },
    async reschedule({ id, slot, offerId, month, limit, now, effects }) {
      const booking = bookings.find((b) => b.id === id);
      if (!booking) return { kind: 'not-found' };
      if (booking.status !== 'held' && booking.status !== 'confirmed')
        return { kind: 'invalid', status: booking.status };
      const offer = offerId === undefined ? undefined : offers.find((o) => o.id === offerId);
      if (offer && offer.bookingId !== null) return { kind: 'offer-used', booking: clone(booking) };
      const refused = refusal(booking.customerId, slot, month, limit, booking.id);
      if (refused) return refused;
      if (offer) offer.bookingId = booking.id;
      Object.assign(booking, {
        staffId: slot.staffId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        sequence: booking.sequence + 1,
        updatedAt: now,
      });
      effectsOf(effects, booking.ticketId);
      return { kind: 'rescheduled', booking: clone(booking) };
    },
    async setStatus(id, status, now, details, effects) {
      const booking = bookings.find((b) => b.id === id);
      if (!booking || !statusChangeAllowed(booking.status, status)) return null;
      Object.assign(booking, {
        status,
        sequence: booking.sequence + (status === 'cancelled' ? 1 : 0),
        summary: details?.summary !== undefined ? details.summary : booking.summary,
        followUps: details?.followUps !== undefined ? [...details.followUps] : booking.followUps,
        updatedAt: now,
      });
      effectsOf(effects, booking.ticketId);
      return clone(booking);
    },
    async getBooking(id) {
      const booking = bookings.find((b) => b.id === id);
      return booking ? clone(booking) : null;
    },
    async bookingsOfTicket(ticketId) {
      return clone(bookings.filter((b) => b.ticketId === ticketId));
    },
    async countedBookings(customerId, from, to) {
      return clone(
        bookings
          .filter((b) => b.customerId === customerId && counted(b) && b.startsAt >= from && b.startsAt < to)
          .sort(byStart),
      );
    },
    async busyTimes(staffIds, from, to) {
      return bookings
        .filter((b) => staffIds.includes(b.staffId) && counted(b) && b.startsAt < to && b.endsAt > from)
        .sort(byStart)
        .map((b) => ({ staffId: b.staffId, startsAt: b.startsAt, endsAt: b.endsAt }));
    },
    async bookingsBetween(from, to) {
      return clone(bookings.filter((b) => b.startsAt >= from && b.startsAt < to).sort(byStart));
    },
  };
}
