import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewTicket } from '../core/model/ticket.js';
import { ticketSearchContract } from '../test/contracts/ticket-search-contract.js';
import { openDatabase } from './open-database.js';
import type { SqliteDatabase } from './open-database.js';
import { createSqliteSlaStore } from './sqlite-sla-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';
import { createSqliteTicketSearch } from './sqlite-ticket-search.js';
import type { SqliteTicketSearchOptions } from './sqlite-ticket-search.js';

const dir = mkdtempSync(join(tmpdir(), 'ticket-search-'));
const opened: SqliteDatabase[] = [];
afterAll(() => {
  for (const db of opened) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The stores on a fresh file, with the search's steps sized so the contract's few tickets go through each. */
const stores =
  (options: SqliteTicketSearchOptions = {}) =>
  async (hook: Parameters<Parameters<typeof ticketSearchContract>[1]>[0]) => {
    const db = openDatabase(join(dir, `s${opened.length}.sqlite`));
    opened.push(db);
    const sla = createSqliteSlaStore(db);
    const support = createSqliteSupportStore(db, { onTicketChange: hook(sla.sink) });
    return { support, sla, search: createSqliteTicketSearch(db, options) };
  };

ticketSearchContract('SQLite file', stores());
ticketSearchContract('SQLite file, a short last word past a window of 2: from the index', stores({ window: 2 }));
ticketSearchContract('SQLite file, past 1 index entry: ticket by ticket', stores({ window: 2, matchBudget: 1 }));

describe('SQLite ticket search: the queue of migration 013', () => {
  const NOW = Date.UTC(2026, 10, 23, 12);
  const ticket = (threadId: string, subject: string): NewTicket => ({
    status: 'open',
    priority: 'high',
    category: 'bug',
    tier: 'enterprise',
    customerId: null,
    requesterId: 'U1',
    requesterName: null,
    conversation: { platform: 'slack', channelId: 'C1', threadId },
    subject,
    assigneeId: null,
    createdAt: NOW,
    updatedAt: NOW,
    firstResponseDueAt: null,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    escalated: false,
  });
  const message = (text: string) => ({
    platform: 'slack' as const,
    eventId: null,
    messageId: null,
    authorId: 'U1',
    authorName: null,
    role: 'customer' as const,
    text,
    at: NOW,
  });

  it('indexes what commits queued before a search with words, and keeps the index whole through renames and deletes', async () => {
    const db = openDatabase(join(dir, 'queue.sqlite'));
    opened.push(db);
    const support = createSqliteSupportStore(db);
    const search = createSqliteTicketSearch(db);
    const find = async (text: string) =>
      (await search.searchTickets({ now: NOW, limit: 10, text })).tickets.map((t) => t.subject);
    const queued = () => db.prepare('SELECT COUNT(*) FROM ticket_search_queue').pluck().get();
    const check = () => db.exec("INSERT INTO ticket_search (ticket_search) VALUES ('integrity-check')");

    const a = await support.commit({ at: NOW, openTicket: ticket('a', 'Alpha webhook'), messages: [message('one')] });
    const b = await support.commit({ at: NOW, openTicket: ticket('b', 'Beta export'), messages: [message('two')] });
    if (a.kind !== 'committed' || b.kind !== 'committed') throw new Error('not opened');
    expect(queued()).toBe(4);
    expect((await search.searchTickets({ now: NOW, limit: 10 })).tickets).toHaveLength(2); // no words: no indexing
    expect(queued()).toBe(4);
    await support.commit({ at: NOW, ticketId: b.ticket!.id, patch: { subject: 'Beta import' } }); // renamed while queued
    expect(await find('import')).toEqual(['Beta import']);
    expect(queued()).toBe(0);
    expect(search.indexQueued()).toBe(0);
    await support.commit({ at: NOW, ticketId: a.ticket!.id, patch: { subject: 'Alpha timeout' } }); // renamed indexed
    await support.commit({ at: NOW, ticketId: a.ticket!.id, messages: [message('three')] });
    expect(queued()).toBe(2);
    expect(search.indexQueued()).toBe(2);
    expect(await find('webhook')).toEqual([]);
    expect(await find('timeout')).toEqual(['Alpha timeout']);
    // Rows deleted by hand (nothing in the desk deletes them): indexed ones and queued ones leave the index whole.
    await support.commit({ at: NOW, ticketId: a.ticket!.id, messages: [message('four')] });
    db.exec("DELETE FROM ticket_messages WHERE text IN ('one', 'four')");
    db.exec("UPDATE ticket_messages SET text = 'deux' WHERE text = 'two'");
    expect(await find('one')).toEqual([]);
    expect(await find('four')).toEqual([]);
    expect(await find('two')).toEqual([]);
    expect(await find('deux')).toEqual(['Beta import']);
    expect(await find('three')).toEqual(['Alpha timeout']);
    check();
  });
});
