import { conversationKey } from '../../core/index.js';
import type { CallScheduler, Directory, InboundMessage, Logger, Ticket, TicketStore } from '../../core/index.js';
import { type CallReply, parseCallReply } from './parse-call-reply.js';

export interface CallReplyDeps {
  calls: Pick<CallScheduler, 'eligibility' | 'request' | 'pickByNumber' | 'upcoming' | 'offerReschedule' | 'cancel'>;
  directory: Pick<Directory, 'requester'>;
  tickets: Pick<TicketStore, 'findTicketForConversation' | 'commit'>;
  log: Logger;
}

export interface CallReplyTaken {
  ticket: string;
  request: CallReply['kind'];
  /** The scheduler's outcome: offered, booked, held, refused. */
  result: string;
}

/** Whether the sender speaks for the ticket: its requester, or someone the directory maps to its customer. */
function speaksFor(ticket: Ticket, inbound: InboundMessage, directory: CallReplyDeps['directory']): boolean {
  if (ticket.requesterId.toLowerCase() === inbound.author.id.toLowerCase()) return true;
  return ticket.customerId !== null && directory.requester('email', inbound.author).customer?.id === ticket.customerId;
}

/**
 * The customer's answers to the desk's video-call mails, in a ticket's thread: "call" (after "Reply "call" and the
 * desk will offer times") asks the scheduler for times, offered in the thread; a number picks one of the times of
 * the ticket's newest offer, and the booking mail with the invitation follows from the scheduler; "reschedule"
 * offers new times for the ticket's next call (or the one named, CALL-12), and a number then moves it (the same
 * invitation, its sequence bumped); "cancel" cancels it (METHOD:CANCEL). Only on an open or pending ticket, and only
 * from its requester or a colleague at its customer; a number when the ticket has no offer, or a change when it has
 * no upcoming call, is no call reply. Anything else is null and goes to the engine as usual.
 *
 * A taken reply is recorded as the customer's message on the ticket, with its event (so the same mail again is a
 * duplicate) and the answer when there is one to say (a refusal, or "booked, the link follows" when the meeting
 * provider is down), in one commit after the scheduler acted; it is not triaged (the classifier reads a bare "call"
 * as a call request and would ask again). A crash between the two leaves the mail unacknowledged: taken again, a pick
 * finds its offer used (the answer says which call it booked), a "call" offers times once more.
 */
export function createCallReplyTaker(deps: CallReplyDeps) {
  return async function takeCallReply(
    newText: string,
    inbound: InboundMessage,
    now: number,
  ): Promise<CallReplyTaken | null> {
    const reply = parseCallReply(newText);
    if (!reply) return null;
    const ticket = await deps.tickets.findTicketForConversation(inbound.conversation);
    if (!ticket || (ticket.status !== 'open' && ticket.status !== 'pending')) return null;
    if (!speaksFor(ticket, inbound, deps.directory)) return null;
    const from = inbound.author.id;
    let result: string;
    let answer: string | null = null;
    if (reply.kind === 'call') {
      const refusal = await deps.calls.eligibility(ticket.customerId);
      if (refusal) {
        result = 'refused';
        answer = refusal;
      } else {
        const requester = { platform: 'email' as const, userId: from, name: inbound.author.name ?? null, email: from };
        const r = await deps.calls.request(ticket, requester, null);
        result = r.kind;
        if (r.kind === 'refused') answer = r.text;
      }
    } else if (reply.kind === 'reschedule' || reply.kind === 'cancel') {
      const upcoming = await deps.calls.upcoming(ticket.id);
      const booking = reply.call === null ? upcoming[0] : upcoming.find((b) => b.id === reply.call);
      if (!booking) {
        if (reply.call === null) return null;
        result = 'refused';
        answer = `This ticket has no upcoming call CALL-${reply.call}.`;
      } else {
        const actor = { platform: 'email' as const, userId: from };
        const r =
          reply.kind === 'cancel'
            ? await deps.calls.cancel(booking.id, actor)
            : await deps.calls.offerReschedule(booking.id, actor);
        result = r.kind;
        // Offered and cancelled: the scheduler queued the times or the cancellation (with the invitation) itself.
        if (r.kind === 'refused') answer = r.text;
      }
    } else {
      const r = await deps.calls.pickByNumber(ticket.id, reply.number, { platform: 'email', userId: from });
      if (r.kind === 'no-offer') return null;
      result = r.kind;
      // Booked: the scheduler queued the booking mail with the invitation. Held: the link follows; say so now.
      if (r.kind !== 'booked') answer = r.text;
    }
    await deps.tickets.commit({
      at: now,
      event: {
        platform: 'email',
        eventId: inbound.eventId,
        receivedAt: now,
        conversationKey: conversationKey(inbound.conversation),
        authorId: from,
        outcome: `call:${reply.kind}:${result}`,
      },
      ticketId: ticket.id,
      patch: { updatedAt: now },
      messages: [
        {
          ticketId: ticket.id,
          platform: 'email',
          eventId: inbound.eventId,
          messageId: inbound.messageId ?? null,
          authorId: from,
          authorName: inbound.author.name ?? null,
          role: 'customer',
          text: inbound.text.trim(),
          at: now,
        },
      ],
      outbox: answer
        ? [
            {
              platform: 'email',
              conversation: ticket.conversation,
              message: { text: answer },
              dedupeKey: `call-reply:email:${inbound.eventId}`,
            },
          ]
        : [],
    });
    deps.log.info({ ticket: ticket.key, request: reply.kind, result }, 'video call reply by mail');
    return { ticket: ticket.key, request: reply.kind, result };
  };
}
