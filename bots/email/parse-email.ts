import { createHash } from 'node:crypto';
import { type AddressObject, type Attachment, type EmailAddress, simpleParser } from 'mailparser';
import { emailHtmlToText } from './email-html-to-text.js';

export interface MailAddress {
  /** Lower-cased. */
  address: string;
  name?: string | undefined;
}

export interface ParsedAttachment {
  /** The sender's file name, or `attachment-<n>[.ext]` when the part has none. */
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
  /** Content-ID without angle brackets (inline images referenced as `cid:` from the HTML). */
  contentId?: string | undefined;
  inline: boolean;
}

/** The machine-readable parts of a `multipart/report` (RFC 6522): a DSN bounce, a read receipt. */
export interface MailReport {
  /** The `report-type` parameter: `delivery-status`, `disposition-notification`… */
  type: string;
  /** The `message/delivery-status` part's text. */
  deliveryStatus?: string | undefined;
  /** The returned message's header block (`text/rfc822-headers`, or the head of a `message/rfc822` part). */
  originalHeaders?: string | undefined;
}

export interface ParsedEmail {
  /** Without angle brackets. */
  messageId: string;
  /** The mail had no Message-ID: `messageId` is `<sha256 of the raw bytes>@sha256.invalid`, stable across re-reads. */
  messageIdSynthetic: boolean;
  from?: MailAddress | undefined;
  replyTo: MailAddress[];
  to: string[];
  cc: string[];
  /** Decoded (RFC 2047), '' when absent. */
  subject: string;
  /** The Date header (the sender's clock, for display only). */
  date?: Date | undefined;
  /** The first Message-ID of In-Reply-To, without angle brackets. */
  inReplyTo?: string | undefined;
  /** References, oldest first, without angle brackets. */
  references: string[];
  /** The text part, or the HTML part converted to text when there is no text part. Charset already decoded. */
  text: string;
  html?: string | undefined;
  /** Top-level content type, lower case (`multipart/alternative`, `text/plain`…). */
  contentType: string;
  /**
   * Every header by lower-case name, each occurrence's raw value unfolded and trimmed, in order (not RFC 2047
   * decoded): what the loop and bulk checks read.
   */
  headers: Readonly<Record<string, readonly string[]>>;
  attachments: ParsedAttachment[];
  /** Present for `multipart/report` mail; its report parts are here, not in `attachments`. */
  report?: MailReport | undefined;
}

const REPORT_PARTS = new Set(['message/delivery-status', 'text/rfc822-headers', 'message/rfc822']);

const idsOf = (value: unknown): string[] => {
  const raw = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  const bracketed = [...raw.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  return bracketed.length ? bracketed : raw.split(/\s+/).filter((id) => id.includes('@'));
};

const flatten = (list: readonly EmailAddress[]): EmailAddress[] =>
  list.flatMap((a) => (a.group ? flatten(a.group) : [a]));

const addressesOf = (value: AddressObject | AddressObject[] | undefined): MailAddress[] =>
  flatten([value ?? []].flat().flatMap((o) => o.value))
    .filter((a) => a.address)
    .map((a) => ({ address: a.address!.trim().toLowerCase(), name: a.name.trim() || undefined }));

function headersOf(lines: readonly { key: string; line: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = (colon === -1 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
    const name = key.toLowerCase();
    out[name] = [...(out[name] ?? []), value];
  }
  return out;
}

function filenameOf(a: Attachment, index: number): string {
  if (a.filename?.trim()) return a.filename.trim();
  const sub = a.contentType.split('/')[1] ?? '';
  return `attachment-${index + 1}${/^[a-z0-9]{1,5}$/.test(sub) ? `.${sub}` : ''}`;
}

function reportOf(contentType: string, reportType: string | undefined, parts: readonly Attachment[]) {
  if (contentType !== 'multipart/report') return undefined;
  const text = (type: string) => parts.find((p) => p.contentType === type)?.content.toString('utf8');
  const rfc822 = text('message/rfc822');
  const report: MailReport = { type: (reportType ?? '').toLowerCase() };
  const status = text('message/delivery-status');
  const headers = text('text/rfc822-headers') ?? rfc822?.split(/\r?\n\r?\n/, 1)[0];
  if (status !== undefined) report.deliveryStatus = status;
  if (headers !== undefined) report.originalHeaders = headers;
  return report;
}

/** Parse one raw RFC 5322 message (as read from IMAP or received over SMTP). Pure: no I/O. */
export async function parseEmail(raw: Buffer | string): Promise<ParsedEmail> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  // skipHtmlToText: an HTML-only mail is converted below with table- and link-aware options.
  // keepDeliveryStatus: a DSN's status part stays a part (read into `report`) instead of being appended to the text.
  const mail = await simpleParser(bytes, { skipHtmlToText: true, keepDeliveryStatus: true, skipImageLinks: true });
  const ctHeader = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const contentType = (ctHeader?.value ?? 'text/plain').toLowerCase();
  const isReport = contentType === 'multipart/report';
  const reportParts = isReport ? mail.attachments.filter((a) => REPORT_PARTS.has(a.contentType)) : [];
  const attachments = mail.attachments.filter((a) => !reportParts.includes(a));

  const declaredId = idsOf(mail.messageId)[0] ?? mail.messageId?.trim().replace(/^<|>$/g, '');
  const html = typeof mail.html === 'string' ? mail.html : undefined;
  const text = mail.text?.trim() ? mail.text : html ? emailHtmlToText(html) : '';
  const [from] = addressesOf(mail.from);
  const fallbackFrom = from ?? addressesOf(mail.headers.get('sender') as AddressObject | undefined)[0];

  return {
    messageId: declaredId || `${createHash('sha256').update(bytes).digest('hex')}@sha256.invalid`,
    messageIdSynthetic: !declaredId,
    from: fallbackFrom,
    replyTo: addressesOf(mail.replyTo),
    to: addressesOf(mail.to).map((a) => a.address),
    cc: addressesOf(mail.cc).map((a) => a.address),
    subject: (mail.subject ?? '').trim(),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined,
    inReplyTo: idsOf(mail.inReplyTo)[0],
    references: idsOf(mail.references),
    text: text.replace(/\r\n?/g, '\n'),
    html,
    contentType,
    headers: headersOf(mail.headerLines),
    attachments: attachments.map((a, i) => ({
      filename: filenameOf(a, i),
      contentType: a.contentType.toLowerCase(),
      size: a.size ?? a.content.length,
      content: a.content,
      contentId: a.cid?.replace(/^<|>$/g, '') || undefined,
      inline: a.contentDisposition === 'inline' || a.related === true,
    })),
    report: reportOf(contentType, ctHeader?.params?.['report-type'], reportParts),
  };
}
