import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { emailStoreContract } from '../test/contracts/email-store-contract.js';
import { openDatabase } from './open-database.js';
import { createSqliteEmailStore } from './sqlite-email-store.js';

const dir = mkdtempSync(join(tmpdir(), 'email-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

emailStoreContract('SQLite file', async () => createSqliteEmailStore(openDatabase(join(dir, `e${n++}.sqlite`))));
