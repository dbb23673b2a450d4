import type { FeedbackStore } from './feedback-store.js';
import type { OutboxStore } from './outbox-store.js';
import type { TicketStore } from './ticket-store.js';

/** The three store ports, as one SQLite file implements them. */
export interface SupportStore extends TicketStore, FeedbackStore, OutboxStore {
  close(): Promise<void>;
}
