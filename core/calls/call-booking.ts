import type { Millis, Platform } from '../model/types.js';

/**
 * held: the slot is taken (quota counted, staff calendar blocked) while the meeting link is made; confirmed: invited;
 * cancelled; done: the call happened (summary recorded); no-show: the customer did not come.
 */
export const BOOKING_STATUSES = ['held', 'confirmed', 'cancelled', 'done', 'no-show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Bookings that use up the month's quota and block the staff member's time. */
export const COUNTED_STATUSES: readonly BookingStatus[] = ['held', 'confirmed', 'done', 'no-show'];

/** A time a staff member can take a call. */
export interface CallSlot {
  staffId: string;
  startsAt: Millis;
  endsAt: Millis;
}

/** Where the customer asked, so the desk answers (buttons, reminders, the recap) in the same place. */
export interface CallRequester {
  platform: Platform;
  userId: string;
  /** The ticket's conversation key is on the ticket; this is the person. */
  name: string | null;
  /** The customer's mail address, when known: the invitation goes there too. */
  email: string | null;
}

/** Slots offered to a customer; picking one books it. Kept in the database so a restart between offer and pick loses nothing. */
export interface CallOffer {
  id: number;
  ticketId: number;
  customerId: string;
  requester: CallRequester;
  topic: string | null;
  /** IANA zone the customer sees times in, and whose months the quota counts. */
  timezone: string;
  slots: CallSlot[];
  createdAt: Millis;
  /** A pick after this is refused (the slots may be gone): ask again. */
  expiresAt: Millis;
  /** The booking these slots would move (a reschedule), null for a new call. */
  rescheduleOf: number | null;
  /** Set by the pick that booked it (for a reschedule: the booking it moved). */
  bookingId: number | null;
}
export type NewCallOffer = Omit<CallOffer, 'id' | 'bookingId'>;

export interface CallBooking {
  id: number;
  offerId: number | null;
  ticketId: number;
  customerId: string;
  staffId: string;
  requester: CallRequester;
  topic: string | null;
  timezone: string;
  startsAt: Millis;
  endsAt: Millis;
  status: BookingStatus;
  /** `jitsi`, `zoom`, `google-meet`; null while held. */
  provider: string | null;
  meetingUrl: string | null;
  /** The provider's id of the meeting (to move or delete it), when it has one. */
  meetingId: string | null;
  /** iCalendar SEQUENCE: bumped on every reschedule and on cancel, so calendars replace the earlier invitation. */
  sequence: number;
  summary: string | null;
  followUps: string[];
  createdAt: Millis;
  updatedAt: Millis;
}

/** A customer's month, in their zone: [start, end). `label` is `2026-03`. */
export interface QuotaMonth {
  label: string;
  start: Millis;
  end: Millis;
}
