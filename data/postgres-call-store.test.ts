import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallStore, HoldResult } from '../core/ports/call-store.js';
import type { CallOutboxRow, CallStoreUnderTest } from '../test/contracts/call-store-contract.js';
import { callContractTicket, callStoreContract } from '../test/contracts/call-store-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import type { PostgresDatabase } from './open-postgres.js';
import { createPostgresCallStore } from './postgres-call-store.js';
import { createPostgresSupportStore } from './postgres-support-store.js';

afterAll(closeTestPostgres);

function harness(db: PostgresDatabase): CallStoreUnderTest {
  const support = createPostgresSupportStore(db);
  let tickets = 0;
  return {
    calls: createPostgresCallStore(db),
    async ticket() {
      const r = await support.commit({ at: 0, openTicket: callContractTicket(++tickets) });
      if (r.kind !== 'committed' || !r.ticket) throw new Error('ticket not opened');
      return r.ticket.id;
    },
    async seedOutbox(dedupeKey, state) {
      await db.pool.query(
        `INSERT INTO outbox (platform, conversation, conversation_key, message, dedupe_key, next_attempt_at, created_at, sent_at)
         VALUES ('slack', '{"platform":"slack","channelId":"C1"}', 'slack:C1', '{"text":"x"}', $1, 0, 0, $2)`,
        [dedupeKey, state === 'sent' ? 1 : null],
      );
    },
    async outbox() {
      const { rows } = await db.pool.query<{
        dedupe_key: string;
        sent_at: number | null;
        dead_at: number | null;
        last_error: string | null;
      }>('SELECT dedupe_key, sent_at, dead_at, last_error FROM outbox ORDER BY id');
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

const CONNECTIONS = 12;
let previous: PostgresDatabase | null = null;

/**
 * A pool of 12 connections, all opened beforehand, so the contract's ten concurrent holds each go out at once on a
 * connection of their own (with connections opened on demand they reach the server one by one, and even a store
 * without locks passes). The previous case's pool is closed first, to stay well below max_connections.
 */
async function warm(): Promise<PostgresDatabase> {
  await previous?.close();
  const db = await openTestPostgres({ max: CONNECTIONS });
  previous = db;
  await Promise.all(Array.from({ length: CONNECTIONS }, () => db.pool.query('SELECT pg_sleep(0.05)')));
  return db;
}

callStoreContract('PostgreSQL', async () => harness(await warm()));

const T0 = Date.UTC(2026, 2, 10, 9);
const H = 3_600_000;
const MARCH = { label: '2026-03', start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };

/** Wait until `n` backends are queued, directly or behind one another, on the locks `pid` holds. */
async function waitForWaiters(watcher: pg.Client, pid: number, n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await watcher.query<{ n: number }>(
      `WITH RECURSIVE waiting (pid) AS (
         SELECT pid FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid))
         UNION SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY (pg_blocking_pids(a.pid)))
       SELECT COUNT(*)::int AS n FROM waiting`,
      [pid],
    );
    if ((rows[0]?.n ?? 0) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${n} waiters on backend ${pid}`);
}

/**
 * Run `holds` while another connection holds the advisory lock `key` (as the store takes it): every hold reaches the
 * server and queues on the lock before any of them goes on, so they race in earnest when it is released.
 */
async function racingBehindLock(db: PostgresDatabase, key: string, holds: () => Promise<HoldResult>[]) {
  const locker = new pg.Client({ connectionString: db.url });
  const watcher = new pg.Client({ connectionString: db.url });
  await locker.connect();
  await watcher.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))', [key]);
    const pid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const racing = Promise.all(holds());
    await waitForWaiters(watcher, pid, 10);
    await locker.query('COMMIT');
    return await racing;
  } finally {
    await locker.end();
    await watcher.end();
  }
}

async function offersOf(s: CallStoreUnderTest, customers: (i: number) => string, staff: (i: number) => string) {
  const ticketId = await s.ticket();
  const ids: number[] = [];
  for (let i = 0; i < 10; i++) {
    const offer = await s.calls.createOffer({
      ticketId,
      customerId: customers(i),
      requester: { platform: 'slack', userId: 'U1', name: null, email: null },
      topic: null,
      timezone: 'UTC',
      slots: [{ staffId: staff(i), startsAt: T0 + 24 * H, endsAt: T0 + 25 * H }],
      createdAt: T0,
      expiresAt: T0 + H,
      rescheduleOf: null,
    });
    ids.push(offer.id);
  }
  return ids;
}
const holdAll = (calls: CallStore, ids: number[]) => () =>
  ids.map((offerId) => calls.holdSlot({ offerId, slotIndex: 0, month: MARCH, limit: 1, now: T0 }));

describe('PostgreSQL call store specifics', () => {
  it("ten holds of one customer queued on the customer's lock at once: exactly one is held", async () => {
    const db = await warm();
    const s = harness(db);
    const ids = await offersOf(
      s,
      () => 'acme',
      (i) => `staff-${i}`,
    );
    const results = await racingBehindLock(db, ':call-customer:acme', holdAll(s.calls, ids));
    expect(results.filter((r) => r.kind === 'held')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'quota-exhausted')).toHaveLength(9);
    expect((await db.pool.query('SELECT COUNT(*)::int AS n FROM call_bookings')).rows[0]).toEqual({ n: 1 });
  });

  it("ten customers queued on one staff member's lock at once for one slot: exactly one gets it", async () => {
    const db = await warm();
    const s = harness(db);
    const ids = await offersOf(
      s,
      (i) => `customer-${i}`,
      () => 'sam',
    );
    const results = await racingBehindLock(db, ':call-staff:sam', holdAll(s.calls, ids));
    expect(results.filter((r) => r.kind === 'held')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'slot-taken')).toHaveLength(9);
  });

  it('rolls a change back whole when one of its effects fails, and announces nothing', async () => {
    const db = await warm();
    const s = harness(db);
    const [offerId] = await offersOf(
      s,
      () => 'acme',
      () => 'sam',
    );
    let wakes = 0;
    s.onOutboxQueued(() => wakes++);
    await expect(
      s.calls.holdSlot({
        offerId: offerId!,
        slotIndex: 0,
        month: MARCH,
        limit: null,
        now: T0,
        effects: {
          outbox: [
            {
              platform: 'slack',
              conversation: { platform: 'slack', channelId: 'C' },
              message: { text: 'x' },
              dedupeKey: 'k',
            },
          ],
          audits: [{ ticketId: 999_999, actor: 'calls', action: 'call.booked', detail: {}, at: T0 }], // no such ticket
        },
      }),
    ).rejects.toMatchObject({ code: '23503' });
    const count = async (table: string) =>
      (await db.pool.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${table}`)).rows[0]!.n;
    expect(await count('call_bookings')).toBe(0);
    expect(await count('outbox')).toBe(0);
    expect((await s.calls.getOffer(offerId!))?.bookingId).toBeNull();
    expect(wakes).toBe(0);
  });
});
