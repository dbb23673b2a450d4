import type { InboundMessage, Millis } from '../../core/index.js';
import { cleanSubject } from './clean-subject.js';
import { extractNewText } from './extract-new-text.js';
import type { ParsedEmail } from './parse-email.js';

export type MappableEmail = Pick<ParsedEmail, 'messageId' | 'from' | 'subject' | 'text'>;

export interface MapEmailContext {
  /** The desk address the mail was delivered to: the conversation's channel. */
  mailbox: string;
  /** The thread the caller resolved (ticket key in the subject, In-Reply-To/References, or this mail's own id). */
  threadId: string;
  now: Millis;
  /** The desk's ticket prefix (`desk.ticketPrefix`), to drop `[SUP-42]` from the subject. */
  ticketPrefix?: string | undefined;
}

/** A forwarded mail's quoted part is the content (`Fwd: customer complaint`), so it is not stripped. */
const FORWARD = /^\s*(?:fwd?|fw|wg|tr|rv|enc|转发|轉寄)\s*[:：]/i;

/**
 * A parsed mail → the engine's inbound message. The text is the subject (without `Re:` and the ticket key), a blank
 * line and the new part of the body: the engine titles a ticket with the first line and classifies the whole text,
 * and in mail the subject often says more than the body. Classify the mail first (classifyAutoMail): this maps
 * whatever it is given.
 */
export function mapEmailMessage(mail: MappableEmail, ctx: MapEmailContext): InboundMessage {
  const address = mail.from?.address ?? '';
  const subject = cleanSubject(mail.subject, ctx.ticketPrefix);
  const body = FORWARD.test(mail.subject) ? mail.text.trim() : extractNewText(mail.text);
  return {
    platform: 'email',
    eventId: `email:${mail.messageId}`,
    conversation: { platform: 'email', channelId: ctx.mailbox.toLowerCase(), threadId: ctx.threadId },
    author: { id: address, name: mail.from?.name },
    text: [subject, body].filter(Boolean).join('\n\n'),
    receivedAt: ctx.now,
    messageId: mail.messageId,
  };
}
