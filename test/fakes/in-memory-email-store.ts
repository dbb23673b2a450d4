import type {
  EmailAttachment,
  EmailMessageRecord,
  EmailStore,
  EmailThread,
  MailboxCursor,
  NewEmailAttachment,
} from '../../core/ports/email-store.js';

/** EmailStore in memory, held to the same contract as the SQLite store. */
export function createInMemoryEmailStore(): EmailStore {
  const threads = new Map<string, EmailThread>();
  const messages = new Map<string, EmailMessageRecord>();
  const order: EmailMessageRecord[] = [];
  const cursors = new Map<string, MailboxCursor>();
  const acks = new Map<string, { at: number; messageId: string }>();
  const attachments = new Map<string, NewEmailAttachment>();
  const ofThread = (threadId: string) =>
    order.filter((m) => m.threadId === threadId).sort((a, b) => a.at - b.at || order.indexOf(a) - order.indexOf(b));
  return {
    async findThread(messageIds) {
      for (const id of messageIds) {
        const m = messages.get(id);
        if (m) return { ...threads.get(m.threadId)! };
      }
      return null;
    },
    async getThread(threadId) {
      const t = threads.get(threadId);
      return t ? { ...t } : null;
    },
    async openThread(thread) {
      if (!threads.has(thread.threadId)) threads.set(thread.threadId, { ...thread });
      return { ...threads.get(thread.threadId)! };
    },
    async recordMessage(record) {
      if (!threads.has(record.threadId)) throw new Error(`no thread ${record.threadId}`);
      if (messages.has(record.messageId)) return;
      messages.set(record.messageId, { ...record });
      order.push({ ...record });
    },
    async threadMessageIds(threadId, limit) {
      return ofThread(threadId)
        .slice(-limit)
        .map((m) => m.messageId);
    },
    async lastInboundMessageId(threadId) {
      return (
        ofThread(threadId)
          .filter((m) => m.direction === 'in')
          .at(-1)?.messageId ?? null
      );
    },
    async getCursor(mailbox) {
      const c = cursors.get(mailbox);
      return c ? { ...c } : null;
    },
    async saveCursor(cursor) {
      const c = cursors.get(cursor.mailbox);
      if (!c || c.uidValidity !== cursor.uidValidity || c.lastUid < cursor.lastUid)
        cursors.set(cursor.mailbox, { ...cursor });
    },
    async claimAcknowledgement(address, at, windowMs, messageId) {
      const key = address.toLowerCase();
      const last = acks.get(key);
      if (last !== undefined && last.at > at - windowMs && last.messageId !== messageId) return false;
      acks.set(key, { at, messageId });
      return true;
    },
    async saveAttachments(items) {
      for (const a of items) {
        const key = `${a.messageId}\u0000${a.position}`;
        if (!attachments.has(key)) attachments.set(key, { ...a, content: new Uint8Array(a.content) });
      }
    },
    async listAttachments(messageId) {
      return [...attachments.values()]
        .filter((a) => a.messageId === messageId)
        .sort((a, b) => a.position - b.position)
        .map(({ content: _content, ...rest }): EmailAttachment => rest);
    },
    async readAttachment(messageId, position) {
      const a = attachments.get(`${messageId}\u0000${position}`);
      return a ? new Uint8Array(a.content) : null;
    },
  };
}
