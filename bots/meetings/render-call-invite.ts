import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalAttendeeType,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { ICalAttendeeData } from 'ical-generator';
import type { InviteInput, RenderInvite } from '../../core/index.js';

/**
 * A name inside a quoted iCalendar parameter (`CN="…"`): RFC 5545 allows no DQUOTE or control character there, and
 * ical-generator's backslash escape is not one every parser reads, so they are replaced.
 */
const paramText = (s: string) =>
  s
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/"/g, "'")
    .trim();
/** The topic is one line in SUMMARY and DESCRIPTION, whatever the customer typed. */
const topicOf = (input: InviteInput) => input.booking.topic?.replace(/\s+/g, ' ').trim() || null;
/** Only a plain address becomes a `mailto:`; anything else would break the line or the URI. */
const plainAddress = (s: string | null) => (s && /^[^\s"<>;,:\\()[\]]+@[^\s"<>;,:\\()[\]]+$/.test(s) ? s : null);

function description(input: InviteInput): string {
  const { booking, deskName, staff } = input;
  const topic = topicOf(input);
  const lines = [
    ...(input.method === 'CANCEL' ? ['This call is cancelled.', ''] : []),
    `Video call with ${deskName}${topic ? ` about “${topic}”` : ''}, with ${staff.name}.`,
    booking.meetingUrl ? `Join: ${booking.meetingUrl}` : 'The link to join follows in a separate message.',
  ];
  return lines.join('\n');
}

/**
 * A booking as an iCalendar invitation (RFC 5545 and iTIP, RFC 5546) made with ical-generator: METHOD REQUEST for a
 * new or moved call and CANCEL for a cancelled one, one VEVENT with the stable UID `call-<id>@<domain>` and the
 * booking's SEQUENCE (bumped on every move and on the cancel, so a calendar replaces the earlier copy), times in UTC,
 * the meeting URL as LOCATION and URL and in the DESCRIPTION, the desk as ORGANIZER, the customer as an attendee asked
 * to RSVP (when there is an address) and the staff member as the chair. DTSTAMP is the booking's last change, so the
 * same booking renders the same file. Pure.
 */
export const renderCallInvite: RenderInvite = (input) => {
  const { booking, method } = input;
  const cancelled = method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'support-desk', product: 'calls' },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const attendees: ICalAttendeeData[] = [];
  const customerEmail = plainAddress(input.customer.email);
  if (customerEmail)
    attendees.push({
      email: customerEmail,
      name: paramText(input.customer.name) || null,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      type: ICalAttendeeType.INDIVIDUAL,
      rsvp: true,
    });
  const staffEmail = plainAddress(input.staff.email);
  if (staffEmail && staffEmail.toLowerCase() !== customerEmail?.toLowerCase())
    attendees.push({
      email: staffEmail,
      name: paramText(input.staff.name) || null,
      role: ICalAttendeeRole.CHAIR,
      status: ICalAttendeeStatus.ACCEPTED,
      type: ICalAttendeeType.INDIVIDUAL,
      rsvp: false,
    });
  calendar.createEvent({
    id: `call-${booking.id}@${input.uidDomain}`,
    sequence: booking.sequence,
    stamp: new Date(booking.updatedAt),
    created: new Date(booking.createdAt),
    lastModified: new Date(booking.updatedAt),
    start: new Date(booking.startsAt),
    end: new Date(booking.endsAt),
    summary: `${input.deskName}: ${topicOf(input) ?? 'support call'}`,
    description: description(input),
    location: booking.meetingUrl,
    url: booking.meetingUrl,
    organizer: {
      name: paramText(input.organizer.name) || input.organizer.email,
      email: input.organizer.email,
    },
    attendees,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return {
    filename: `call-${booking.id}.ics`,
    contentType: `text/calendar; method=${method}; charset=utf-8`,
    content: calendar.toString(),
  };
};
