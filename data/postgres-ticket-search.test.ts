import { afterAll, describe, expect, it } from 'vitest';
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

describe('PostgreSQL ticket search statements', () => {
  it('are sent unnamed, so each is planned with its values (a generic plan walks the whole primary key)', async () => {
    const db = await openTestPostgres({ max: 1 });
    const search = createPostgresTicketSearch(db, { window: 3 });
    const now = Date.UTC(2026, 5, 30);
    for (let i = 0; i < 7; i++) {
      await search.searchTickets({ now, limit: 50, text: 'error', statuses: ['open'], tiers: ['white-glove'] });
      await search.searchTickets({ now, limit: 50, statuses: ['open'], priorities: ['critical'] });
    }
    // One connection: whatever the searches prepared would be listed here.
    const { rows } = await db.pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
    expect(rows.filter((r) => /FROM tickets t/.test(r.statement))).toEqual([]);
  });
});
