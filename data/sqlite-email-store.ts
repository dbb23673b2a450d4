import type {
  EmailAttachment,
  EmailStore,
  EmailThread,
  MailboxCursor,
  NewEmailAttachment,
} from '../core/ports/email-store.js';
import type { SqliteDatabase } from './open-database.js';

interface ThreadRow {
  thread_id: string;
  mailbox: string;
  customer_address: string;
  customer_name: string | null;
  subject: string;
  created_at: number;
}

const toThread = (r: ThreadRow): EmailThread => ({
  threadId: r.thread_id,
  mailbox: r.mailbox,
  customerAddress: r.customer_address,
  customerName: r.customer_name,
  subject: r.subject,
  createdAt: r.created_at,
});

/** Email threading, the IMAP cursor, acknowledgement throttling and attachments in the desk's SQLite file (migration 011). */
export function createSqliteEmailStore(db: SqliteDatabase): EmailStore {
  const threadOfMessage = db.prepare(
    'SELECT t.* FROM email_messages m JOIN email_threads t ON t.thread_id = m.thread_id WHERE m.message_id = ?',
  );
  const getThread = db.prepare('SELECT * FROM email_threads WHERE thread_id = ?');
  const insertThread = db.prepare(`INSERT INTO email_threads
    (thread_id, mailbox, customer_address, customer_name, subject, created_at)
    VALUES (@threadId, @mailbox, @customerAddress, @customerName, @subject, @createdAt) ON CONFLICT DO NOTHING`);
  const insertMessage = db.prepare(
    'INSERT INTO email_messages (message_id, thread_id, direction, at) VALUES (@messageId, @threadId, @direction, @at) ON CONFLICT DO NOTHING',
  );
  const newestIds = db.prepare(
    'SELECT message_id FROM email_messages WHERE thread_id = ? ORDER BY at DESC, rowid DESC LIMIT ?',
  );
  const lastInbound = db.prepare(
    "SELECT message_id FROM email_messages WHERE thread_id = ? AND direction = 'in' ORDER BY at DESC, rowid DESC LIMIT 1",
  );
  const getCursor = db.prepare('SELECT mailbox, uid_validity, last_uid FROM email_cursors WHERE mailbox = ?');
  const saveCursor = db.prepare(`INSERT INTO email_cursors (mailbox, uid_validity, last_uid)
    VALUES (@mailbox, @uidValidity, @lastUid)
    ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
    WHERE email_cursors.uid_validity <> excluded.uid_validity OR email_cursors.last_uid < excluded.last_uid`);
  const claimAck = db.prepare(`INSERT INTO email_acknowledgements (address, at, message_id)
    VALUES (@address, @at, @messageId)
    ON CONFLICT (address) DO UPDATE SET at = excluded.at, message_id = excluded.message_id
    WHERE email_acknowledgements.at <= @at - @windowMs OR email_acknowledgements.message_id = @messageId`);
  const insertAttachment = db.prepare(`INSERT INTO email_attachments
    (message_id, position, filename, content_type, size, content, at)
    VALUES (@messageId, @position, @filename, @contentType, @size, @content, @at) ON CONFLICT DO NOTHING`);
  const listAttachments = db.prepare(
    'SELECT message_id, position, filename, content_type, size, at FROM email_attachments WHERE message_id = ? ORDER BY position',
  );
  const readAttachment = db.prepare('SELECT content FROM email_attachments WHERE message_id = ? AND position = ?');
  const saveAttachments = db.transaction((items: readonly NewEmailAttachment[]) => {
    for (const a of items) insertAttachment.run({ ...a, content: Buffer.from(a.content) });
  });

  return {
    async findThread(messageIds) {
      for (const id of messageIds) {
        const row = threadOfMessage.get(id) as ThreadRow | undefined;
        if (row) return toThread(row);
      }
      return null;
    },
    async getThread(threadId) {
      const row = getThread.get(threadId) as ThreadRow | undefined;
      return row ? toThread(row) : null;
    },
    async openThread(thread) {
      insertThread.run(thread);
      return toThread(getThread.get(thread.threadId) as ThreadRow);
    },
    async recordMessage(record) {
      insertMessage.run(record);
    },
    async threadMessageIds(threadId, limit) {
      return (newestIds.pluck().all(threadId, limit) as string[]).reverse();
    },
    async lastInboundMessageId(threadId) {
      return (lastInbound.pluck().get(threadId) as string | undefined) ?? null;
    },
    async getCursor(mailbox) {
      const r = getCursor.get(mailbox) as { mailbox: string; uid_validity: number; last_uid: number } | undefined;
      return r
        ? ({ mailbox: r.mailbox, uidValidity: r.uid_validity, lastUid: r.last_uid } satisfies MailboxCursor)
        : null;
    },
    async saveCursor(cursor) {
      saveCursor.run(cursor);
    },
    async claimAcknowledgement(address, at, windowMs, messageId) {
      return claimAck.run({ address: address.toLowerCase(), at, windowMs, messageId }).changes === 1;
    },
    async saveAttachments(attachments) {
      saveAttachments(attachments);
    },
    async listAttachments(messageId) {
      const rows = listAttachments.all(messageId) as {
        message_id: string;
        position: number;
        filename: string;
        content_type: string;
        size: number;
        at: number;
      }[];
      return rows.map(
        (r): EmailAttachment => ({
          messageId: r.message_id,
          position: r.position,
          filename: r.filename,
          contentType: r.content_type,
          size: r.size,
          at: r.at,
        }),
      );
    },
    async readAttachment(messageId, position) {
      const row = readAttachment.get(messageId, position) as { content: Buffer } | undefined;
      return row ? new Uint8Array(row.content) : null;
    },
  };
}
