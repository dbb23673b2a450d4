import { afterAll } from 'vitest';
import { ticketSearchContract } from '../test/contracts/ticket-search-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import { createPostgresSlaStore } from './postgres-sla-store.js';
import { createPostgresSupportStore } from './postgres-support-store.js';
import { createPostgresTicketSearch } from './postgres-ticket-search.js';

afterAll(closeTestPostgres);

/** The stores on a fresh schema; `collectLimit` 0 makes every search with words walk the tickets (a common word's way). */
const stores = (collectLimit?: number) => async (hook: Parameters<Parameters<typeof ticketSearchContract>[1]>[0]) => {
  const db = await openTestPostgres();
  const sla = createPostgresSlaStore(db);
  const support = createPostgresSupportStore(db, { onTicketChange: hook(sla.sink), clocks: sla.clocks });
  return { support, sla, search: createPostgresTicketSearch(db, { collectLimit }) };
};

ticketSearchContract('PostgreSQL', stores());
ticketSearchContract('PostgreSQL, words checked ticket by ticket', stores(0));
