import type { FeedbackStore } from './feedback-store.js';
import type { OutboxStore } from './outbox-store.js';
import type { TicketStore } from './ticket-store.js';

/** The three store ports on one database (a SQLite file, or PostgreSQL shared by several instances). */
export interface SupportStore extends TicketStore, FeedbackStore, OutboxStore {
  close(): Promise<void>;
}
