import type Mail from 'nodemailer/lib/mailer';
import type { MessageAttachment, OutboundMessage, Millis } from '../../core/index.js';
import { cleanSubject } from './clean-subject.js';

/** What a mail carries of the desk's platform-neutral message (buttons have no mail form and are left out). */
export type EmailMessageInput = Pick<OutboundMessage, 'text' | 'ticket' | 'articles' | 'staffAuthor' | 'attachments'>;

export interface MailParty {
  address: string;
  name?: string | null | undefined;
}

export interface RenderEmailContext {
  /** The desk mailbox and the desk's name; a staff member's reply is shown as from "Alice via <desk name>". */
  from: MailParty;
  to: MailParty;
  /** The thread's subject; without it the ticket's. `Re:` markers and an old key in it are dropped. */
  subject?: string | undefined;
  /** The ticket key for the subject; without it the ticket's. */
  ticketKey?: string | undefined;
  /** This mail's Message-ID (emailMessageId), chosen and stored by the caller before sending. */
  messageId: string;
  /** The customer's newest Message-ID in the thread; set for every mail that answers one. */
  inReplyTo?: string | undefined;
  /** The thread's Message-IDs, oldest first (In-Reply-To is appended when missing). */
  references?: readonly string[] | undefined;
  /**
   * Written by a program (acknowledgement, status update, survey): marked `Auto-Submitted: auto-replied`,
   * `X-Auto-Response-Suppress: All` and `X-Loop` (RFC 3834) so other programs do not answer it. A staff member's own
   * reply is not automatic and carries none of them. Default: automatic unless the message has a `staffAuthor`.
   */
  automatic?: boolean | undefined;
  now?: Millis | undefined;
  /** Add an HTML alternative (escaped text, article links). Default true. */
  html?: boolean | undefined;
}

/** RFC 5322 lets References be trimmed; keep the first id (the thread root) and the newest ones. */
const MAX_REFERENCES = 20;

const bare = (id: string) => id.trim().replace(/^<|>$/g, '');
const angle = (id: string) => `<${bare(id)}>`;
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function party(p: MailParty, staff?: string): Mail.Address | string {
  const desk = oneLine(p.name ?? '');
  const person = oneLine(staff ?? '');
  const name = person ? (desk ? `${person} via ${desk}` : person) : desk;
  return name ? { name, address: p.address } : p.address;
}

function referencesOf(ctx: RenderEmailContext): string[] {
  const ids = [...(ctx.references ?? []), ...(ctx.inReplyTo ? [ctx.inReplyTo] : [])].map(bare).filter(Boolean);
  const unique = [...new Set(ids)];
  return unique.length > MAX_REFERENCES ? [unique[0]!, ...unique.slice(-(MAX_REFERENCES - 1))] : unique;
}

function subjectOf(message: EmailMessageInput, ctx: RenderEmailContext, replying: boolean): string {
  const key = ctx.ticketKey ?? message.ticket?.key;
  const prefix = key?.match(/^([A-Z]{2,6})-\d+$/)?.[1];
  const base = cleanSubject(ctx.subject ?? message.ticket?.subject ?? '', prefix);
  return oneLine(`${replying ? 'Re: ' : ''}${key ? `[${key}] ` : ''}${base}`);
}

function textOf(message: EmailMessageInput): string {
  const articles = (message.articles ?? []).slice(0, 5).map((a) => {
    const lines = [`- ${oneLine(a.title)}${a.url ? `: ${a.url}` : ''}`];
    if (a.excerpt.trim()) lines.push(`  ${oneLine(a.excerpt)}`);
    return lines.join('\n');
  });
  const body = message.text.replace(/\r\n?/g, '\n').trim();
  return articles.length ? `${body}\n\nArticles that may help:\n${articles.join('\n')}\n` : `${body}\n`;
}

function htmlOf(message: EmailMessageInput): string {
  const paragraphs = message.text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`);
  const items = (message.articles ?? []).slice(0, 5).map((a) => {
    const title = escapeHtml(oneLine(a.title));
    const link = a.url && /^https?:\/\//i.test(a.url) ? `<a href="${escapeHtml(a.url)}">${title}</a>` : title;
    return `<li>${link}${a.excerpt.trim() ? `<br>\n${escapeHtml(oneLine(a.excerpt))}` : ''}</li>`;
  });
  const list = items.length ? [`<p>Articles that may help:</p>`, `<ul>\n${items.join('\n')}\n</ul>`] : [];
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n${[...paragraphs, ...list].join('\n')}\n</body></html>\n`;
}

/** The iTIP method of a calendar file: its content type's `method=` parameter, else its METHOD line. */
function calendarMethod(file: MessageAttachment): string | undefined {
  const method =
    /;\s*method\s*=\s*"?([A-Za-z-]+)/i.exec(file.contentType)?.[1] ??
    /^METHOD:([A-Za-z-]+)\r?$/m.exec(file.content)?.[1];
  return method?.toUpperCase();
}

/**
 * The message's files as MIME parts. The first calendar file (an invitation) becomes nodemailer's `icalEvent`:
 * a `text/calendar; method=…` alternative beside the text and HTML, which Gmail and Outlook show as an invitation
 * with accept and decline, and the same file attached as `application/ics` under its name, for the other clients
 * (nodemailer adds that attachment itself, as Google Calendar's own mail does; attaching it a second time would show
 * the invitation twice).
 */
function attachmentsOf(message: EmailMessageInput): Pick<Mail.Options, 'attachments' | 'icalEvent'> {
  const files = message.attachments ?? [];
  const invite = files.find((f) => /^text\/calendar\b/i.test(f.contentType));
  const attachments = files
    .filter((f) => f !== invite)
    .map((f) => ({ filename: oneLine(f.filename), contentType: oneLine(f.contentType), content: f.content }));
  const method = invite ? calendarMethod(invite) : undefined;
  return {
    ...(attachments.length ? { attachments } : {}),
    ...(invite
      ? { icalEvent: { filename: oneLine(invite.filename), content: invite.content, ...(method ? { method } : {}) } }
      : {}),
  };
}

/**
 * A desk message as nodemailer mail options: subject `[SUP-42] …` (`Re: ` when it answers a mail, the key never
 * twice), the Message-ID the caller chose, In-Reply-To and References for the customer's client to thread it, the
 * RFC 3834 headers for automatic mail only (not for a staff member's reply), a plain text body, an optional HTML
 * alternative, and the message's files (a calendar invitation as an invitation mail clients can answer). Pure.
 */
export function renderEmailMessage(message: EmailMessageInput, ctx: RenderEmailContext): Mail.Options {
  const references = referencesOf(ctx);
  const replying = ctx.inReplyTo !== undefined && bare(ctx.inReplyTo) !== '';
  const automatic = ctx.automatic ?? message.staffAuthor === undefined;
  const options: Mail.Options = {
    from: party(ctx.from, message.staffAuthor?.name),
    to: party(ctx.to),
    subject: subjectOf(message, ctx, replying),
    messageId: angle(ctx.messageId),
    text: textOf(message),
    headers: automatic
      ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', 'X-Loop': ctx.from.address }
      : {},
  };
  if (replying) options.inReplyTo = angle(ctx.inReplyTo!);
  if (references.length) options.references = references.map(angle);
  if (ctx.html !== false) options.html = htmlOf(message);
  if (ctx.now !== undefined) options.date = new Date(ctx.now);
  Object.assign(options, attachmentsOf(message));
  return options;
}
