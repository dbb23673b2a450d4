import { conversationKey } from '../../core/index.js';
import type {
  EmailConfig,
  createTicketActions,
  TriageEngine,
  TriageOutcome,
  InboundMessage,
  Clock,
  EmailStore,
  EmailThread,
  NewEmailAttachment,
  Logger,
  TicketStore,
} from '../../core/index.js';
import { type AutoMailClass, classifyAutoMail } from './classify-auto-mail.js';
import { type CallReplyDeps, type CallReplyTaken, createCallReplyTaker } from './create-call-reply-taker.js';
import { cleanSubject } from './clean-subject.js';
import { extractNewText } from './extract-new-text.js';
import { mapEmailMessage } from './map-email-message.js';
import { type ParsedEmail, parseEmail } from './parse-email.js';
import { parseMailCommand } from './parse-mail-command.js';
import { ticketKeyFromSubject } from './ticket-key-from-subject.js';

export interface InboundMailDeps {
  engine: Pick<TriageEngine, 'handle'>;
  actions: Pick<ReturnType<typeof createTicketActions>, 'act' | 'rate'>;
  tickets: Pick<TicketStore, 'hasEvent' | 'getTicketByKey' | 'findTicketForConversation' | 'commit'>;
  mail: EmailStore;
  email: Pick<EmailConfig, 'address' | 'ackWindowMinutes' | 'attachments'>;
  ticketPrefix: string;
  clock: Clock;
  log: Logger;
  /** Video calls by mail ("call", then the number of a time); without it those replies go to the engine. */
  calls?: Pick<CallReplyDeps, 'calls' | 'directory'> | undefined;
}

export type MailOutcome =
  | { kind: 'duplicate'; messageId: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'own-mail'; messageId: string }
  | { kind: 'automated'; messageId: string; class: Exclude<AutoMailClass, { kind: 'human' }>; ticket: string | null }
  | { kind: 'command'; messageId: string; command: 'solved' | 'rating'; ticket: string; result: string }
  | { kind: 'call'; messageId: string; request: CallReplyTaken['request']; ticket: string; result: string }
  | { kind: 'handled'; messageId: string; threadId: string; outcome: TriageOutcome };

const KB = 1024;
const size = (n: number) => (n < KB * KB ? `${Math.max(1, Math.round(n / KB))} KB` : `${(n / KB / KB).toFixed(1)} MB`);

/**
 * One received mail, from raw bytes to the engine: parsed, checked for loops and machine mail, threaded (In-Reply-To
 * and References against stored Message-IDs, then the `[SUP-42]` key in the subject), attachments stored within the
 * limits and listed in the transcript, then handed to the engine with its Message-ID as the event id. Resolves once
 * everything is committed, so the IMAP intake may flag the mail and the SMTP receiver may answer 250; the same mail
 * again is `duplicate`. Machine mail (auto-replies, bounces, lists) is recorded on its ticket and never answered.
 */
export function createInboundMailHandler(deps: InboundMailDeps) {
  const mailbox = deps.email.address.toLowerCase();
  const log = deps.log.child({ component: 'email' });
  const takeCallReply = deps.calls ? createCallReplyTaker({ ...deps.calls, tickets: deps.tickets, log }) : null;

  async function findThread(parsed: ParsedEmail, cls: AutoMailClass): Promise<EmailThread | null> {
    const ids = [
      ...(cls.kind === 'bounce' && cls.originalMessageId ? [cls.originalMessageId] : []),
      ...(parsed.inReplyTo ? [parsed.inReplyTo] : []),
      ...[...parsed.references].reverse(),
    ];
    const byId = await deps.mail.findThread(ids);
    if (byId) return byId;
    const key = ticketKeyFromSubject(parsed.subject, deps.ticketPrefix);
    const ticket = key ? await deps.tickets.getTicketByKey(key) : null;
    if (ticket?.conversation.platform !== 'email' || !ticket.conversation.threadId) return null;
    return deps.mail.getThread(ticket.conversation.threadId);
  }

  async function storeAttachments(parsed: ParsedEmail, now: number): Promise<string | null> {
    if (!parsed.attachments.length) return null;
    const { maxBytes, maxTotalBytes } = deps.email.attachments;
    let total = 0;
    const kept: NewEmailAttachment[] = [];
    const lines = parsed.attachments.map((a, position) => {
      const fits = a.size <= maxBytes && total + a.size <= maxTotalBytes;
      if (fits) {
        total += a.size;
        kept.push({
          messageId: parsed.messageId,
          position,
          filename: a.filename,
          contentType: a.contentType,
          size: a.size,
          content: a.content,
          at: now,
        });
      }
      return `${a.filename} (${size(a.size)}${fits ? '' : ', not stored: over the size limit'})`;
    });
    await deps.mail.saveAttachments(kept);
    return `Attachments: ${lines.join(', ')}`;
  }

  function automatedText(parsed: ParsedEmail, cls: Exclude<AutoMailClass, { kind: 'human' }>): string {
    if (cls.kind === 'bounce')
      return `Mail delivery failed${cls.failedRecipients.length ? ` to ${cls.failedRecipients.join(', ')}` : ''} (${cls.reason}).`;
    const first = parsed.text.trim().split('\n').slice(0, 3).join(' ').slice(0, 300);
    return `${cls.kind === 'auto-reply' ? 'Automatic reply' : 'Bulk mail'} (${cls.reason}): ${parsed.subject}${first ? `: ${first}` : ''}`;
  }

  /** "solved" or a survey answer from the ticket's requester, on a ticket of this thread. */
  async function command(parsed: ParsedEmail, inbound: InboundMessage, now: number): Promise<MailOutcome | null> {
    const cmd = parseMailCommand(extractNewText(parsed.text));
    if (!cmd) return null;
    const key = ticketKeyFromSubject(parsed.subject, deps.ticketPrefix);
    const ticket =
      (key ? await deps.tickets.getTicketByKey(key) : null) ??
      (await deps.tickets.findTicketForConversation(inbound.conversation));
    if (!ticket || conversationKey(ticket.conversation) !== conversationKey(inbound.conversation)) return null;
    const actor = { platform: 'email' as const, userId: inbound.author.id };
    let result: string;
    if (cmd.kind === 'solved') {
      if (ticket.status !== 'open' && ticket.status !== 'pending') return null;
      result = (await deps.actions.act('close', ticket.key, actor, 'solved, by mail')).kind;
    } else {
      if (ticket.status !== 'resolved' && ticket.status !== 'closed') return null;
      result = (await deps.actions.rate(ticket.key, 'csat', cmd.csat, actor)).kind;
      if (cmd.nps !== null && result === 'done')
        result = (await deps.actions.rate(ticket.key, 'nps', cmd.nps, actor)).kind;
    }
    // The event is recorded, so the same mail again is a duplicate and cannot rate twice.
    await deps.tickets.commit({
      at: now,
      event: {
        platform: 'email',
        eventId: inbound.eventId,
        receivedAt: now,
        conversationKey: conversationKey(inbound.conversation),
        authorId: inbound.author.id,
        outcome: `command:${cmd.kind}:${result}`,
      },
    });
    return { kind: 'command', messageId: parsed.messageId, command: cmd.kind, ticket: ticket.key, result };
  }

  return async function takeMail(raw: Buffer | string): Promise<MailOutcome> {
    const now = deps.clock.now();
    let parsed: ParsedEmail;
    try {
      parsed = await parseEmail(raw);
    } catch (err) {
      log.warn({ err: String(err) }, 'unreadable mail skipped');
      return { kind: 'rejected', reason: 'unreadable' };
    }
    const from = parsed.from?.address;
    if (!from) {
      log.warn({ messageId: parsed.messageId }, 'mail without a sender skipped');
      return { kind: 'rejected', reason: 'no sender' };
    }
    if (await deps.tickets.hasEvent('email', `email:${parsed.messageId}`))
      return { kind: 'duplicate', messageId: parsed.messageId };
    if (from === mailbox) return { kind: 'own-mail', messageId: parsed.messageId };

    const cls = classifyAutoMail(parsed, { ownAddresses: [mailbox] });
    const thread = await findThread(parsed, cls);
    const threadId = thread?.threadId ?? parsed.messageId;
    const base = mapEmailMessage(parsed, { mailbox, threadId, now, ticketPrefix: deps.ticketPrefix });

    if (cls.kind !== 'human') {
      const outcome = await deps.engine.handle({ ...base, text: automatedText(parsed, cls), automated: true });
      const ticket = outcome.kind === 'ticket-updated' ? outcome.ticket.key : null;
      log.info(
        { messageId: parsed.messageId, kind: cls.kind, reason: cls.reason, ticket },
        'machine mail recorded, not answered',
      );
      return { kind: 'automated', messageId: parsed.messageId, class: cls, ticket };
    }

    if (!thread)
      await deps.mail.openThread({
        threadId,
        mailbox,
        customerAddress: parsed.replyTo[0]?.address ?? from,
        customerName: parsed.from?.name ?? null,
        subject: cleanSubject(parsed.subject, deps.ticketPrefix) || '(no subject)',
        createdAt: now,
      });
    await deps.mail.recordMessage({ messageId: parsed.messageId, threadId, direction: 'in', at: now });

    const done = thread ? await command(parsed, base, now) : null;
    if (done) return done;
    // "call" and a time's number, answering the desk's call mails: recorded on the ticket, not triaged.
    const call = thread && takeCallReply ? await takeCallReply(extractNewText(parsed.text), base, now) : null;
    if (call) return { kind: 'call', messageId: parsed.messageId, ...call };

    const attachments = await storeAttachments(parsed, now);
    const open = thread ? await deps.tickets.findTicketForConversation(base.conversation) : null;
    const key = ticketKeyFromSubject(parsed.subject, deps.ticketPrefix);
    const followed = !open && key ? await deps.tickets.getTicketByKey(key) : null;
    const acknowledge = open
      ? true
      : await deps.mail.claimAcknowledgement(from, now, deps.email.ackWindowMinutes * 60_000, parsed.messageId);
    const outcome = await deps.engine.handle({
      ...base,
      text: attachments ? `${base.text}\n\n${attachments}` : base.text,
      wantsTicket: true,
      ...(acknowledge ? {} : { acknowledge: false }),
      ...(followed?.status === 'closed' ? { followUpOf: followed.key } : {}),
    });
    log.info(
      {
        messageId: parsed.messageId,
        outcome: outcome.kind,
        ...('ticket' in outcome ? { ticket: outcome.ticket.key } : {}),
      },
      'mail handled',
    );
    return { kind: 'handled', messageId: parsed.messageId, threadId, outcome };
  };
}

export type InboundMailHandler = ReturnType<typeof createInboundMailHandler>;
