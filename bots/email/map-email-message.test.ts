import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapEmailMessage } from './map-email-message.js';
import { parseEmail } from './parse-email.js';

const parsed = (name: string) =>
  parseEmail(readFileSync(new URL(`../../test/fixtures/email/${name}`, import.meta.url)));
const ctx = { mailbox: 'support@desk.example', threadId: 'thread-1', now: 1_000 };

describe('mapEmailMessage', () => {
  it('maps a Gmail reply: subject without Re: and key, the new text only, the event id from the Message-ID', async () => {
    expect(mapEmailMessage(await parsed('gmail-reply.eml'), ctx)).toEqual({
      platform: 'email',
      eventId: 'email:CAJx8r5Yq3kZ+Wm7t9Lh4vQeXo2nB0pD1sR6uT8wAy9=ZcK3fHg@mail.gmail.com',
      conversation: { platform: 'email', channelId: 'support@desk.example', threadId: 'thread-1' },
      author: { id: 'jane.doe@acme.example', name: 'Jane Doe' },
      text:
        'Login fails\n\nHi,\n\nI cleared the cookies as you suggested but the login still fails with\n' +
        '"invalid session". It happens in both Firefox and Chrome.\n\nJane',
      receivedAt: 1_000,
      messageId: 'CAJx8r5Yq3kZ+Wm7t9Lh4vQeXo2nB0pD1sR6uT8wAy9=ZcK3fHg@mail.gmail.com',
    });
  });

  it('puts the subject first, so a new ticket is titled by it', async () => {
    const message = mapEmailMessage(await parsed('new-question.eml'), { ...ctx, threadId: 'a5f0c2d9@acme.example' });
    expect(message.text).toBe(
      'How do I rotate the API key?\n\nHello,\n\nhow do I rotate the API key for our production workspace without ' +
        'downtime? The old key is used by three services.\n\nThanks',
    );
    expect(message.conversation.threadId).toBe('a5f0c2d9@acme.example');
  });

  it('keeps decoded text and the ticket prefix the desk uses', async () => {
    const latin = mapEmailMessage(await parsed('iso-8859-1.eml'), ctx);
    expect(latin.text.split('\n')[0]).toBe('Gebühr für die Straßen-Café-Filiale doppelt berechnet');
    expect(latin.author).toEqual({ id: 'j.mueller@initrode.example', name: 'Jürgen Müller' });
    const mail = { ...(await parsed('gmail-reply.eml')), subject: 'Re: [HELP-7] Login fails' };
    expect(mapEmailMessage(mail, { ...ctx, ticketPrefix: 'HELP' }).text.split('\n')[0]).toBe('Login fails');
  });

  it('keeps the quoted part of a forward, and the body alone when there is no subject', async () => {
    const reply = await parsed('outlook-reply.eml');
    const forward = mapEmailMessage({ ...reply, subject: 'FW: [SUP-57] Export to CSV times out' }, ctx);
    expect(forward.text).toContain('-----Original Message-----');
    const bare = mapEmailMessage({ ...(await parsed('new-question.eml')), subject: '' }, ctx);
    expect(bare.text.startsWith('Hello,\n\nhow do I rotate')).toBe(true);
  });

  it('uses the synthetic id of a mail without Message-ID, and a lower-case mailbox', async () => {
    const mail = await parseEmail('From: A <a@b.example>\nTo: support@desk.example\nSubject: hi\n\nhello\n');
    const message = mapEmailMessage(mail, { ...ctx, mailbox: 'Support@Desk.example' });
    expect(message.eventId).toBe(`email:${mail.messageId}`);
    expect(message.eventId).toMatch(/^email:[0-9a-f]{64}@sha256\.invalid$/);
    expect(message.conversation.channelId).toBe('support@desk.example');
  });
});
