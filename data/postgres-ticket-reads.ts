import type pg from 'pg';
import { conversationKey } from '../core/model/inbound-message.js';
import type { Ticket } from '../core/model/ticket.js';
import type { TicketQuery, TicketStore } from '../core/ports/ticket-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import type { PostgresClient } from './postgres-transaction.js';
import { auditFromRow, messageFromRow, ticketFromRow } from './ticket-rows.js';
import type { TicketRow } from './ticket-rows.js';

/** Where a statement runs: the pool (a statement of its own) or a transaction's connection. */
export type PostgresQueryable = pg.Pool | PostgresClient;

/**
 * One ticket by id (also used inside the commit transaction). `forUpdate` locks its row for the rest of the
 * transaction, so a concurrent change of the same ticket waits and then sees this one's result.
 */
export async function postgresTicketById(q: PostgresQueryable, id: number, forUpdate = false): Promise<Ticket | null> {
  const { rows } = await q.query<TicketRow>(`SELECT * FROM tickets WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return rows[0] ? ticketFromRow(rows[0]) : null;
}

/** The newest ticket of a conversation that is not closed. */
export async function postgresLiveTicketOf(q: PostgresQueryable, key: string): Promise<Ticket | null> {
  const { rows } = await q.query<TicketRow>(
    "SELECT * FROM tickets WHERE conversation_key = $1 AND status <> 'closed' ORDER BY id DESC LIMIT 1",
    [key],
  );
  return rows[0] ? ticketFromRow(rows[0]) : null;
}

/** The WHERE clause and parameters of a ticket query ($1, $2… in order). */
function ticketFilter(query: TicketQuery): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const equals = (col: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${col} = $${params.length}`);
  };
  const inList = (col: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    params.push(values);
    where.push(`${col} = ANY($${params.length}::text[])`);
  };
  equals('customer_id', query.customerId);
  equals('requester_id', query.requesterId);
  equals('platform', query.platform);
  inList('status', query.statuses);
  inList('tier', query.tiers);
  inList('priority', query.priorities);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The TicketStore's reads on PostgreSQL: tickets, their transcripts and audit rows, seen events. */
export function createPostgresTicketReads(db: PostgresDatabase): Omit<TicketStore, 'commit'> {
  const { pool } = db;
  return {
    async hasEvent(platform, eventId) {
      const { rowCount } = await pool.query('SELECT 1 FROM inbound_events WHERE platform = $1 AND event_id = $2', [
        platform,
        eventId,
      ]);
      return (rowCount ?? 0) > 0;
    },
    getTicket: (id) => postgresTicketById(pool, id),
    async getTicketByKey(key) {
      const { rows } = await pool.query<TicketRow>('SELECT * FROM tickets WHERE key = $1', [key.toUpperCase()]);
      return rows[0] ? ticketFromRow(rows[0]) : null;
    },
    findTicketForConversation: (conversation) => postgresLiveTicketOf(pool, conversationKey(conversation)),
    async listTickets(query) {
      const { where, params } = ticketFilter(query);
      const sql = `SELECT * FROM tickets ${where} ORDER BY id DESC LIMIT $${params.length + 1}`;
      const { rows } = await pool.query<TicketRow>(sql, [...params, query.limit ?? 100]);
      return rows.map(ticketFromRow);
    },
    async listMessages(ticketId) {
      const { rows } = await pool.query('SELECT * FROM ticket_messages WHERE ticket_id = $1 ORDER BY id', [ticketId]);
      return rows.map(messageFromRow);
    },
    async listAudit(ticketId) {
      const { rows } = await pool.query('SELECT * FROM audit_log WHERE ticket_id = $1 ORDER BY id', [ticketId]);
      return rows.map(auditFromRow);
    },
  };
}
