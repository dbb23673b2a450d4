import { conversationKey } from '../model/inbound-message.js';
import type { InboundMessage } from '../model/inbound-message.js';
import type { NewOutboxItem, OutboundMessage } from '../model/outbound-message.js';
import type { MessageRole, NewTicketMessage } from '../model/ticket.js';
import type { Millis } from '../model/types.js';
import type { EventRecord } from '../ports/ticket-store.js';
import type { TriageOutcome } from './triage-outcome.js';

/** One inbound message as the planners see it, with the records every plan writes for it. */
export interface MessageContext {
  msg: InboundMessage;
  /** The message's text, trimmed and cut to the engine's maximum length. */
  text: string;
  now: Millis;
  /** The message's inbound-event row, with what the engine made of it. */
  event(outcome: string): EventRecord;
  /** The reply to queue in the message's conversation; none when the adapter sends replies itself (`replyInline`). */
  replyTo(message: OutboundMessage, purpose?: string): NewOutboxItem[];
  /** The message as a transcript line of a ticket (`undefined`: the ticket the same commit opens). */
  transcript(ticketId: number | undefined, role: Exclude<MessageRole, 'bot'>): NewTicketMessage;
  /** What the adapter queues because of the outcome (`HandleOptions.outboxFor`). */
  adapterOutbox(outcome: TriageOutcome): NewOutboxItem[];
}

export function createMessageContext(
  msg: InboundMessage,
  text: string,
  outboxFor: ((outcome: TriageOutcome) => readonly NewOutboxItem[]) | undefined,
): MessageContext {
  const now = msg.receivedAt;
  const key = conversationKey(msg.conversation);
  return {
    msg,
    text,
    now,
    event: (outcome) => ({
      platform: msg.platform,
      eventId: msg.eventId,
      receivedAt: now,
      conversationKey: key,
      authorId: msg.author.id,
      outcome,
    }),
    replyTo: (message, purpose = 'reply') =>
      msg.replyInline
        ? []
        : [
            {
              platform: msg.platform,
              conversation: msg.conversation,
              message,
              dedupeKey: `${purpose}:${msg.platform}:${msg.eventId}`,
            },
          ],
    transcript: (ticketId, role) => ({
      ticketId,
      platform: msg.platform,
      eventId: msg.eventId,
      messageId: msg.messageId ?? null,
      authorId: msg.author.id,
      authorName: msg.author.name ?? null,
      role,
      text,
      at: now,
    }),
    adapterOutbox: (outcome) => [...(outboxFor?.(outcome) ?? [])],
  };
}
