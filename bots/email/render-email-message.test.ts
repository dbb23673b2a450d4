import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, it } from 'vitest';
import type { MessageAttachment, TicketSummary } from '../../core/index.js';
import { classifyAutoMail } from './classify-auto-mail.js';
import { emailMessageId } from './email-message-id.js';
import { parseEmail } from './parse-email.js';
import { type RenderEmailContext, renderEmailMessage } from './render-email-message.js';
import { ticketKeyFromSubject } from './ticket-key-from-subject.js';

const ticket: TicketSummary = {
  key: 'SUP-42',
  subject: 'Login fails',
  category: 'bug',
  customerName: 'Acme',
  conversation: { platform: 'email', channelId: 'support@desk.example', threadId: 'root@acme.example' },
  priority: 'high',
  tier: 'enterprise',
  status: 'open',
  dueText: null,
  dueAt: null,
};
const ctx: RenderEmailContext = {
  from: { address: 'support@desk.example', name: 'Acme Support' },
  to: { address: 'jane.doe@acme.example', name: 'Jane Doe' },
  subject: 'Re: [SUP-42] Login fails',
  messageId: '3f2a@desk.example',
  inReplyTo: '<CAJx8r5Y@mail.gmail.com>',
  references: ['root@acme.example', 'ack-1@desk.example'],
  automatic: true,
  now: Date.UTC(2026, 11, 3, 10, 32),
};
const ack = { text: 'We received your request and opened ticket SUP-42.', ticket };
const toRaw = (options: Mail.Options) => new MailComposer(options).compile().build();
/** A calendar invitation as renderCallInvite (bots/meetings) makes one; written out here, one platform per folder. */
const invite = (method: 'REQUEST' | 'CANCEL', sequence: number): MessageAttachment => ({
  filename: 'call-42.ics',
  contentType: `text/calendar; method=${method}; charset=utf-8`,
  content: [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//support-desk//calls//EN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    'UID:call-42@desk.example',
    `SEQUENCE:${sequence}`,
    'DTSTAMP:20261201T090500Z',
    'DTSTART:20261203T140000Z',
    'DTEND:20261203T143000Z',
    'SUMMARY:Acme Support: Größe & SSO',
    'ORGANIZER;CN="Acme Support":mailto:support@desk.example',
    'ATTENDEE;RSVP=TRUE;CN="Jane Doe":MAILTO:jane.doe@acme.example',
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n'),
});

describe('renderEmailMessage', () => {
  it('sets every threading header: own Message-ID, In-Reply-To the customer mail, References the chain', () => {
    const mail = renderEmailMessage(ack, ctx);
    expect(mail).toMatchObject({
      from: { name: 'Acme Support', address: 'support@desk.example' },
      to: { name: 'Jane Doe', address: 'jane.doe@acme.example' },
      subject: 'Re: [SUP-42] Login fails',
      messageId: '<3f2a@desk.example>',
      inReplyTo: '<CAJx8r5Y@mail.gmail.com>',
      references: ['<root@acme.example>', '<ack-1@desk.example>', '<CAJx8r5Y@mail.gmail.com>'],
      text: 'We received your request and opened ticket SUP-42.\n',
      date: new Date(ctx.now!),
    });
  });

  it('marks automatic mail (RFC 3834) and leaves a staff member’s reply (staffAuthor) unmarked', () => {
    expect(renderEmailMessage(ack, ctx).headers).toEqual({
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      'X-Loop': 'support@desk.example',
    });
    const { automatic: _, ...noFlag } = ctx;
    expect(renderEmailMessage(ack, noFlag).headers).toMatchObject({ 'Auto-Submitted': 'auto-replied' });
    const personal = renderEmailMessage(
      { text: 'Hi Jane, I reset your session.', staffAuthor: { id: 'alice', name: 'Alice' } },
      noFlag,
    );
    expect(personal.headers).toEqual({});
    expect(personal.from).toEqual({ name: 'Alice via Acme Support', address: 'support@desk.example' });
    // The caller may still decide: a staff-triggered survey is automatic mail.
    expect(renderEmailMessage({ ...ack, staffAuthor: { id: 'alice', name: 'Alice' } }, ctx).headers).toMatchObject({
      'Auto-Submitted': 'auto-replied',
    });
  });

  it('writes the key once, and Re: only when the mail answers one', () => {
    const subject = (c: Partial<RenderEmailContext>) => renderEmailMessage(ack, { ...ctx, ...c }).subject;
    expect(subject({ subject: 'RE: Re: [SUP-42] Re: [SUP-42] Login fails' })).toBe('Re: [SUP-42] Login fails');
    expect(subject({ subject: undefined })).toBe('Re: [SUP-42] Login fails');
    expect(subject({ subject: 'Login fails', inReplyTo: undefined, references: undefined })).toBe(
      '[SUP-42] Login fails',
    );
    expect(subject({ subject: 'Printer', ticketKey: 'HELP-7' })).toBe('Re: [HELP-7] Printer');
    const noTicket = renderEmailMessage({ text: 'Thanks' }, { ...ctx, subject: 'Re: Question' });
    expect(noTicket.subject).toBe('Re: Question');
  });

  it('trims a long References chain to its root and newest ids, without duplicates', () => {
    const chain = Array.from({ length: 30 }, (_, i) => `m${i}@x.example`);
    const mail = renderEmailMessage(ack, {
      ...ctx,
      references: [...chain, 'm29@x.example'],
      inReplyTo: 'm29@x.example',
    });
    const refs = mail.references as string[];
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<m0@x.example>');
    expect(refs.at(-1)).toBe('<m29@x.example>');
    expect(new Set(refs).size).toBe(20);
  });

  it('lists articles in the text and escapes everything in the HTML alternative', () => {
    const mail = renderEmailMessage(
      {
        text: 'Try this <b>now</b> & tell us.\n\nSecond "paragraph"\nline two',
        articles: [
          { id: 'a1', title: 'Reset <sessions>', excerpt: 'Clear cookies & retry.', url: 'https://kb.desk.example/a1' },
          { id: 'a2', title: 'Bad link', excerpt: '', url: 'javascript:alert(1)' },
        ],
      },
      ctx,
    );
    expect(mail.text).toBe(
      'Try this <b>now</b> & tell us.\n\nSecond "paragraph"\nline two\n\nArticles that may help:\n' +
        '- Reset <sessions>: https://kb.desk.example/a1\n  Clear cookies & retry.\n- Bad link: javascript:alert(1)\n',
    );
    const html = String(mail.html);
    expect(html).toContain('<p>Try this &lt;b&gt;now&lt;/b&gt; &amp; tell us.</p>');
    expect(html).toContain('<p>Second &quot;paragraph&quot;<br>\nline two</p>');
    expect(html).toContain('<a href="https://kb.desk.example/a1">Reset &lt;sessions&gt;</a>');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('<b>');
    expect(renderEmailMessage(ack, { ...ctx, html: false }).html).toBeUndefined();
  });

  it('round-trips through MailComposer and parseEmail: subject, key, threading and auto headers survive', async () => {
    const messageId = emailMessageId('outbox:17', 'desk.example');
    const raw = await toRaw(renderEmailMessage(ack, { ...ctx, messageId }));
    const back = await parseEmail(raw);
    expect(back).toMatchObject({
      messageId,
      messageIdSynthetic: false,
      from: { address: 'support@desk.example', name: 'Acme Support' },
      to: ['jane.doe@acme.example'],
      subject: 'Re: [SUP-42] Login fails',
      inReplyTo: 'CAJx8r5Y@mail.gmail.com',
      references: ['root@acme.example', 'ack-1@desk.example', 'CAJx8r5Y@mail.gmail.com'],
      contentType: 'multipart/alternative',
    });
    expect(back.text.trim()).toBe(ack.text);
    expect(ticketKeyFromSubject(back.subject)).toBe('SUP-42');
    expect(back.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(back.headers['x-auto-response-suppress']).toEqual(['All']);
    // What a desk (ours included) makes of it: automatic mail, never to be answered automatically.
    expect(classifyAutoMail(back).kind).toBe('auto-reply');
    expect(classifyAutoMail(back, { ownAddresses: ['support@desk.example'] })).toMatchObject({ kind: 'auto-reply' });
  });

  it('round-trips a staff reply as human mail, with non-ASCII text and names intact', async () => {
    const raw = await toRaw(
      renderEmailMessage(
        { text: 'Grüße aus München — ログインできました？ Café ß', staffAuthor: { id: 'j', name: 'Jürgen Müller' } },
        {
          ...ctx,
          from: { address: 'support@desk.example', name: 'Support' },
          subject: 'Gebühr für die Straßen-Café-Filiale',
          ticketKey: 'SUP-43',
          automatic: undefined,
        },
      ),
    );
    const back = await parseEmail(raw);
    expect(back.subject).toBe('Re: [SUP-43] Gebühr für die Straßen-Café-Filiale');
    expect(back.from?.name).toBe('Jürgen Müller via Support');
    expect(back.text.trim()).toBe('Grüße aus München — ログインできました？ Café ß');
    expect(back.headers['auto-submitted']).toBeUndefined();
    expect(classifyAutoMail(back)).toEqual({ kind: 'human' });
  });

  it('cannot be made to inject headers through a subject or a name', async () => {
    const raw = await toRaw(
      renderEmailMessage(ack, {
        ...ctx,
        subject: 'Login fails\r\nBcc: victim@evil.example',
        to: { address: 'jane.doe@acme.example', name: 'Jane\r\nBcc: victim@evil.example' },
      }),
    );
    const back = await parseEmail(raw);
    expect(back.headers.bcc).toBeUndefined();
    expect(back.subject).toBe('Re: [SUP-42] Login fails Bcc: victim@evil.example');
    expect(back.to).toEqual(['jane.doe@acme.example']);
  });

  it('sends a calendar invitation as nodemailer’s icalEvent, its method read from the content type', () => {
    const mail = renderEmailMessage({ ...ack, attachments: [invite('REQUEST', 0)] }, ctx);
    expect(mail.icalEvent).toEqual({
      filename: 'call-42.ics',
      method: 'REQUEST',
      content: invite('REQUEST', 0).content,
    });
    // nodemailer attaches the icalEvent itself (application/ics): a second copy would show the invitation twice.
    expect(mail.attachments).toBeUndefined();
    const cancel = renderEmailMessage({ ...ack, attachments: [invite('CANCEL', 2)] }, ctx);
    expect(cancel.icalEvent).toMatchObject({ method: 'CANCEL' });
    const bare = { ...invite('CANCEL', 2), contentType: 'text/calendar' };
    expect(renderEmailMessage({ ...ack, attachments: [bare] }, ctx).icalEvent).toMatchObject({ method: 'CANCEL' });
    expect(renderEmailMessage(ack, ctx)).not.toHaveProperty('icalEvent');
    expect(renderEmailMessage(ack, ctx)).not.toHaveProperty('attachments');
  });

  it('attaches other files as they are, and a second calendar file as a plain attachment', () => {
    const notes: MessageAttachment = {
      filename: 'notes\r\n.txt',
      contentType: 'text/plain; charset=utf-8',
      content: 'Hi',
    };
    const second = { ...invite('REQUEST', 1), filename: 'call-43.ics' };
    const mail = renderEmailMessage({ ...ack, attachments: [notes, invite('REQUEST', 0), second] }, ctx);
    expect(mail.icalEvent).toMatchObject({ filename: 'call-42.ics' });
    expect(mail.attachments).toEqual([
      { filename: 'notes .txt', contentType: 'text/plain; charset=utf-8', content: 'Hi' },
      { filename: 'call-43.ics', contentType: second.contentType, content: second.content },
    ]);
  });

  it('round-trips an invitation: a text/calendar alternative mail clients answer, and the .ics attached', async () => {
    for (const [method, sequence] of [
      ['REQUEST', 1],
      ['CANCEL', 2],
    ] as const) {
      const file = invite(method, sequence);
      const raw = await toRaw(renderEmailMessage({ ...ack, attachments: [file] }, ctx));
      const mime = raw.toString('utf8');
      expect(mime).toMatch(/^Content-Type: multipart\/mixed;/m);
      expect(mime).toMatch(/^Content-Type: multipart\/alternative;/m);
      expect(mime).toContain(`Content-Type: text/calendar; charset=utf-8; method=${method}\r\n`);
      expect(mime).toContain('Content-Disposition: attachment; filename=call-42.ics\r\n');
      // What a mail client sees: the invitation inside the alternative (no file name), and the same file attached.
      const { attachments } = await simpleParser(raw);
      const alternative = attachments.find((a) => a.contentType === 'text/calendar')!;
      expect(alternative.contentDisposition).toBeUndefined();
      expect((alternative.headers.get('content-type') as { params: Record<string, string> }).params.method).toBe(
        method,
      );
      const attached = attachments.find((a) => a.contentType === 'application/ics')!;
      expect([attached.filename, attached.contentDisposition]).toEqual(['call-42.ics', 'attachment']);
      for (const part of [alternative, attached]) expect(part.content.toString('utf8')).toBe(file.content);
      expect(attachments).toHaveLength(2);
      const back = await parseEmail(raw);
      expect(back.text.trim()).toBe(ack.text);
      expect(back.attachments.map((a) => [a.filename, a.contentType])).toContainEqual([
        'call-42.ics',
        'application/ics',
      ]);
      const ics = back.attachments.find((a) => a.filename === 'call-42.ics')!.content.toString('utf8');
      expect(ics).toContain(`METHOD:${method}\r\n`);
      expect(ics).toContain(`SEQUENCE:${sequence}\r\n`);
      expect(ics).toContain('SUMMARY:Acme Support: Größe & SSO');
    }
  });
});
