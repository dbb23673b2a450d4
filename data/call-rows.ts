import type { BookingStatus, CallBooking, CallOffer, CallSlot } from '../core/calls/call-booking.js';
import { COUNTED_STATUSES } from '../core/calls/call-booking.js';
import type { Platform } from '../core/model/types.js';

// The rows of the call tables and the rules both call stores share (SQLite migration 015, PostgreSQL 005).

/** A row of call_offers. */
export interface CallOfferRow {
  id: number;
  ticket_id: number;
  customer_id: string;
  requester_platform: string;
  requester_user_id: string;
  requester_name: string | null;
  requester_email: string | null;
  topic: string | null;
  timezone: string;
  slots: string;
  created_at: number;
  expires_at: number;
  reschedule_of: number | null;
  booking_id: number | null;
}

/** A row of call_bookings. */
export interface CallBookingRow {
  id: number;
  offer_id: number | null;
  ticket_id: number;
  customer_id: string;
  staff_id: string;
  requester_platform: string;
  requester_user_id: string;
  requester_name: string | null;
  requester_email: string | null;
  topic: string | null;
  timezone: string;
  starts_at: number;
  ends_at: number;
  status: string;
  provider: string | null;
  meeting_url: string | null;
  meeting_id: string | null;
  sequence: number;
  summary: string | null;
  follow_ups: string;
  created_at: number;
  updated_at: number;
}

/** Slots as stored: exactly the three fields, in one order. */
export const slotsJson = (slots: readonly CallSlot[]): string =>
  JSON.stringify(slots.map((s) => ({ staffId: s.staffId, startsAt: s.startsAt, endsAt: s.endsAt })));

export const offerFromRow = (r: CallOfferRow): CallOffer => ({
  id: r.id,
  ticketId: r.ticket_id,
  customerId: r.customer_id,
  requester: {
    platform: r.requester_platform as Platform,
    userId: r.requester_user_id,
    name: r.requester_name,
    email: r.requester_email,
  },
  topic: r.topic,
  timezone: r.timezone,
  slots: JSON.parse(r.slots) as CallSlot[],
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  rescheduleOf: r.reschedule_of,
  bookingId: r.booking_id,
});

export const bookingFromRow = (r: CallBookingRow): CallBooking => ({
  id: r.id,
  offerId: r.offer_id,
  ticketId: r.ticket_id,
  customerId: r.customer_id,
  staffId: r.staff_id,
  requester: {
    platform: r.requester_platform as Platform,
    userId: r.requester_user_id,
    name: r.requester_name,
    email: r.requester_email,
  },
  topic: r.topic,
  timezone: r.timezone,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  status: r.status as BookingStatus,
  provider: r.provider,
  meetingUrl: r.meeting_url,
  meetingId: r.meeting_id,
  sequence: r.sequence,
  summary: r.summary,
  followUps: JSON.parse(r.follow_ups) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** `status IN ('held', …)`: the counted statuses, as SQL (constants, not user input). */
export const COUNTED_SQL = `status IN (${COUNTED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** A LIKE pattern matching what starts with `prefix` (its %, _ and \ taken literally; ESCAPE '\'). */
export const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What `setStatus` may do: from held/confirmed to any end, and done ↔ no-show corrections. */
export function statusChangeAllowed(from: BookingStatus, to: BookingStatus): boolean {
  if (from === 'held' || from === 'confirmed') return to === 'cancelled' || to === 'done' || to === 'no-show';
  return (from === 'done' && to === 'no-show') || (from === 'no-show' && to === 'done');
}
