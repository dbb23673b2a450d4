import type { ConversationRef } from '../core/model/inbound-message.js';
import type { OutboxItem } from '../core/model/outbound-message.js';
import type { AuditEntry, Ticket, TicketMessage } from '../core/model/ticket.js';
import type { Category, Platform, Priority, Tier, TicketStatus } from '../core/model/types.js';

export interface TicketRow {
  id: number;
  key: string;
  status: string;
  priority: string;
  category: string;
  tier: string;
  customer_id: string | null;
  requester_id: string;
  requester_name: string | null;
  platform: string;
  channel_id: string;
  thread_id: string | null;
  subject: string;
  assignee_id: string | null;
  created_at: number;
  updated_at: number;
  first_response_due_at: number | null;
  first_response_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  reopen_count: number;
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  escalated: number | boolean;
}

export function ticketFromRow(r: TicketRow): Ticket {
  const conversation: ConversationRef = { platform: r.platform as Platform, channelId: r.channel_id };
  if (r.thread_id !== null) conversation.threadId = r.thread_id;
  return {
    id: r.id,
    key: r.key,
    status: r.status as TicketStatus,
    priority: r.priority as Priority,
    category: r.category as Category,
    tier: r.tier as Tier,
    customerId: r.customer_id,
    requesterId: r.requester_id,
    requesterName: r.requester_name,
    conversation,
    subject: r.subject,
    assigneeId: r.assignee_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    firstResponseDueAt: r.first_response_due_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    reopenCount: r.reopen_count,
    escalated: r.escalated === 1 || r.escalated === true,
  };
}

/** Ticket field -> column, for patches. */
export const PATCH_COLUMNS = {
  status: 'status',
  priority: 'priority',
  category: 'category',
  assigneeId: 'assignee_id',
  updatedAt: 'updated_at',
  firstResponseAt: 'first_response_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  reopenCount: 'reopen_count',
  escalated: 'escalated',
  subject: 'subject',
  firstResponseDueAt: 'first_response_due_at',
} as const;

export function messageFromRow(r: Record<string, unknown>): TicketMessage {
  return {
    id: r.id as number,
    ticketId: r.ticket_id as number,
    platform: r.platform as Platform,
    eventId: (r.event_id as string | null) ?? null,
    messageId: (r.message_id as string | null) ?? null,
    authorId: r.author_id as string,
    authorName: (r.author_name as string | null) ?? null,
    role: r.role as TicketMessage['role'],
    text: r.text as string,
    at: r.at as number,
  };
}

export function auditFromRow(r: Record<string, unknown>): AuditEntry {
  return {
    id: r.id as number,
    ticketId: (r.ticket_id as number | null) ?? null,
    actor: r.actor as string,
    action: r.action as string,
    detail: JSON.parse(r.detail as string) as Record<string, unknown>,
    at: r.at as number,
  };
}

export function outboxFromRow(r: Record<string, unknown>): OutboxItem {
  return {
    id: r.id as number,
    platform: r.platform as Platform,
    conversation: JSON.parse(r.conversation as string) as ConversationRef,
    message: JSON.parse(r.message as string) as OutboxItem['message'],
    dedupeKey: r.dedupe_key as string,
    attempts: r.attempts as number,
    nextAttemptAt: r.next_attempt_at as number,
    createdAt: r.created_at as number,
    lastError: (r.last_error as string | null) ?? null,
    attemptedAt: (r.attempted_at as number | null) ?? null,
  };
}
