import type {
  BookingStatus,
  CallBooking,
  CallOffer,
  CallSlot,
  NewCallOffer,
  QuotaMonth,
} from '../calls/call-booking.js';
import type { NewOutboxItem } from '../model/outbound-message.js';
import type { NewAuditEntry } from '../model/ticket.js';
import type { Millis } from '../model/types.js';

export type HoldResult =
  | { kind: 'held'; booking: CallBooking }
  /** The offer was picked before: the booking it made (a second click, another instance). */
  | { kind: 'already-picked'; booking: CallBooking }
  | { kind: 'offer-unknown' }
  | { kind: 'offer-expired' }
  /** The month (of the slot, in the customer's zone) has `used` counted bookings of `limit`. */
  | { kind: 'quota-exhausted'; used: number; limit: number }
  /** The staff member has an overlapping counted booking now. */
  | { kind: 'slot-taken' };

export type RescheduleResult =
  | { kind: 'rescheduled'; booking: CallBooking }
  /** The reschedule offer was picked before (a second click on another time, another instance): nothing moved. */
  | { kind: 'offer-used'; booking: CallBooking }
  | { kind: 'not-found' }
  | { kind: 'invalid'; status: BookingStatus }
  | { kind: 'quota-exhausted'; used: number; limit: number }
  | { kind: 'slot-taken' };

/** What else one booking change writes in its transaction: the ticket's audit rows and the messages it sends. */
export interface CallEffects {
  audits?: readonly NewAuditEntry[] | undefined;
  outbox?: readonly NewOutboxItem[] | undefined;
  /**
   * Retire this booking's messages not sent yet whose dedupe key starts with one of these (reminders of the old time
   * after a reschedule or a cancel): they are marked dead, never sent.
   */
  retireOutbox?: readonly string[] | undefined;
}

/**
 * Video-call offers and bookings. Every method is one transaction. `holdSlot` and `reschedule` check the quota and the
 * staff member's calendar in the same transaction as the write, serialized per customer and per staff member, so two
 * requests (two instances) can neither overbook a month nor double-book a person.
 */
export interface CallStore {
  createOffer(offer: NewCallOffer): Promise<CallOffer>;
  getOffer(id: number): Promise<CallOffer | null>;
  /** The ticket's newest offer (picked, expired or open), or null: a number replied by mail picks from it. */
  latestOfferOfTicket(ticketId: number): Promise<CallOffer | null>;
  /**
   * Book `slots[slotIndex]` of an offer as `held`. `month` is the slot's month in the customer's zone; `limit` null =
   * unlimited. Marks the offer picked.
   */
  holdSlot(input: {
    offerId: number;
    slotIndex: number;
    month: QuotaMonth;
    limit: number | null;
    now: Millis;
    effects?: CallEffects;
  }): Promise<HoldResult>;
  /** held → confirmed with the meeting link; null when the booking is not held (cancelled meanwhile). */
  confirm(
    id: number,
    meeting: { provider: string; url: string; meetingId: string | null },
    now: Millis,
    effects?: CallEffects,
  ): Promise<CallBooking | null>;
  /**
   * Move a held or confirmed booking to another slot (sequence + 1), with the same checks as holdSlot. With `offerId`
   * (the reschedule offer the slot was picked from), the offer is marked picked in the same transaction, and an offer
   * picked before moves nothing (`offer-used`).
   */
  reschedule(input: {
    id: number;
    slot: CallSlot;
    offerId?: number | undefined;
    month: QuotaMonth;
    limit: number | null;
    now: Millis;
    effects?: CallEffects;
  }): Promise<RescheduleResult>;
  /**
   * Set the status (cancelled: sequence + 1; done: with summary and follow-ups). Only from held/confirmed, except done
   * ↔ no-show corrections; null when the booking is unknown or the change is not allowed.
   */
  setStatus(
    id: number,
    status: Exclude<BookingStatus, 'held' | 'confirmed'>,
    now: Millis,
    details?: { summary?: string; followUps?: readonly string[] },
    effects?: CallEffects,
  ): Promise<CallBooking | null>;
  getBooking(id: number): Promise<CallBooking | null>;
  bookingsOfTicket(ticketId: number): Promise<CallBooking[]>;
  /** Counted bookings (held, confirmed, done, no-show) of the customer starting in [from, to), by start. */
  countedBookings(customerId: string, from: Millis, to: Millis): Promise<CallBooking[]>;
  /** Counted bookings of these staff members overlapping [from, to): their calendars, for finding free slots. */
  busyTimes(staffIds: readonly string[], from: Millis, to: Millis): Promise<CallSlot[]>;
  /** Bookings of every customer starting in [from, to), any status (dashboard, report). */
  bookingsBetween(from: Millis, to: Millis): Promise<CallBooking[]>;
}
