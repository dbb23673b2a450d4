import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmail } from './parse-email.js';

const dir = new URL('../../test/fixtures/email/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, dir));

describe('parseEmail', () => {
  it('parses every fixture: a Message-ID, a lower-case sender, a subject and a body', async () => {
    const names = readdirSync(dir).filter((n) => n.endsWith('.eml'));
    expect(names.length).toBeGreaterThanOrEqual(11);
    for (const name of names) {
      const mail = await parseEmail(fixture(name));
      expect(mail.messageIdSynthetic, name).toBe(false);
      expect(mail.messageId, name).toMatch(/^[^<>\s]+@[^<>\s]+$/);
      expect(mail.from?.address, name).toBe(mail.from?.address.toLowerCase());
      expect(mail.subject, name).not.toBe('');
      expect(mail.text.trim(), name).not.toBe('');
      expect(mail.date, name).toBeInstanceOf(Date);
    }
  });

  it('reads a Gmail reply: ids without brackets, threading headers, addresses, both alternatives', async () => {
    const mail = await parseEmail(fixture('gmail-reply.eml'));
    expect(mail).toMatchObject({
      messageId: 'CAJx8r5Yq3kZ+Wm7t9Lh4vQeXo2nB0pD1sR6uT8wAy9=ZcK3fHg@mail.gmail.com',
      from: { address: 'jane.doe@acme.example', name: 'Jane Doe' },
      to: ['support@desk.example'],
      cc: [],
      subject: 'Re: [SUP-42] Login fails',
      inReplyTo: '0b9e4c1a-5f3e-4d2b-9a71-2c8d6e0f4a13@desk.example',
      references: ['0b9e4c1a-5f3e-4d2b-9a71-2c8d6e0f4a13@desk.example'],
      contentType: 'multipart/alternative',
      attachments: [],
    });
    expect(mail.date?.toISOString()).toBe('2026-12-03T10:31:02.000Z');
    // The text part, not the HTML converted: quoted history is still there for extractNewText.
    expect(mail.text).toContain('"invalid session". It happens in both Firefox and Chrome.');
    expect(mail.text).toContain('On Thu, 3 Dec 2026 at 10:12, Support <support@desk.example> wrote:\n\n> Hello Jane,');
    expect(mail.html).toContain('class="gmail_quote');
    expect(mail.headers.received).toHaveLength(2);
    expect(mail.headers['dkim-signature']?.[0]).toContain('d=acme.example; s=google;');
  });

  it('unfolds headers (a folded Outlook Message-ID) and keeps the Outlook-only ones', async () => {
    const mail = await parseEmail(fixture('outlook-reply.eml'));
    expect(mail.messageId).toBe('DB9PR04MB8412A1C7E0F3B2D95E6C4A7B9E2D9@DB9PR04MB8412.eurprd04.prod.outlook.com');
    expect(mail.headers['thread-index']).toEqual(['AQHZ2k7cJm0f3i0Hq0yS0b1x8nX8abCD1ZGw']);
    expect(mail.headers['x-ms-has-attach']).toEqual(['']);
    expect(mail.from).toEqual({ address: 'john.smith@globex.example', name: 'John Smith' });
    expect(mail.text).toContain('-----Original Message-----\nFrom: Support <support@desk.example>');
  });

  it('decodes ISO-8859-1 quoted-printable bodies and RFC 2047 subjects and names', async () => {
    const mail = await parseEmail(fixture('iso-8859-1.eml'));
    expect(mail.subject).toBe('Gebühr für die Straßen-Café-Filiale doppelt berechnet');
    expect(mail.from).toEqual({ address: 'j.mueller@initrode.example', name: 'Jürgen Müller' });
    // format=flowed: the soft-broken line is joined again.
    expect(mail.text).toBe(
      'Guten Tag,\n\nauf der Rechnung für Dezember wurde die Gebühr für unsere Filiale »Café an der Hauptstraße« ' +
        'zweimal berechnet. Können Sie das prüfen?\n\nGrüße\nJürgen Müller',
    );
    expect(mail.headers.subject?.[0]).toMatch(/^=\?ISO-8859-1\?Q\?Geb=FChr/);
  });

  it('decodes Shift_JIS base64 bodies and subjects', async () => {
    const mail = await parseEmail(fixture('shift-jis.eml'));
    expect(mail.subject).toBe('ログインできません（至急）');
    expect(mail.from).toEqual({ address: 't.yamada@sample.example.jp', name: '山田 太郎' });
    expect(mail.text).toContain('昨日からログイン画面で「セッションが無効です」と表示され、ログインできません。\n');
    expect(mail.text).toContain('山田 太郎\n株式会社サンプル');
    expect(mail.text).not.toContain('\r');
  });

  it('turns an HTML-only mail into readable text: paragraphs, breaks, links, table columns', async () => {
    const mail = await parseEmail(fixture('html-only.eml'));
    expect(mail.contentType).toBe('text/html');
    expect(mail.text).toBe(
      [
        'Hello,',
        '',
        "since yesterday's update our webhook deliveries fail with HTTP 502.",
        'We followed the webhook guide [https://docs.desk.example/webhooks] and nothing changed on our side.',
        '',
        'Endpoint         Status   Last success',
        '/hooks/orders    502      2 Dec 2026',
        '/hooks/refunds   502      2 Dec 2026',
        '',
        'Could you have a look?',
        'Thanks,',
        'Priya',
      ].join('\n'),
    );
    expect(mail.html).toContain('<table');
  });

  it('lists attachments with their type, size and bytes, and keeps them out of the text', async () => {
    const mail = await parseEmail(fixture('attachments.eml'));
    expect(mail.attachments.map(({ content: _, ...a }) => a)).toEqual([
      { filename: 'screenshot.png', contentType: 'image/png', size: 70, contentId: undefined, inline: false },
      { filename: 'sync.log', contentType: 'text/plain', size: 156, contentId: undefined, inline: false },
    ]);
    const [png, log] = mail.attachments;
    expect(png?.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png?.content.length).toBe(70);
    expect(log?.content.toString('utf8')).toBe(
      '2026-12-03T12:17:41Z INFO starting sync client 4.2.1\n' +
        '2026-12-03T12:17:42Z ERROR cannot open database: locked\n' +
        '2026-12-03T12:17:42Z FATAL exiting with code 3\n',
    );
    expect(mail.text).toBe(
      'Hello,\n\nthe sync client crashes right after start. A screenshot and the log are attached.\n\nJane',
    );
  });

  it('keeps a DSN report apart: the status and the returned headers in `report`, not in text or attachments', async () => {
    const mail = await parseEmail(fixture('bounce.eml'));
    expect(mail.contentType).toBe('multipart/report');
    expect(mail.report?.type).toBe('delivery-status');
    expect(mail.report?.deliveryStatus).toContain('Final-Recipient: rfc822; old.address@acme.example\n');
    expect(mail.report?.originalHeaders).toContain('Message-ID: <9c1d7e52-3a48-4b6f-a0e2-d5b8f1c46a93@desk.example>');
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain('Recipient address rejected');
    expect(mail.text).not.toContain('Reporting-MTA');
    expect(mail.headers['return-path']).toEqual(['<>']);
    expect(mail.from?.address).toBe('mailer-daemon@mx.desk.example');
  });

  it('gives a mail without Message-ID a stable synthetic id: sha256 of its bytes', async () => {
    const raw = 'From: a@b.example\nTo: support@desk.example\nSubject: hi\n\nhello\n';
    const mail = await parseEmail(raw);
    const hex = createHash('sha256').update(raw).digest('hex');
    expect(mail).toMatchObject({ messageId: `${hex}@sha256.invalid`, messageIdSynthetic: true });
    expect((await parseEmail(Buffer.from(raw))).messageId).toBe(mail.messageId);
    expect((await parseEmail(raw.replace('hello', 'hello!'))).messageId).not.toBe(mail.messageId);
  });

  it('parses CRLF and LF line endings alike', async () => {
    const lf = fixture('gmail-reply.eml').toString('utf8');
    const [a, b] = await Promise.all([parseEmail(lf), parseEmail(lf.replace(/\n/g, '\r\n'))]);
    expect({ ...b, headers: undefined, html: undefined }).toEqual({ ...a, headers: undefined, html: undefined });
  });

  it('copes with missing parts: no From, no subject, unnamed attachments, several References', async () => {
    const raw = [
      'To: support@desk.example',
      'Message-ID: <x1@client.example>',
      'In-Reply-To: <p2@desk.example> (Support\'s message of "Thu, 3 Dec 2026")',
      'References: <p1@desk.example>',
      ' <p2@desk.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'see attached',
      '--b',
      'Content-Type: application/pdf',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
      '--b--',
      '',
    ].join('\n');
    const mail = await parseEmail(raw);
    expect(mail.from).toBeUndefined();
    expect(mail.subject).toBe('');
    expect(mail.inReplyTo).toBe('p2@desk.example');
    expect(mail.references).toEqual(['p1@desk.example', 'p2@desk.example']);
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['attachment-1.pdf', 'application/pdf', 9],
    ]);
  });
});
