import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/ports/logger.js';
import { callContractTicket } from '../test/contracts/call-store-contract.js';
import { openStores } from './open-stores.js';

const dir = mkdtempSync(join(tmpdir(), 'open-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openStores on a SQLite file', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it('indexes the ticket search queue every minute between searches', async () => {
    const stores = await openStores(
      { databasePath: join(dir, 'desk.sqlite') },
      { ticketPrefix: 'SUP', hookFor: () => () => undefined, log: silentLogger },
    );
    try {
      await stores.store.commit({ at: 0, openTicket: callContractTicket(1) });
      const queued = () => stores.sqlite!.prepare('SELECT count(*) FROM ticket_search_queue').pluck().get();
      expect(queued()).toBe(1);
      vi.advanceTimersByTime(59_000);
      expect(queued()).toBe(1);
      vi.advanceTimersByTime(1_000);
      expect(queued()).toBe(0);
      // Indexed: a word of the subject finds the ticket (the search itself had nothing left to index).
      const page = await stores.search.searchTickets({ now: 0, limit: 10, text: callContractTicket(1).subject });
      expect(page.tickets.map((t) => t.key)).toEqual(['SUP-1']);
    } finally {
      await stores.close();
    }
  });
});
