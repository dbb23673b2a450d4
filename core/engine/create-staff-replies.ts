import type { Directory } from '../directory/create-directory.js';
import { conversationKey } from '../model/inbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Clock } from '../ports/clock.js';
import type { TicketStore } from '../ports/ticket-store.js';
import type { Actor } from './create-ticket-actions.js';

export type StaffReplyResult =
  | { kind: 'sent'; ticket: Ticket; firstResponse: boolean }
  | { kind: 'noted'; ticket: Ticket }
  | { kind: 'duplicate' }
  | { kind: 'not-found'; key: string }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'invalid'; reason: string };

/** What a staff member wrote about a ticket from outside its conversation (a staff-channel thread, the shell). */
export interface StaffReplyInput {
  key: string;
  actor: Actor;
  text: string;
  /** The event that carried it (a Slack event id…): the same event twice is one reply. */
  eventId: string;
  at?: number | undefined;
}

const NOTE = /^\/note\b\s*/i;

/**
 * Staff replies relayed to the customer: a reply is written to the transcript as the staff member's, stops the
 * first-response clock when it is the first, and is queued in the outbox to the ticket's own conversation (an email
 * thread, a Discord thread…), all in one transaction; `/note …` (or `internal`) stays an internal note in the audit
 * trail. Only staff may reply; a closed ticket takes notes only.
 */
export function createStaffReplies(deps: { store: TicketStore; directory: Directory; clock: Clock }) {
  const { store, directory, clock } = deps;

  async function write(input: StaffReplyInput, internal: boolean): Promise<StaffReplyResult> {
    const staff = directory.staffByIdentity(input.actor.platform, input.actor.userId);
    if (!staff) return { kind: 'forbidden', reason: 'Only support staff can reply on a ticket.' };
    const text = input.text.trim();
    if (!text) return { kind: 'invalid', reason: internal ? 'The note is empty.' : 'The reply is empty.' };
    const ticket = await store.getTicketByKey(input.key);
    if (!ticket) return { kind: 'not-found', key: input.key };
    const now = input.at ?? clock.now();
    const event = {
      platform: input.actor.platform,
      eventId: input.eventId,
      receivedAt: now,
      conversationKey: conversationKey(ticket.conversation),
      authorId: input.actor.userId,
      outcome: internal ? 'ticket-updated:staff-note' : 'ticket-updated:staff-reply',
    };
    if (internal) {
      const r = await store.commit({
        at: now,
        event,
        audits: [{ ticketId: ticket.id, actor: staff.id, action: 'ticket.note', detail: { text }, at: now }],
      });
      return r.kind === 'duplicate' ? { kind: 'duplicate' } : { kind: 'noted', ticket };
    }
    if (ticket.status === 'closed')
      return { kind: 'invalid', reason: `${ticket.key} is closed; reopen it to reply, or add a /note.` };
    const first = ticket.firstResponseAt === null;
    const r = await store.commit({
      at: now,
      event,
      ticketId: ticket.id,
      patch: {
        updatedAt: now,
        ...(first ? { firstResponseAt: now } : {}),
        ...(ticket.assigneeId === null ? { assigneeId: staff.id } : {}),
      },
      messages: [
        {
          ticketId: ticket.id,
          platform: input.actor.platform,
          eventId: input.eventId,
          messageId: null,
          authorId: input.actor.userId,
          authorName: staff.name,
          role: 'staff',
          text,
          at: now,
        },
      ],
      audits: [
        {
          ticketId: ticket.id,
          actor: staff.id,
          action: first ? 'ticket.first-response' : 'ticket.staff-reply',
          detail: first
            ? {
                dueAt: ticket.firstResponseDueAt,
                at: now,
                met: ticket.firstResponseDueAt === null || now <= ticket.firstResponseDueAt,
                via: input.actor.platform,
              }
            : { via: input.actor.platform },
          at: now,
        },
      ],
      outbox: [
        {
          platform: ticket.conversation.platform,
          conversation: ticket.conversation,
          message: { text, staffAuthor: { id: staff.id, name: staff.name } },
          dedupeKey: `staff-reply:${input.actor.platform}:${input.eventId}`,
        },
      ],
    });
    if (r.kind === 'duplicate') return { kind: 'duplicate' };
    if (r.kind !== 'committed' || !r.ticket)
      return { kind: 'invalid', reason: `${ticket.key} changed meanwhile; try again.` };
    return { kind: 'sent', ticket: r.ticket, firstResponse: first };
  }

  return {
    /** A reply to the customer, or an internal note when the text starts with `/note`. */
    async reply(input: StaffReplyInput): Promise<StaffReplyResult> {
      const internal = NOTE.test(input.text);
      return write(internal ? { ...input, text: input.text.replace(NOTE, '') } : input, internal);
    },
    /** A reply to the customer, whatever it starts with (the web desk has a separate note form). */
    send: (input: StaffReplyInput) => write(input, false),
    note: (input: StaffReplyInput) => write(input, true),
  };
}

export type StaffReplies = ReturnType<typeof createStaffReplies>;
