import type { StaffConfig } from '../config/support-config.js';
import type { ConversationRef } from '../model/inbound-message.js';
import type { MessageAttachment, NewOutboxItem, OutboundMessage } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import { personConversation } from '../ports/chat-platform.js';
import type { CallBooking, CallOffer } from './call-booking.js';
import { formatSlot } from './format-slot.js';

/** Button ids the adapters route back to the call scheduler. */
export const CALL_PICK_ACTION = 'call.pick';
export const CALL_CANCEL_ACTION = 'call.cancel';
export const CALL_RESCHEDULE_ACTION = 'call.reschedule';

/** How a booking is named to people: CALL-12. */
export const callKey = (booking: Pick<CallBooking, 'id'>) => `CALL-${booking.id}`;
const CALL_KEY = /^CALL-(\d+)$/i;
export const callIdFromKey = (key: string): number | null => {
  const m = CALL_KEY.exec(key.trim());
  return m ? Number(m[1]) : null;
};

/** The slots of an offer: numbered lines (an email reply picks by number) and one button each (Slack, Discord). */
export function offerMessage(offer: CallOffer, reschedule: boolean): OutboundMessage {
  const lines = offer.slots.map((s, i) => `${i + 1}. ${formatSlot(s, offer.timezone)}`);
  return {
    text: [
      reschedule
        ? 'Pick a new time for your video call:'
        : `Pick a time for your video call${offer.topic ? ` about “${offer.topic}”` : ''}:`,
      ...lines,
      `Times are in ${offer.timezone}. Use a button, or reply with the number (by email), within ${Math.round((offer.expiresAt - offer.createdAt) / 3_600_000)} hours.`,
    ].join('\n'),
    actions: offer.slots.map((s, i) => ({
      id: CALL_PICK_ACTION,
      label: `${i + 1}. ${formatSlot(s, offer.timezone)}`,
      value: `${offer.id}:${i}`,
      ...(i === 0 ? { style: 'primary' as const } : {}),
    })),
  };
}

/** How a message tells the customer to move or cancel a call, by where it is read. */
const HOW_TO_CHANGE = {
  /** The ticket's own chat thread: the buttons under the message. */
  buttons: 'Use the buttons to move or cancel the call.',
  /** The ticket's own email thread: a reply the desk reads (bots/email/parse-call-reply.ts). */
  reply: 'To move or cancel it, reply "reschedule" or "cancel".',
  /** A copy by mail of a booking made in chat: the change is made where it was booked. */
  elsewhere: 'To move or cancel it, use the buttons where you booked it.',
} as const;

/** What a booking says in the customer's thread: when, with whom, the link, and how to move or cancel it. */
export function bookedMessage(
  booking: CallBooking,
  staff: StaffConfig | undefined,
  invite: MessageAttachment,
  how: keyof typeof HOW_TO_CHANGE = 'buttons',
): OutboundMessage {
  return {
    text: [
      `Video call ${callKey(booking)} booked: ${formatSlot(booking, booking.timezone)}${staff ? ` with ${staff.name}` : ''}.`,
      `Join: ${booking.meetingUrl ?? 'the link follows shortly'}`,
      `The calendar invitation is attached. ${HOW_TO_CHANGE[how]}`,
    ].join('\n'),
    attachments: [invite],
    actions: [
      { id: CALL_RESCHEDULE_ACTION, label: 'Reschedule', value: String(booking.id) },
      { id: CALL_CANCEL_ACTION, label: 'Cancel', value: String(booking.id), style: 'danger' },
    ],
  };
}

const inWords = (minutes: number) =>
  minutes % 1440 === 0
    ? `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`
    : minutes % 60 === 0
      ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}`
      : `${minutes} minutes`;

/**
 * The messages a confirmed (or moved) booking sends, all in the booking's transaction: the confirmation with the
 * invitation in the ticket's conversation, the invitation by mail when the customer has an address and wrote elsewhere,
 * the staff member's notice, and the reminders, due before the call (a reschedule retires the old ones by prefix).
 */
export function bookingOutbox(input: {
  booking: CallBooking;
  ticket: Ticket;
  staff: StaffConfig | undefined;
  invite: MessageAttachment;
  remindersMinutes: readonly number[];
  now: number;
  /** Where the staff member hears about it (their Slack or Discord DM), or null. */
  staffConversation: ConversationRef | null;
}): NewOutboxItem[] {
  const { booking, ticket, staff, invite } = input;
  const key = `call:${booking.id}:${booking.sequence}`;
  const items: NewOutboxItem[] = [
    {
      platform: ticket.conversation.platform,
      conversation: ticket.conversation,
      message: bookedMessage(booking, staff, invite, ticket.conversation.platform === 'email' ? 'reply' : 'buttons'),
      dedupeKey: `${key}:booked`,
    },
  ];
  const email = booking.requester.email;
  if (email && ticket.conversation.platform !== 'email')
    items.push({
      platform: 'email',
      conversation: personConversation('email', email),
      message: { text: bookedMessage(booking, staff, invite, 'elsewhere').text, attachments: [invite] },
      dedupeKey: `${key}:invite-mail`,
    });
  if (input.staffConversation)
    items.push({
      platform: input.staffConversation.platform,
      conversation: input.staffConversation,
      message: {
        text: `Video call ${callKey(booking)} on ${ticket.key}: ${formatSlot(booking, staff?.timezone ?? 'UTC')}${booking.topic ? `, “${booking.topic}”` : ''}.\nJoin: ${booking.meetingUrl ?? '(link follows)'}`,
        attachments: [invite],
      },
      dedupeKey: `${key}:staff`,
    });
  const remind = reminderConversation(booking, ticket);
  for (const minutes of input.remindersMinutes) {
    const at = booking.startsAt - minutes * 60_000;
    if (at <= input.now) continue;
    items.push({
      platform: remind.platform,
      conversation: remind,
      message: {
        text: `Reminder: video call ${callKey(booking)} starts in ${inWords(minutes)} (${formatSlot(booking, booking.timezone)}). Join: ${booking.meetingUrl ?? ''}`,
      },
      dedupeKey: `${reminderPrefix(booking)}${booking.sequence}:${minutes}`,
      nextAttemptAt: at,
    });
  }
  return items;
}

/**
 * Where the reminders go: a direct message to the person who booked (Slack, Discord, their mail address). Not the
 * ticket's thread: the outbox keeps a conversation's messages in order, so a message due tomorrow would hold back
 * everything queued to that thread after it.
 */
export function reminderConversation(booking: CallBooking, ticket: Ticket): ConversationRef {
  const { platform, userId } = booking.requester;
  if (platform === 'slack' || platform === 'discord' || platform === 'email')
    return personConversation(platform, userId);
  if (booking.requester.email) return personConversation('email', booking.requester.email);
  return ticket.conversation;
}

/** Every reminder of a booking, whatever its sequence: retired together when the call moves or is cancelled. */
export const reminderPrefix = (booking: Pick<CallBooking, 'id'>) => `call-reminder:${booking.id}:`;

export function cancelledOutbox(booking: CallBooking, ticket: Ticket, invite: MessageAttachment): NewOutboxItem[] {
  const again =
    ticket.conversation.platform === 'email'
      ? 'Reply "call" whenever you would like another.'
      : 'Ask again with the call command whenever you like.';
  const text = `Video call ${callKey(booking)} (${formatSlot(booking, booking.timezone)}) is cancelled. ${again}`;
  const items: NewOutboxItem[] = [
    {
      platform: ticket.conversation.platform,
      conversation: ticket.conversation,
      message: { text, attachments: [invite] },
      dedupeKey: `call:${booking.id}:${booking.sequence}:cancelled`,
    },
  ];
  if (booking.requester.email && ticket.conversation.platform !== 'email')
    items.push({
      platform: 'email',
      conversation: personConversation('email', booking.requester.email),
      message: { text, attachments: [invite] },
      dedupeKey: `call:${booking.id}:${booking.sequence}:cancel-mail`,
    });
  return items;
}

export function recapOutbox(booking: CallBooking, ticket: Ticket, staff: StaffConfig | undefined): NewOutboxItem {
  const followUps = booking.followUps.length
    ? `\nFollow-ups:\n${booking.followUps.map((f) => `• ${f}`).join('\n')}`
    : '';
  return {
    platform: ticket.conversation.platform,
    conversation: ticket.conversation,
    message: {
      text: `Recap of video call ${callKey(booking)} on ${ticket.key}${staff ? ` with ${staff.name}` : ''}:\n${booking.summary ?? ''}${followUps}`,
      ...(staff ? { staffAuthor: { id: staff.id, name: staff.name } } : {}),
    },
    dedupeKey: `call:${booking.id}:recap`,
  };
}
