import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyAutoMail } from './classify-auto-mail.js';
import { parseEmail } from './parse-email.js';

const raw = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/email/${name}`, import.meta.url)).toString('utf8');
const classify = async (text: string, ownAddresses?: string[]) =>
  classifyAutoMail(await parseEmail(text), { ownAddresses });
/** The new-question fixture (a person's mail) with extra header lines on top, as a relay would add them. */
const question = (...headers: string[]) => [...headers, raw('new-question.eml')].join('\n');
const questionFrom = (from: string) =>
  raw('new-question.eml').replace('From: Jane Doe <jane.doe@acme.example>', `From: ${from}`);

describe('classifyAutoMail', () => {
  it('sees people in the replies, HTML mail, attachments and foreign charsets', async () => {
    for (const name of [
      'gmail-reply.eml',
      'outlook-reply.eml',
      'apple-mail-reply.eml',
      'html-only.eml',
      'attachments.eml',
      'iso-8859-1.eml',
      'shift-jis.eml',
      'new-question.eml',
    ])
      expect(await classify(raw(name)), name).toEqual({ kind: 'human' });
  });

  it('takes an out-of-office for an auto-reply', async () => {
    expect(await classify(raw('out-of-office.eml'))).toEqual({
      kind: 'auto-reply',
      reason: 'Auto-Submitted: auto-replied',
    });
  });

  it('reads a DSN bounce: the failed recipient and the Message-ID of the desk mail that failed', async () => {
    expect(await classify(raw('bounce.eml'))).toEqual({
      kind: 'bounce',
      failedRecipients: ['old.address@acme.example'],
      originalMessageId: '9c1d7e52-3a48-4b6f-a0e2-d5b8f1c46a93@desk.example',
      reason: 'delivery status report (multipart/report)',
    });
  });

  it('lists only failed recipients; a report of delays alone is not a bounce', async () => {
    const twoRecipients = raw('bounce.eml').replace(
      '    rejected: User unknown in virtual mailbox table\n',
      '    rejected: User unknown in virtual mailbox table\n\n' +
        'Final-Recipient: rfc822; slow@acme.example\nAction: delayed\nStatus: 4.4.1\n\n' +
        'Final-Recipient: rfc822; gone@acme.example\nStatus: 5.2.1\n',
    );
    const bounce = await classify(twoRecipients);
    expect(bounce.kind === 'bounce' && bounce.failedRecipients).toEqual([
      'old.address@acme.example',
      'gone@acme.example',
    ]);
    const delayed = raw('bounce.eml').replace('Action: failed\nStatus: 5.1.1', 'Action: delayed\nStatus: 4.4.1');
    expect(await classify(delayed)).toEqual({ kind: 'auto-reply', reason: 'delivery status report (delayed)' });
  });

  it('takes mail from MAILER-DAEMON or postmaster, or with X-Failed-Recipients, for a bounce', async () => {
    expect(await classify(questionFrom('Mail Delivery Subsystem <MAILER-DAEMON@mx.acme.example>'))).toEqual({
      kind: 'bounce',
      failedRecipients: [],
      reason: 'sender mailer-daemon@mx.acme.example',
    });
    expect((await classify(questionFrom('postmaster@acme.example'))).kind).toBe('bounce');
    expect(await classify(question('X-Failed-Recipients: Old@acme.example, b@acme.example'))).toMatchObject({
      kind: 'bounce',
      failedRecipients: ['old@acme.example', 'b@acme.example'],
    });
  });

  it('takes every auto-reply marker: Auto-Submitted but "no", X-Autoreply/-Autorespond, suppress, X-Loop', async () => {
    expect(await classify(question('Auto-Submitted: no'))).toEqual({ kind: 'human' });
    expect(await classify(question('Auto-Submitted: auto-generated; owner-email="x@y.example"'))).toEqual({
      kind: 'auto-reply',
      reason: 'Auto-Submitted: auto-generated',
    });
    expect(await classify(question('X-Autoreply: yes'))).toEqual({ kind: 'auto-reply', reason: 'x-autoreply: yes' });
    expect(await classify(question('X-Autorespond: 1'))).toMatchObject({ kind: 'auto-reply' });
    expect(await classify(question('Precedence: auto_reply'))).toMatchObject({ kind: 'auto-reply' });
    expect(await classify(question('X-Auto-Response-Suppress: All'))).toEqual({
      kind: 'auto-reply',
      reason: 'X-Auto-Response-Suppress: All',
    });
    expect(await classify(question('X-Loop: yes'))).toEqual({ kind: 'auto-reply', reason: 'X-Loop: yes' });
    expect(await classify(question('X-Loop: Support@Desk.example'), ['support@desk.example'])).toEqual({
      kind: 'auto-reply',
      reason: 'X-Loop: support@desk.example (our own mail came back)',
    });
    expect(await classify(questionFrom('Support <support@desk.example>'), ['support@desk.example'])).toMatchObject({
      kind: 'auto-reply',
    });
    expect(await classify(question('Return-Path: <>'))).toMatchObject({ kind: 'auto-reply' });
  });

  it('takes list and bulk mail and no-reply senders for bulk', async () => {
    expect(await classify(raw('list-mail.eml'))).toEqual({ kind: 'bulk', reason: 'Precedence: list' });
    expect(await classify(question('Precedence: bulk'))).toEqual({ kind: 'bulk', reason: 'Precedence: bulk' });
    expect(await classify(question('Precedence: junk'))).toMatchObject({ kind: 'bulk' });
    expect(await classify(question('List-Id: <announce.vendor.example>'))).toEqual({
      kind: 'bulk',
      reason: 'List-Id: <announce.vendor.example>',
    });
    for (const sender of [
      'noreply@vendor.example',
      'No-Reply@vendor.example',
      'do-not-reply@vendor.example',
      'donotreply@vendor.example',
      'billing-noreply@vendor.example',
      'noreply+bounces@vendor.example',
    ])
      expect((await classify(questionFrom(sender))).kind, sender).toBe('bulk');
    for (const sender of ['norah@acme.example', 'reply@acme.example', 'replying.now@acme.example'])
      expect((await classify(questionFrom(sender))).kind, sender).toBe('human');
  });

  it('checks a bounce before auto-reply headers (Postfix marks its DSNs Auto-Submitted)', async () => {
    const bounce = await parseEmail(raw('bounce.eml'));
    expect(bounce.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(classifyAutoMail(bounce).kind).toBe('bounce');
  });
});
