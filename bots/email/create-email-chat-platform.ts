import type Mail from 'nodemailer/lib/mailer';
import { DeliveryError, directMessageUserId } from '../../core/index.js';
import type {
  ConversationRef,
  OutboundMessage,
  ChatPlatform,
  DeliveryAttempt,
  SentMessage,
  Clock,
  EmailStore,
  TicketStore,
} from '../../core/index.js';
import { deliveryErrorFromEmail } from './delivery-error-from-email.js';
import { emailMessageId } from './email-message-id.js';
import { renderEmailMessage } from './render-email-message.js';

/** The part of a nodemailer transport the desk uses. */
export interface MailTransport {
  sendMail(mail: Mail.Options): Promise<unknown>;
}

export interface EmailChatPlatformDeps {
  transport: MailTransport;
  mail: Pick<EmailStore, 'getThread' | 'recordMessage' | 'threadMessageIds' | 'lastInboundMessageId'>;
  tickets: Pick<TicketStore, 'findTicketForConversation'>;
  /** The support address (From) and the name shown with it. */
  from: { address: string; name: string };
  clock: Clock;
}

/**
 * Mail out, through the outbox: a reply in a ticket's thread goes to the thread's customer with `[SUP-42]` in the
 * subject, `In-Reply-To` the customer's newest mail and `References` the thread, so every mail client threads it; a
 * `dm:<address>` conversation (a page, a sign-in link) is a new mail to that address. The Message-ID is derived from the
 * outbox item's token and recorded before the SMTP server is called: a retry sends the same Message-ID, and a customer
 * reply to a mail whose send outcome was lost still finds its thread.
 */
export function createEmailChatPlatform(deps: EmailChatPlatformDeps): ChatPlatform {
  const domain = deps.from.address.slice(deps.from.address.lastIndexOf('@') + 1);

  async function threadMail(conversation: ConversationRef, message: OutboundMessage, messageId: string) {
    const threadId = conversation.threadId;
    const thread = threadId ? await deps.mail.getThread(threadId) : null;
    if (!thread || !threadId)
      throw new DeliveryError(`no mail thread ${threadId ?? '(none)'} to reply in`, { permanent: true });
    const ticket = message.ticket?.key ?? (await deps.tickets.findTicketForConversation(conversation))?.key;
    await deps.mail.recordMessage({ messageId, threadId, direction: 'out', at: deps.clock.now() });
    const inReplyTo = await deps.mail.lastInboundMessageId(threadId);
    const references = (await deps.mail.threadMessageIds(threadId, 30)).filter((id) => id !== messageId);
    return renderEmailMessage(message, {
      from: deps.from,
      to: { address: thread.customerAddress, name: thread.customerName },
      subject: thread.subject,
      ...(ticket ? { ticketKey: ticket } : {}),
      messageId,
      ...(inReplyTo ? { inReplyTo } : {}),
      references,
      now: deps.clock.now(),
    });
  }

  return {
    platform: 'email',
    async send(conversation, message, delivery: DeliveryAttempt): Promise<SentMessage> {
      const messageId = emailMessageId(delivery.token, domain);
      const person = directMessageUserId(conversation);
      const mail = person
        ? renderEmailMessage(message, {
            from: deps.from,
            to: { address: person },
            ...(message.ticket ? { subject: message.ticket.subject, ticketKey: message.ticket.key } : {}),
            messageId,
            now: deps.clock.now(),
          })
        : await threadMail(conversation, message, messageId);
      try {
        await deps.transport.sendMail(mail);
      } catch (err) {
        throw deliveryErrorFromEmail(err);
      }
      return { messageId };
    },
  };
}
