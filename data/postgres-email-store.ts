import type {
  EmailAttachment,
  EmailStore,
  EmailThread,
  MailboxCursor,
  NewEmailAttachment,
} from '../core/ports/email-store.js';
import type { PostgresDatabase } from './open-postgres.js';

interface ThreadRow {
  thread_id: string;
  mailbox: string;
  customer_address: string;
  customer_name: string | null;
  subject: string;
  created_at: number;
}

interface AttachmentRow {
  message_id: string;
  position: number;
  filename: string;
  content_type: string;
  size: number;
  at: number;
}

const toThread = (r: ThreadRow): EmailThread => ({
  threadId: r.thread_id,
  mailbox: r.mailbox,
  customerAddress: r.customer_address,
  customerName: r.customer_name,
  subject: r.subject,
  createdAt: r.created_at,
});

const THREAD_COLUMNS = 'thread_id, mailbox, customer_address, customer_name, subject, created_at';

/** The thread of the first of the ids the desk has stored: one statement, the ids' order kept by their ordinality. */
const FIND_THREAD = `SELECT t.thread_id, t.mailbox, t.customer_address, t.customer_name, t.subject, t.created_at
  FROM unnest($1::text[]) WITH ORDINALITY AS k (message_id, n)
  JOIN email_messages m ON m.message_id = k.message_id
  JOIN email_threads t ON t.thread_id = m.thread_id
  ORDER BY k.n LIMIT 1`;

/**
 * Within one UIDVALIDITY the cursor only moves forward; another UIDVALIDITY replaces it. The upsert locks the row,
 * so two intakes saving at once are applied one after the other, each against the other's result.
 */
const SAVE_CURSOR = `INSERT INTO email_cursors (mailbox, uid_validity, last_uid) VALUES ($1, $2, $3)
  ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
  WHERE email_cursors.uid_validity <> excluded.uid_validity OR email_cursors.last_uid < excluded.last_uid`;

/**
 * The acknowledgement claim as one statement. Two intakes claiming one new sender at once: the second INSERT waits for
 * the first's row, then takes the ON CONFLICT path and re-checks the WHERE against the row as committed (READ
 * COMMITTED re-reads the latest version), so only one of them gets a row back.
 */
const CLAIM_ACK = `INSERT INTO email_acknowledgements (address, at, message_id) VALUES ($1, $2, $4)
  ON CONFLICT (address) DO UPDATE SET at = excluded.at, message_id = excluded.message_id
  WHERE email_acknowledgements.at <= $2::bigint - $3::bigint OR email_acknowledgements.message_id = $4
  RETURNING 1`;

/** Mail threading, the IMAP cursor, acknowledgement throttling and attachments on PostgreSQL. */
export function createPostgresEmailStore(db: PostgresDatabase): EmailStore {
  const { pool } = db;
  const getThread = async (threadId: string) => {
    const { rows } = await pool.query<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM email_threads WHERE thread_id = $1`, [
      threadId,
    ]);
    return rows[0] ? toThread(rows[0]) : null;
  };

  return {
    async findThread(messageIds) {
      if (!messageIds.length) return null;
      const { rows } = await pool.query<ThreadRow>(FIND_THREAD, [messageIds]);
      return rows[0] ? toThread(rows[0]) : null;
    },
    getThread,
    async openThread(thread) {
      const { rows } = await pool.query<ThreadRow>(
        `INSERT INTO email_threads (${THREAD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (thread_id) DO NOTHING RETURNING ${THREAD_COLUMNS}`,
        [
          thread.threadId,
          thread.mailbox,
          thread.customerAddress,
          thread.customerName,
          thread.subject,
          thread.createdAt,
        ],
      );
      if (rows[0]) return toThread(rows[0]);
      // It existed (or another instance opened it a moment ago, and the INSERT waited for its commit): the first wins.
      const existing = await getThread(thread.threadId);
      if (!existing) throw new Error(`email thread ${thread.threadId} vanished while being opened`);
      return existing;
    },
    async recordMessage(record) {
      await pool.query(
        `INSERT INTO email_messages (message_id, thread_id, direction, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (message_id) DO NOTHING`,
        [record.messageId, record.threadId, record.direction, record.at],
      );
    },
    async threadMessageIds(threadId, limit) {
      // seq is the order of recording (SQLite's rowid); a negative limit is no limit, as in SQLite.
      const { rows } = await pool.query<{ message_id: string }>(
        'SELECT message_id FROM email_messages WHERE thread_id = $1 ORDER BY at DESC, seq DESC LIMIT $2',
        [threadId, limit < 0 ? null : limit],
      );
      return rows.map((r) => r.message_id).reverse();
    },
    async lastInboundMessageId(threadId) {
      const { rows } = await pool.query<{ message_id: string }>(
        `SELECT message_id FROM email_messages WHERE thread_id = $1 AND direction = 'in'
         ORDER BY at DESC, seq DESC LIMIT 1`,
        [threadId],
      );
      return rows[0]?.message_id ?? null;
    },
    async getCursor(mailbox) {
      const { rows } = await pool.query<{ mailbox: string; uid_validity: number; last_uid: number }>(
        'SELECT mailbox, uid_validity, last_uid FROM email_cursors WHERE mailbox = $1',
        [mailbox],
      );
      const r = rows[0];
      return r
        ? ({ mailbox: r.mailbox, uidValidity: r.uid_validity, lastUid: r.last_uid } satisfies MailboxCursor)
        : null;
    },
    async saveCursor(cursor) {
      await pool.query(SAVE_CURSOR, [cursor.mailbox, cursor.uidValidity, cursor.lastUid]);
    },
    async claimAcknowledgement(address, at, windowMs, messageId) {
      const { rowCount } = await pool.query(CLAIM_ACK, [address.toLowerCase(), at, windowMs, messageId]);
      return rowCount === 1;
    },
    async saveAttachments(attachments) {
      if (!attachments.length) return;
      // One statement (one transaction); the first of two items with one (messageId, position) wins, as in SQLite.
      const values: unknown[] = [];
      const tuples = attachments.map((a: NewEmailAttachment) => {
        const content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
        values.push(a.messageId, a.position, a.filename, a.contentType, a.size, content, a.at);
        const p = values.length - 7;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`;
      });
      await pool.query(
        `INSERT INTO email_attachments (message_id, position, filename, content_type, size, content, at)
         VALUES ${tuples.join(', ')} ON CONFLICT (message_id, position) DO NOTHING`,
        values,
      );
    },
    async listAttachments(messageId) {
      const { rows } = await pool.query<AttachmentRow>(
        `SELECT message_id, position, filename, content_type, size, at FROM email_attachments
         WHERE message_id = $1 ORDER BY position`,
        [messageId],
      );
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
      const { rows } = await pool.query<{ content: Buffer }>(
        'SELECT content FROM email_attachments WHERE message_id = $1 AND position = $2',
        [messageId, position],
      );
      return rows[0] ? new Uint8Array(rows[0].content) : null;
    },
  };
}
