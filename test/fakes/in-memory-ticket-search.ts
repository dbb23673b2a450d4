import { DEFAULT_DUE_SOON_MS, searchPageSize, searchWords, textHasWords } from '../../core/engine/search-words.js';
import type { SlaStore, SlaTimer } from '../../core/ports/sla-store.js';
import type { TicketSearch } from '../../core/ports/ticket-search.js';
import type { TicketStore } from '../../core/ports/ticket-store.js';

const EVERY_STATE = ['active', 'paused', 'hit', 'missed', 'stopped'] as const;

/**
 * In-memory fake of the ticket search, over the in-memory support and SLA stores' public reads (every ticket, each
 * one's transcript, every clock): the plain reading of the port's words that the shared contract holds the SQLite
 * and PostgreSQL stores to. Slow on purpose (it reads everything); it is for tests.
 */
export function createInMemoryTicketSearch(
  store: Pick<TicketStore, 'listTickets' | 'listMessages'>,
  sla: Pick<SlaStore, 'listTimers'>,
): TicketSearch {
  return {
    async searchTickets(query) {
      const limit = searchPageSize(query.limit);
      const words = searchWords(query.text ?? '');
      const dueSoonMs = query.dueSoonMs ?? DEFAULT_DUE_SOON_MS;
      const timers = await sla.listTimers(EVERY_STATE, Number.POSITIVE_INFINITY);
      const slaHolds = (t: SlaTimer) =>
        query.sla === 'breached'
          ? t.state === 'missed' || (t.state === 'active' && t.dueAt !== null && t.dueAt <= query.now)
          : t.state === 'active' && t.dueAt !== null && t.dueAt > query.now && t.dueAt <= query.now + dueSoonMs;
      const slaTickets = new Set(timers.filter(slaHolds).map((t) => t.ticketId));
      const any = <T>(values: readonly T[] | undefined, value: T) => !values?.length || values.includes(value);
      const candidates = (await store.listTickets({ limit: Number.POSITIVE_INFINITY })).filter(
        (t) =>
          (query.before === undefined || t.id < query.before) &&
          any(query.statuses, t.status) &&
          any(query.tiers, t.tier) &&
          any(query.priorities, t.priority) &&
          any(query.platforms, t.conversation.platform) &&
          (query.assigneeId === undefined || t.assigneeId === query.assigneeId) &&
          (query.customerId === undefined || t.customerId === query.customerId) &&
          (!query.sla || slaTickets.has(t.id)),
      );
      const found = [];
      for (const t of candidates.sort((a, b) => b.id - a.id)) {
        const texts = words.length ? [t.subject, ...(await store.listMessages(t.id)).map((m) => m.text)] : [];
        if (!words.length || texts.some((text) => textHasWords(text, words))) found.push(t);
        if (found.length > limit) break;
      }
      const tickets = found.slice(0, limit);
      return { tickets, next: found.length > limit ? (tickets.at(-1)?.id ?? null) : null };
    },
  };
}
