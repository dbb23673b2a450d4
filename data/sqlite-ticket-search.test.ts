import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ticketSearchContract } from '../test/contracts/ticket-search-contract.js';
import { openDatabase } from './open-database.js';
import type { SqliteDatabase } from './open-database.js';
import { createSqliteSlaStore } from './sqlite-sla-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';
import { createSqliteTicketSearch } from './sqlite-ticket-search.js';

const dir = mkdtempSync(join(tmpdir(), 'ticket-search-'));
const opened: SqliteDatabase[] = [];
afterAll(() => {
  for (const db of opened) db.close();
  rmSync(dir, { recursive: true, force: true });
});

ticketSearchContract('SQLite file', async (hook) => {
  const db = openDatabase(join(dir, `s${opened.length}.sqlite`));
  opened.push(db);
  const sla = createSqliteSlaStore(db);
  const support = createSqliteSupportStore(db, { onTicketChange: hook(sla.sink) });
  return { support, sla, search: createSqliteTicketSearch(db) };
});
