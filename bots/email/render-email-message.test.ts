import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../core/index.js';
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
});
