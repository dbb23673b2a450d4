import type { Millis } from '../model/types.js';

export interface MeetingRequest {
  /** The booking's id: a provider without an API (Jitsi) derives the room from it. */
  bookingId: number;
  title: string;
  startsAt: Millis;
  endsAt: Millis;
  timezone: string;
  /** The staff member hosting, when the provider needs a host account. */
  hostEmail: string | null;
}

export interface Meeting {
  url: string;
  /** The provider's id, to move or delete the meeting later; null for providers without one. */
  meetingId: string | null;
}

/**
 * Where a video call happens. Jitsi Meet needs no account (a room URL on a configurable host); Zoom and Google Meet
 * create the meeting through their REST APIs. Errors are SupportErrors with codes (`meeting.unavailable`,
 * `meeting.refused`), never a half-made booking: the caller keeps the slot held and says the link follows.
 */
export interface MeetingProvider {
  readonly name: 'jitsi' | 'zoom' | 'google-meet';
  create(request: MeetingRequest): Promise<Meeting>;
  /** Move a meeting to a new time (a reschedule). */
  move(meetingId: string, request: MeetingRequest): Promise<void>;
  /** Delete a meeting (a cancel); deleting one that is gone is fine. */
  remove(meetingId: string): Promise<void>;
}
