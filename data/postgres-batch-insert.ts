import type { NewOutboxItem } from '../core/model/outbound-message.js';
import type { NewAuditEntry, NewTicketMessage } from '../core/model/ticket.js';
import type { Millis } from '../core/model/types.js';
import type { NewSearchLog } from '../core/ports/feedback-store.js';
import { OUTBOX_INSERT_COLUMNS, outboxRowValues } from './outbox-row-values.js';
import type { PostgresClient } from './postgres-transaction.js';

/**
 * The rows of one ticket commit written in as few statements as PostgreSQL allows: each table's rows as one
 * multi-row INSERT (rows take their ids in the order given, as one INSERT at a time would give them), and the
 * inserts of several tables as one statement (data-modifying WITH clauses). A round trip to the server costs more
 * than the insert itself: opening a ticket wrote 10 to 12 statements one by one.
 */
export class InsertBatch {
  private readonly params: unknown[] = [];
  private readonly statements: string[] = [];

  /** `INSERT INTO table (columns) VALUES (…), (…)` for these rows (nothing for none). */
  add(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], suffix = ''): this {
    if (!rows.length) return this;
    const values = rows.map((row) => `(${row.map((v) => `$${this.params.push(v)}`).join(', ')})`).join(', ');
    this.statements.push(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}${suffix}`);
    return this;
  }

  messages(ticketId: number | null, messages: readonly NewTicketMessage[]): this {
    return this.add(
      'ticket_messages',
      ['ticket_id', 'platform', 'event_id', 'message_id', 'author_id', 'author_name', 'role', 'text', 'at'],
      messages.map((m) => [
        m.ticketId ?? ticketId,
        m.platform,
        m.eventId,
        m.messageId,
        m.authorId,
        m.authorName,
        m.role,
        m.text,
        m.at,
      ]),
    );
  }

  /** Audit rows; those without a ticketId attach to `ticketId`. */
  audits(ticketId: number | null, entries: readonly NewAuditEntry[]): this {
    return this.add(
      'audit_log',
      ['ticket_id', 'actor', 'action', 'detail', 'at'],
      entries.map((a) => [
        a.ticketId === undefined ? ticketId : a.ticketId,
        a.actor,
        a.action,
        JSON.stringify(a.detail),
        a.at,
      ]),
    );
  }

  searches(entries: readonly NewSearchLog[]): this {
    return this.add(
      'kb_searches',
      ['query', 'platform', 'tier', 'customer_id', 'result_count', 'top_article_id', 'top_score', 'intent', 'at'],
      entries.map((s) => [
        s.query,
        s.platform,
        s.tier,
        s.customerId,
        s.resultCount,
        s.topArticleId,
        s.topScore,
        s.intent,
        s.at,
      ]),
    );
  }

  /** Run every insert added, as one statement; returns the rows of the last one's RETURNING. */
  async run<R extends Record<string, unknown>>(client: PostgresClient): Promise<R[]> {
    if (!this.statements.length) return [];
    const last = this.statements.length - 1;
    const text =
      last === 0
        ? (this.statements[0] as string)
        : `WITH ${this.statements
            .slice(0, last)
            .map((s, i) => `w${i} AS (${s})`)
            .join(', ')} ${this.statements[last]}`;
    const { rows } = await client.query<R>(text, this.params);
    return rows;
  }
}

/**
 * Outbox rows (with other inserts of `batch` in the same statement, written first); returns the new rows' ids in
 * the order of `items`, leaving out items whose dedupe key was queued before (nothing is written for them).
 */
export async function insertOutboxRows(
  client: PostgresClient,
  items: readonly NewOutboxItem[],
  at: Millis,
  batch = new InsertBatch(),
): Promise<number[]> {
  batch.add(
    'outbox',
    OUTBOX_INSERT_COLUMNS,
    items.map((o) => outboxRowValues(o, at)),
    items.length ? ' ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key' : '',
  );
  const rows = await batch.run<{ id: number; dedupe_key: string }>(client);
  if (!items.length) return [];
  const ids = new Map(rows.map((r) => [r.dedupe_key, r.id]));
  const out: number[] = [];
  for (const o of items) {
    const id = ids.get(o.dedupeKey);
    if (id !== undefined) {
      out.push(id);
      ids.delete(o.dedupeKey); // a key given twice is inserted once
    }
  }
  return out;
}
