/** A plain-text mail to the test desk's support address, as a customer's client writes it (CRLF line ends). */
export function composeMail(o: {
  from: string;
  subject: string;
  body: string;
  id: string;
  inReplyTo?: string;
  headers?: readonly string[];
}): string {
  return [
    `From: ${o.from}`,
    'To: Support <support@desk.test>',
    `Subject: ${o.subject}`,
    `Message-ID: <${o.id}>`,
    'Date: Mon, 23 Nov 2026 14:00:00 +0000',
    ...(o.inReplyTo ? [`In-Reply-To: <${o.inReplyTo}>`, `References: <${o.inReplyTo}>`] : []),
    ...(o.headers ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.body,
    '',
  ].join('\r\n');
}
