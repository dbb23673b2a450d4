import { ticketSearchContract } from '../contracts/ticket-search-contract.js';
import { createInMemorySlaStore } from './in-memory-sla-store.js';
import { createInMemorySupportStore } from './in-memory-support-store.js';
import type { InMemorySupportStore } from './in-memory-support-store.js';
import { createInMemoryTicketSearch } from './in-memory-ticket-search.js';

ticketSearchContract('in-memory fake', async (hook) => {
  let support: InMemorySupportStore | null = null;
  const sla = createInMemorySlaStore(() => support as InMemorySupportStore);
  support = createInMemorySupportStore({ onTicketChange: hook(sla.sink) });
  return { support, sla, search: createInMemoryTicketSearch(support, sla) };
});
