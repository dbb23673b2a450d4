import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { HoldResult } from '../core/ports/call-store.js';
import type { CallOutboxRow, CallStoreUnderTest } from '../test/contracts/call-store-contract.js';
import { callContractTicket, callStoreContract } from '../test/contracts/call-store-contract.js';
import type { SqliteDatabase } from './open-database.js';
import { openDatabase } from './open-database.js';
import { createSqliteCallStore } from './sqlite-call-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

const dir = mkdtempSync(join(tmpdir(), 'call-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The store and what the contract looks at around it, on one database. */
function harness(db: SqliteDatabase): CallStoreUnderTest {
  const support = createSqliteSupportStore(db);
  let tickets = 0;
  return {
    calls: createSqliteCallStore(db),
    async ticket() {
      const r = await support.commit({ at: 0, openTicket: callContractTicket(++tickets) });
      if (r.kind !== 'committed' || !r.ticket) throw new Error('ticket not opened');
      return r.ticket.id;
    },
    async seedOutbox(dedupeKey, state) {
      db.prepare(
        `INSERT INTO outbox (platform, conversation, conversation_key, message, dedupe_key, next_attempt_at, created_at, sent_at)
         VALUES ('slack', '{"platform":"slack","channelId":"C1"}', 'slack:C1', '{"text":"x"}', ?, 0, 0, ?)`,
      ).run(dedupeKey, state === 'sent' ? 1 : null);
    },
    async outbox() {
      const rows = db.prepare('SELECT dedupe_key, sent_at, dead_at, last_error FROM outbox ORDER BY id').all() as {
        dedupe_key: string;
        sent_at: number | null;
        dead_at: number | null;
        last_error: string | null;
      }[];
      return rows.map(
        (r): CallOutboxRow => ({
          dedupeKey: r.dedupe_key,
          state: r.sent_at !== null ? 'sent' : r.dead_at !== null ? 'dead' : 'queued',
          lastError: r.last_error,
        }),
      );
    },
    audits: async (ticketId) =>
      (await support.listAudit(ticketId)).map(({ actor, action, detail }) => ({ actor, action, detail })),
    onOutboxQueued: (listener) => support.onOutboxQueued(listener),
  };
}

callStoreContract('SQLite file', async () => harness(openDatabase(join(dir, `c${n++}.sqlite`))));

const T0 = Date.UTC(2026, 2, 10, 9);
const DAY = 86_400_000;
const MARCH = { label: '2026-03', start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };

/** Offers of one slot each for customer acme, with distinct staff members, on ticket `ticketId`. */
async function offers(h: CallStoreUnderTest, count: number): Promise<number[]> {
  const ticketId = await h.ticket();
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const offer = await h.calls.createOffer({
      ticketId,
      customerId: 'acme',
      requester: { platform: 'slack', userId: 'U1', name: null, email: null },
      topic: null,
      timezone: 'UTC',
      slots: [{ staffId: `staff-${i}`, startsAt: T0 + (i + 1) * 3_600_000, endsAt: T0 + (i + 2) * 3_600_000 }],
      createdAt: T0,
      expiresAt: T0 + DAY,
      rescheduleOf: null,
    });
    ids.push(offer.id);
  }
  return ids;
}

// Another connection on another thread, as another process on the same file: inside one write transaction it books a
// call of customer acme, says so, and commits `holdMs` later.
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
db.prepare(\`INSERT INTO call_bookings (ticket_id, customer_id, staff_id, requester_platform, requester_user_id, timezone,
  starts_at, ends_at, status, created_at, updated_at) VALUES (?, 'acme', 'other', 'slack', 'U2', 'UTC', ?, ?, 'confirmed', ?, ?)\`)
  .run(workerData.ticketId, workerData.at + 86400000, workerData.at + 86400000 + 1800000, workerData.at, workerData.at);
parentPort.postMessage('holding');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
  parentPort.postMessage('committed');
}, workerData.holdMs);
`;

// A thread with a connection of its own: it registers tsx's loader (tsx/esm/api), opens the file, says it is ready,
// and on the word holds each of its offers for customer acme with a limit of 1 per month.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  (await import(workerData.tsx)).register();
  const { openDatabase } = await import(workerData.openDatabase);
  const { createSqliteCallStore } = await import(workerData.store);
  const db = openDatabase(workerData.path);
  const calls = createSqliteCallStore(db);
  parentPort.once('message', async () => {
    const results = [];
    for (const offerId of workerData.offers) {
      try {
        results.push(await calls.holdSlot({ offerId, slotIndex: 0, month: workerData.month, limit: 1, now: workerData.now }));
      } catch (error) {
        results.push({ kind: 'error', message: String(error) });
      }
    }
    db.close();
    parentPort.postMessage(results);
  });
  parentPort.postMessage('ready');
})();
`;

describe('SQLite call store specifics', () => {
  it('serializes holds across two connections on one file: a hold waits for the other writer, then sees its booking', async () => {
    const path = join(dir, 'two-connections.sqlite');
    const db = openDatabase(path);
    const h = harness(db);
    const [offerId] = await offers(h, 1);
    const ticketId = (await h.calls.getOffer(offerId!))!.ticketId;
    const holdMs = 300;
    const writer = new Worker(WRITER, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path, ticketId, at: T0, holdMs },
    });
    try {
      const said = (word: string) =>
        new Promise<void>((resolve, reject) => {
          writer.on('message', (m) => m === word && resolve());
          writer.once('error', reject);
        });
      const committed = said('committed');
      await said('holding');
      // The other connection is inside its write transaction, its booking not committed yet. A deferred transaction
      // would count the month without it, then fail to write (SQLITE_BUSY); an IMMEDIATE one waits for the lock
      // before it counts, and so sees the month full.
      const started = Date.now();
      const r = await h.calls.holdSlot({ offerId: offerId!, slotIndex: 0, month: MARCH, limit: 1, now: T0 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(holdMs / 3);
      expect(r).toEqual({ kind: 'quota-exhausted', used: 1, limit: 1 });
      await committed;
      expect(db.prepare('SELECT COUNT(*) FROM call_bookings').pluck().get()).toBe(1);
    } finally {
      await writer.terminate();
      db.close();
    }
  });

  it('two threads, each with its own connection, holding 20 offers of one customer at once (limit 1): one is held', async () => {
    const path = join(dir, 'threads.sqlite');
    const db = openDatabase(path);
    const ids = await offers(harness(db), 20);
    const require = createRequire(import.meta.url);
    const common = {
      tsx: pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href,
      openDatabase: new URL('./open-database.ts', import.meta.url).href,
      store: new URL('./sqlite-call-store.ts', import.meta.url).href,
      path,
      month: MARCH,
      now: T0,
    };
    const workers = [0, 1].map(
      (w) =>
        new Worker(HOLDER, {
          eval: true,
          execArgv: [],
          workerData: { ...common, offers: ids.filter((_, i) => i % 2 === w) },
        }),
    );
    try {
      const message = (worker: Worker) =>
        new Promise<unknown>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
      await Promise.all(workers.map(message)); // all ready
      const done = workers.map(message);
      for (const worker of workers) worker.postMessage('go');
      const results = (await Promise.all(done)).flat() as (HoldResult | { kind: 'error'; message: string })[];
      expect(results.filter((r) => r.kind === 'error')).toEqual([]);
      expect(results.filter((r) => r.kind === 'held')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'quota-exhausted')).toHaveLength(19);
      expect(db.prepare('SELECT COUNT(*) FROM call_bookings').pluck().get()).toBe(1);
      expect(db.prepare('SELECT COUNT(*) FROM call_offers WHERE booking_id IS NOT NULL').pluck().get()).toBe(1);
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
      db.close();
    }
  });

  it('rolls a change back whole when one of its effects fails', async () => {
    const db = openDatabase(join(dir, 'rollback.sqlite'));
    const h = harness(db);
    const [offerId] = await offers(h, 1);
    let wakes = 0;
    h.onOutboxQueued(() => wakes++);
    const item = { platform: 'slack' as const, conversation: { platform: 'slack' as const, channelId: 'C' } };
    await expect(
      h.calls.holdSlot({
        offerId: offerId!,
        slotIndex: 0,
        month: MARCH,
        limit: null,
        now: T0,
        effects: {
          outbox: [{ ...item, message: { text: 'x' }, dedupeKey: 'k' }],
          audits: [{ ticketId: 999_999, actor: 'calls', action: 'call.booked', detail: {}, at: T0 }], // no such ticket
        },
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    expect(db.prepare('SELECT COUNT(*) FROM call_bookings').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM outbox').pluck().get()).toBe(0);
    expect((await h.calls.getOffer(offerId!))?.bookingId).toBeNull();
    expect(wakes).toBe(0);
    db.close();
  });
});
