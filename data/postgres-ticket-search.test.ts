import { afterAll } from 'vitest';
import { ticketSearchContract } from '../test/contracts/ticket-search-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import { createPostgresSlaStore } from './postgres-sla-store.js';
import { createPostgresSupportStore } from './postgres-support-store.js';
import { createPostgresTicketSearch } from './postgres-ticket-search.js';
import type { PostgresTicketSearchOptions } from './postgres-ticket-search.js';

afterAll(closeTestPostgres);

/** The stores on a fresh schema, with the search's steps sized so the contract's few tickets go through each. */
const stores =
  (options: PostgresTicketSearchOptions = {}) =>
  async (hook: Parameters<Parameters<typeof ticketSearchContract>[1]>[0]) => {
    const db = await openTestPostgres();
    const sla = createPostgresSlaStore(db);
    const support = createPostgresSupportStore(db, { onTicketChange: hook(sla.sink), clocks: sla.clocks });
    return { support, sla, search: createPostgresTicketSearch(db, options) };
  };

ticketSearchContract('PostgreSQL', stores()); // the window holds every ticket: words are checked ticket by ticket
ticketSearchContract('PostgreSQL, past a window of 3: collected from the GIN indexes', stores({ window: 3 }));
ticketSearchContract('PostgreSQL, past a window of 3: walked on', stores({ window: 3, collectLimit: 0 }));
