import type { CallBooking } from '../calls/call-booking.js';
import type { MessageAttachment } from '../model/outbound-message.js';

export interface InviteInput {
  booking: CallBooking;
  /** REQUEST for a new or moved call, CANCEL when it is cancelled. */
  method: 'REQUEST' | 'CANCEL';
  deskName: string;
  /** The desk's address (email.address) or a no-reply address: the organizer. */
  organizer: { name: string; email: string };
  staff: { name: string; email: string | null };
  customer: { name: string; email: string | null };
  /** Stable UID domain: the UID is `call-<booking id>@<domain>`. */
  uidDomain: string;
}

/** An iCalendar invitation (RFC 5545/5546) for a booking, as a file to attach to a mail, a Slack or a Discord message. */
export type RenderInvite = (input: InviteInput) => MessageAttachment;
