import { describe, expect, it } from 'vitest';
import type { EmailStore, EmailThread } from '../../core/ports/email-store.js';

/** The same cases against every EmailStore implementation. */
export function emailStoreContract(name: string, make: () => Promise<EmailStore>): void {
  const T0 = Date.UTC(2026, 11, 3, 9);
  const thread = (threadId: string, over: Partial<EmailThread> = {}): EmailThread => ({
    threadId,
    mailbox: 'support@desk.test',
    customerAddress: 'jane@acme.test',
    customerName: 'Jane Doe',
    subject: 'Login fails',
    createdAt: T0,
    ...over,
  });

  describe(`EmailStore contract: ${name}`, () => {
    it('finds a thread by any stored Message-ID, the first known id winning, and keeps the first thread on reopen', async () => {
      const s = await make();
      expect(await s.openThread(thread('a@x'))).toEqual(thread('a@x'));
      expect(await s.openThread(thread('a@x', { subject: 'changed' }))).toEqual(thread('a@x'));
      await s.openThread(thread('b@x', { customerAddress: 'bob@beta.test', customerName: null }));
      await s.recordMessage({ messageId: 'a@x', threadId: 'a@x', direction: 'in', at: T0 });
      await s.recordMessage({ messageId: 'ack-1@desk', threadId: 'a@x', direction: 'out', at: T0 + 1 });
      await s.recordMessage({ messageId: 'b@x', threadId: 'b@x', direction: 'in', at: T0 + 2 });
      expect((await s.findThread(['unknown@y', 'ack-1@desk', 'b@x']))?.threadId).toBe('a@x');
      expect((await s.findThread(['b@x']))?.customerAddress).toBe('bob@beta.test');
      expect(await s.findThread(['unknown@y'])).toBeNull();
      expect(await s.findThread([])).toBeNull();
      expect(await s.getThread('b@x')).toEqual(thread('b@x', { customerAddress: 'bob@beta.test', customerName: null }));
      expect(await s.getThread('nope')).toBeNull();
    });

    it('records a Message-ID once and lists the newest ids of a thread oldest first', async () => {
      const s = await make();
      await s.openThread(thread('t1'));
      await s.recordMessage({ messageId: 'm1', threadId: 't1', direction: 'in', at: T0 });
      await s.recordMessage({ messageId: 'm2', threadId: 't1', direction: 'out', at: T0 + 5 });
      await s.recordMessage({ messageId: 'm3', threadId: 't1', direction: 'in', at: T0 + 9 });
      await s.recordMessage({ messageId: 'm4', threadId: 't1', direction: 'out', at: T0 + 9 });
      await s.recordMessage({ messageId: 'm1', threadId: 't1', direction: 'out', at: T0 + 20 });
      expect(await s.threadMessageIds('t1', 10)).toEqual(['m1', 'm2', 'm3', 'm4']);
      expect(await s.threadMessageIds('t1', 2)).toEqual(['m3', 'm4']);
      expect(await s.lastInboundMessageId('t1')).toBe('m3');
      expect(await s.lastInboundMessageId('none')).toBeNull();
    });

    it('moves the IMAP cursor forward only, and replaces it when UIDVALIDITY changes', async () => {
      const s = await make();
      expect(await s.getCursor('INBOX')).toBeNull();
      await s.saveCursor({ mailbox: 'INBOX', uidValidity: 7, lastUid: 10 });
      await s.saveCursor({ mailbox: 'INBOX', uidValidity: 7, lastUid: 4 });
      expect(await s.getCursor('INBOX')).toEqual({ mailbox: 'INBOX', uidValidity: 7, lastUid: 10 });
      await s.saveCursor({ mailbox: 'INBOX', uidValidity: 7, lastUid: 12 });
      expect(await s.getCursor('INBOX')).toEqual({ mailbox: 'INBOX', uidValidity: 7, lastUid: 12 });
      await s.saveCursor({ mailbox: 'INBOX', uidValidity: 8, lastUid: 1 });
      expect(await s.getCursor('INBOX')).toEqual({ mailbox: 'INBOX', uidValidity: 8, lastUid: 1 });
      expect(await s.getCursor('Other')).toBeNull();
    });

    it('grants one acknowledgement per sender per window, case-insensitively', async () => {
      const s = await make();
      const W = 600_000;
      expect(await s.claimAcknowledgement('Jane@Acme.test', T0, W, 'm1')).toBe(true);
      expect(await s.claimAcknowledgement('jane@acme.test', T0 + W - 1, W, 'm2')).toBe(false);
      // The same mail taken again (its commit failed, or a crash came first) keeps its claim.
      expect(await s.claimAcknowledgement('jane@acme.test', T0 + 5, W, 'm1')).toBe(true);
      expect(await s.claimAcknowledgement('bob@acme.test', T0 + 1, W, 'm3')).toBe(true);
      expect(await s.claimAcknowledgement('jane@acme.test', T0 + 5 + W, W, 'm4')).toBe(true);
      expect(await s.claimAcknowledgement('jane@acme.test', T0 + 6 + W, W, 'm5')).toBe(false);
    });

    it('stores attachments once per (Message-ID, position) and reads their bytes back', async () => {
      const s = await make();
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
      const base = { messageId: 'm1', at: T0 };
      await s.saveAttachments([
        {
          ...base,
          position: 1,
          filename: 'log.txt',
          contentType: 'text/plain',
          size: 3,
          content: new Uint8Array([1, 2, 3]),
        },
        { ...base, position: 0, filename: 'shot.png', contentType: 'image/png', size: png.length, content: png },
      ]);
      await s.saveAttachments([
        {
          ...base,
          position: 0,
          filename: 'other.png',
          contentType: 'image/png',
          size: 1,
          content: new Uint8Array([9]),
        },
      ]);
      expect(await s.listAttachments('m1')).toEqual([
        { ...base, position: 0, filename: 'shot.png', contentType: 'image/png', size: 6 },
        { ...base, position: 1, filename: 'log.txt', contentType: 'text/plain', size: 3 },
      ]);
      expect(await s.readAttachment('m1', 0)).toEqual(png);
      expect(await s.readAttachment('m1', 5)).toBeNull();
      expect(await s.listAttachments('none')).toEqual([]);
    });
  });
}
