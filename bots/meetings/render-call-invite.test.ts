import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CallBooking, InviteInput } from '../../core/index.js';
import { renderCallInvite } from './render-call-invite.js';

const booking: CallBooking = {
  id: 42,
  offerId: 7,
  ticketId: 17,
  customerId: 'acme',
  staffId: 'alice',
  requester: { platform: 'email', userId: 'jane@acme.example', name: 'Jane Doe', email: 'jane@acme.example' },
  topic: 'SSO setup',
  timezone: 'Europe/Berlin',
  startsAt: Date.UTC(2026, 11, 3, 14, 0),
  endsAt: Date.UTC(2026, 11, 3, 14, 30),
  status: 'confirmed',
  provider: 'jitsi',
  meetingUrl: 'https://meet.jit.si/support-call-42-0123456789abcdef01234567',
  meetingId: null,
  sequence: 0,
  summary: null,
  followUps: [],
  createdAt: Date.UTC(2026, 11, 1, 9, 0),
  updatedAt: Date.UTC(2026, 11, 1, 9, 5),
};
const input: InviteInput = {
  booking,
  method: 'REQUEST',
  deskName: 'Acme Support',
  organizer: { name: 'Acme Support', email: 'support@desk.example' },
  staff: { name: 'Alice Smith', email: 'alice@desk.example' },
  customer: { name: 'Jane Doe', email: 'jane@acme.example' },
  uidDomain: 'desk.example',
};

/** The invitation as a calendar client reads it, parsed back with ical.js (Mozilla's parser). */
function parse(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const vevents = calendar.getAllSubcomponents('vevent');
  expect(vevents).toHaveLength(1);
  const vevent = vevents[0]!;
  const event = new ICAL.Event(vevent);
  const attendees = vevent.getAllProperties('attendee').map((p) => ({
    address: String(p.getFirstValue()).toLowerCase(),
    cn: p.getParameter('cn'),
    role: p.getParameter('role'),
    partstat: p.getParameter('partstat'),
    rsvp: p.getParameter('rsvp'),
  }));
  const organizer = vevent.getFirstProperty('organizer')!;
  return {
    calendar,
    version: calendar.getFirstPropertyValue('version'),
    prodid: calendar.getFirstPropertyValue('prodid'),
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate,
    end: event.endDate,
    stamp: vevent.getFirstPropertyValue('dtstamp') as ICAL.Time,
    summary: event.summary,
    description: event.description,
    location: event.location,
    url: vevent.getFirstPropertyValue('url'),
    status: vevent.getFirstPropertyValue('status'),
    organizer: { address: String(organizer.getFirstValue()), cn: organizer.getParameter('cn') },
    attendees,
  };
}

describe('renderCallInvite', () => {
  it('names the file and the content type after the booking and the method', () => {
    const file = renderCallInvite(input);
    expect(file.filename).toBe('call-42.ics');
    expect(file.contentType).toBe('text/calendar; method=REQUEST; charset=utf-8');
    expect(renderCallInvite({ ...input, method: 'CANCEL' }).contentType).toBe(
      'text/calendar; method=CANCEL; charset=utf-8',
    );
  });

  it('writes a REQUEST every calendar can read: every field parsed back', () => {
    const ics = parse(renderCallInvite(input).content);
    expect(ics).toMatchObject({
      version: '2.0',
      prodid: '-//support-desk//calls//EN',
      method: 'REQUEST',
      uid: 'call-42@desk.example',
      sequence: 0,
      summary: 'Acme Support: SSO setup',
      location: booking.meetingUrl,
      url: booking.meetingUrl,
      status: 'CONFIRMED',
      organizer: { address: 'mailto:support@desk.example', cn: 'Acme Support' },
    });
    expect(ics.start.zone?.tzid).toBe('UTC');
    expect(ics.start.toJSDate().getTime()).toBe(booking.startsAt);
    expect(ics.end.toJSDate().getTime()).toBe(booking.endsAt);
    expect(ics.stamp.toJSDate().getTime()).toBe(booking.updatedAt);
    expect(ics.description).toBe(
      `Video call with Acme Support about “SSO setup”, with Alice Smith.\nJoin: ${booking.meetingUrl}`,
    );
    expect(ics.attendees).toEqual([
      {
        address: 'mailto:jane@acme.example',
        cn: 'Jane Doe',
        role: 'REQ-PARTICIPANT',
        partstat: 'NEEDS-ACTION',
        rsvp: 'TRUE',
      },
      { address: 'mailto:alice@desk.example', cn: 'Alice Smith', role: 'CHAIR', partstat: 'ACCEPTED', rsvp: 'FALSE' },
    ]);
  });

  it('renders the same booking to the same file (DTSTAMP is the booking’s last change)', () => {
    expect(renderCallInvite(input).content).toBe(renderCallInvite(input).content);
  });

  it('moves the call with the same UID and a higher SEQUENCE, so the calendar replaces the first invitation', () => {
    const moved = {
      ...booking,
      startsAt: Date.UTC(2026, 11, 4, 9, 0),
      endsAt: Date.UTC(2026, 11, 4, 9, 30),
      sequence: 1,
      updatedAt: Date.UTC(2026, 11, 2, 8, 0),
    };
    const first = parse(renderCallInvite(input).content);
    const second = parse(renderCallInvite({ ...input, booking: moved }).content);
    expect(second.uid).toBe(first.uid);
    expect(second.method).toBe('REQUEST');
    expect(second.sequence).toBe(1);
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect(second.start.toJSDate().getTime()).toBe(moved.startsAt);
    expect(second.end.toJSDate().getTime()).toBe(moved.endsAt);
    expect(second.stamp.compare(first.stamp)).toBe(1);
    expect(second.status).toBe('CONFIRMED');
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED, the same UID and the bumped SEQUENCE, to the same attendees', () => {
    const cancelled = { ...booking, status: 'cancelled' as const, sequence: 2, updatedAt: Date.UTC(2026, 11, 2, 9) };
    const file = renderCallInvite({ ...input, booking: cancelled, method: 'CANCEL' });
    const ics = parse(file.content);
    expect(ics).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: 'call-42@desk.example', sequence: 2 });
    expect(ics.description).toMatch(/^This call is cancelled\.\n/);
    expect(ics.attendees.map((a) => a.address)).toEqual(['mailto:jane@acme.example', 'mailto:alice@desk.example']);
    expect(ics.organizer.address).toBe('mailto:support@desk.example');
  });

  it('invites only the staff member when the customer has no address, and says the link follows when there is none', () => {
    const held = { ...booking, meetingUrl: null, topic: null };
    const ics = parse(
      renderCallInvite({ ...input, booking: held, customer: { name: 'Jane Doe', email: null } }).content,
    );
    expect(ics.attendees.map((a) => a.address)).toEqual(['mailto:alice@desk.example']);
    expect(ics.summary).toBe('Acme Support: support call');
    expect(ics.location).toBeNull();
    expect(ics.url).toBeNull();
    expect(ics.description).toContain('The link to join follows');
  });

  it('keeps customer-written text inside its fields: commas, semicolons, quotes, new lines and long text', () => {
    const topic =
      'Billing; VAT, "reverse charge"\r\nDTSTART:19700101T000000Z — Größe über 75 Oktette lang, wirklich '.repeat(2);
    const file = renderCallInvite({
      ...input,
      booking: { ...booking, topic },
      customer: { name: 'Jane "JD"\r\nDoe; CEO', email: 'jane@acme.example' },
      staff: { name: 'Alice', email: 'not an address' },
    });
    for (const line of file.content.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const ics = parse(file.content);
    expect(ics.summary).toBe(`Acme Support: ${topic.replace(/\s+/g, ' ').trim()}`);
    expect(ics.description).toContain(`“${topic.replace(/\s+/g, ' ').trim()}”`);
    expect(ics.start.toJSDate().getTime()).toBe(booking.startsAt);
    expect(ics.attendees).toHaveLength(1);
    expect(ics.attendees[0]).toMatchObject({ address: 'mailto:jane@acme.example', cn: "Jane 'JD' Doe; CEO" });
  });
});
