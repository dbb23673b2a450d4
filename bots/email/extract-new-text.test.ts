import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractNewText } from './extract-new-text.js';
import { parseEmail } from './parse-email.js';

const newText = async (name: string) =>
  extractNewText((await parseEmail(readFileSync(new URL(`../../test/fixtures/email/${name}`, import.meta.url)))).text);

describe('extractNewText', () => {
  it('keeps only the new part of a Gmail reply (the "On … wrote:" history goes)', async () => {
    expect(await newText('gmail-reply.eml')).toBe(
      'Hi,\n\nI cleared the cookies as you suggested but the login still fails with\n' +
        '"invalid session". It happens in both Firefox and Chrome.\n\nJane',
    );
  });

  it('cuts an Outlook reply at -----Original Message----- and drops the sign-off block', async () => {
    expect(await newText('outlook-reply.eml')).toBe(
      'Hello,\n\nThe export still times out after 30 seconds. We have about 120,000 rows in that report. ' +
        'Is there a limit we should know about?',
    );
  });

  it('drops "Sent from my iPhone" and the quoted Apple Mail history', async () => {
    expect(await newText('apple-mail-reply.eml')).toBe(
      'Tried again from my phone, same error: “File too large” even for a 200 KB picture.',
    );
  });

  it('strips the "-- " signature of a new mail and keeps everything above it', async () => {
    expect(await newText('new-question.eml')).toBe(
      'Hello,\n\nhow do I rotate the API key for our production workspace without downtime? ' +
        'The old key is used by three services.\n\nThanks',
    );
  });

  it('leaves mail without history alone (HTML-only, Latin-1, Shift_JIS, attachments)', async () => {
    expect(await newText('html-only.eml')).toContain('/hooks/refunds   502      2 Dec 2026\n\nCould you have a look?');
    expect(await newText('iso-8859-1.eml')).toContain('Können Sie das prüfen?\n\nGrüße\nJürgen Müller');
    expect(await newText('shift-jis.eml')).toContain('ご確認のほど、よろしくお願いいたします。');
    expect(await newText('attachments.eml')).toBe(
      'Hello,\n\nthe sync client crashes right after start. A screenshot and the log are attached.\n\nJane',
    );
  });

  it('cuts the Outlook on the web block (underscores, From:, Sent:) and a From:/Sent: block alone', () => {
    const history = 'From: Support <support@desk.example>\nSent: Wednesday, December 2, 2026 4:40 PM\nTo: John\n\nHi';
    expect(extractNewText(`Thanks, that worked.\n\n________________________________\n${history}`)).toBe(
      'Thanks, that worked.',
    );
    expect(extractNewText(`Thanks, that worked.\n\n${history}`)).toBe('Thanks, that worked.');
    expect(extractNewText('Works now.\n-----Original Message-----\nFrom: Support\nSent: today\n\nHi')).toBe(
      'Works now.',
    );
  });

  it('cuts attributions a client wrapped over two lines, other languages, CRLF text', () => {
    expect(
      extractNewText(
        'Still broken.\n\nOn Thu, 3 Dec 2026 at 10:12, Support Team of the Desk <support@desk.example>\nwrote:\n\n> Hello',
      ),
    ).toBe('Still broken.');
    expect(
      extractNewText('Geht nicht.\n\nAm Do., 3. Dez. 2026 um 10:12 Uhr schrieb Support <s@desk.example>:\n\n> Hallo'),
    ).toBe('Geht nicht.');
    expect(
      extractNewText('Yes.\r\n\r\nOn Thu, 3 Dec 2026 at 10:12, Support <s@desk.example> wrote:\r\n> Hello\r\n'),
    ).toBe('Yes.');
  });

  it('keeps a forwarded message, which is the content', () => {
    const fwd =
      'FYI\n\n---------- Forwarded message ---------\nFrom: Bob <bob@x.example>\nDate: Thu, 3 Dec 2026\nSubject: Broken\n\nIt is broken.';
    expect(extractNewText(fwd)).toBe(fwd);
  });

  it('keeps the whole text when stripping would leave nothing', () => {
    expect(extractNewText('> Hello Jane,\n> try again\n')).toBe('> Hello Jane,\n> try again');
    expect(extractNewText('-- \nJane Doe\nAcme Corp\n')).toBe('--\nJane Doe\nAcme Corp');
    expect(extractNewText('  \n')).toBe('');
  });

  it('keeps a reply written below the quote', () => {
    expect(
      extractNewText(
        'On Thu, 3 Dec 2026 at 10:12, Support <s@desk.example> wrote:\n> Hello\n> try again\n\nStill broken here.',
      ),
    ).toBe('Still broken here.');
  });
});

describe('extractNewText on very long text', () => {
  it('still cuts at the quote markers when the text is too long for the reply parser', () => {
    const paragraph = `On ${'a '.repeat(50_000)}`;
    expect(extractNewText(`${paragraph}\n\n-----Original Message-----\nFrom: Support\nSent: today\n\nHi`)).toBe(
      paragraph.trim(),
    );
    expect(extractNewText(`${' '.repeat(100_000)}x`)).toBe('x');
  });
});
