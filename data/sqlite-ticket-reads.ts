import { conversationKey } from '../core/model/inbound-message.js';
import type { Ticket } from '../core/model/ticket.js';
import type { TicketQuery, TicketStore } from '../core/ports/ticket-store.js';
import type { SqliteDatabase } from './open-database.js';
import { auditFromRow, messageFromRow, ticketFromRow } from './ticket-rows.js';
import type { TicketRow } from './ticket-rows.js';

/** A synchronous read of one ticket by id (also used inside the commit transaction). */
export function prepareTicketById(db: SqliteDatabase): (id: number) => Ticket | null {
  const byId = db.prepare('SELECT * FROM tickets WHERE id = ?');
  return (id) => {
    const row = byId.get(id) as TicketRow | undefined;
    return row ? ticketFromRow(row) : null;
  };
}

/** The WHERE clause and parameters of a ticket query. */
function ticketFilter(query: TicketQuery): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const equals = (col: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${col} = ?`);
    params.push(value);
  };
  const inList = (col: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  equals('customer_id', query.customerId);
  equals('requester_id', query.requesterId);
  equals('platform', query.platform);
  inList('status', query.statuses);
  inList('tier', query.tiers);
  inList('priority', query.priorities);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The TicketStore's reads on the support database: tickets, their transcripts and audit rows, seen events. */
export function createSqliteTicketReads(db: SqliteDatabase): Omit<TicketStore, 'commit'> {
  const q = {
    hasEvent: db.prepare('SELECT 1 FROM inbound_events WHERE platform = ? AND event_id = ?').pluck(),
    ticketByKey: db.prepare('SELECT * FROM tickets WHERE key = ?'),
    ticketForConversation: db.prepare(
      "SELECT * FROM tickets WHERE conversation_key = ? AND status != 'closed' ORDER BY id DESC LIMIT 1",
    ),
    messages: db.prepare('SELECT * FROM ticket_messages WHERE ticket_id = ? ORDER BY id'),
    audit: db.prepare('SELECT * FROM audit_log WHERE ticket_id = ? ORDER BY id'),
  };
  const ticketById = prepareTicketById(db);
  const ticketOf = (row: TicketRow | undefined) => (row ? ticketFromRow(row) : null);

  return {
    async hasEvent(platform, eventId) {
      return q.hasEvent.get(platform, eventId) !== undefined;
    },
    async getTicket(id) {
      return ticketById(id);
    },
    async getTicketByKey(key) {
      return ticketOf(q.ticketByKey.get(key.toUpperCase()) as TicketRow | undefined);
    },
    async findTicketForConversation(conversation) {
      return ticketOf(q.ticketForConversation.get(conversationKey(conversation)) as TicketRow | undefined);
    },
    async listTickets(query) {
      const { where, params } = ticketFilter(query);
      const sql = `SELECT * FROM tickets ${where} ORDER BY id DESC LIMIT ?`;
      return (db.prepare(sql).all(...params, query.limit ?? 100) as TicketRow[]).map(ticketFromRow);
    },
    async listMessages(ticketId) {
      return (q.messages.all(ticketId) as Record<string, unknown>[]).map(messageFromRow);
    },
    async listAudit(ticketId) {
      return (q.audit.all(ticketId) as Record<string, unknown>[]).map(auditFromRow);
    },
  };
}
