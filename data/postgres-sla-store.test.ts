import { afterAll, describe, expect, it } from 'vitest';
import type { NewTicket } from '../core/model/ticket.js';
import type { ClockOp, EscalationPolicy, SweepStep } from '../core/ports/sla-store.js';
import { commitSignalContract } from '../test/contracts/commit-signal-contract.js';
import { slaStoreContract } from '../test/contracts/sla-store-contract.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import { openDatabase } from './open-database.js';
import type { PostgresDatabase } from './open-postgres.js';
import { openPostgres } from './open-postgres.js';
import { createPostgresSlaStore } from './postgres-sla-store.js';
import { createPostgresSupportStore } from './postgres-support-store.js';
import { inTransaction } from './postgres-transaction.js';
import { createSqliteSlaStore } from './sqlite-sla-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

afterAll(closeTestPostgres);

const make = async (hook: Parameters<Parameters<typeof slaStoreContract>[1]>[0]) => {
  const db = await openTestPostgres();
  const sla = createPostgresSlaStore(db);
  return { support: createPostgresSupportStore(db, { onTicketChange: hook(sla.sink), clocks: sla.clocks }), sla };
};
slaStoreContract('PostgreSQL', make);
commitSignalContract('PostgreSQL', make);

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const H = 3600_000;
const ticket: NewTicket = {
  status: 'open',
  priority: 'high',
  category: 'bug',
  tier: 'enterprise',
  customerId: null,
  requesterId: 'U',
  requesterName: null,
  conversation: { platform: 'slack', channelId: 'C' },
  subject: 's',
  assigneeId: null,
  createdAt: 1,
  updatedAt: 1,
  firstResponseDueAt: null,
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  escalated: false,
};
const start = (kind: 'first-response' | 'resolution', at: number): ClockOp => ({
  op: 'start',
  kind,
  startedAt: at,
  dueAt: at + 4 * H,
  warnAt: at + 3 * H,
  nextCheckAt: at + 3 * H,
});
const policy: EscalationPolicy = { name: 'p', steps: [{ who: 'oncall', ackWaitMinutes: 5, repeat: 0 }] };
const count = async (db: PostgresDatabase, table: string) =>
  (await db.pool.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]!.n;

/** Wait until `n` backends are queued, directly or behind one another, on the locks `pid` holds. */
async function waitForWaiters(db: PostgresDatabase, pid: number, n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { rows } = await db.pool.query<{ n: number }>(
      `WITH RECURSIVE waiting (pid) AS (
         SELECT pid FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid))
         UNION SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY (pg_blocking_pids(a.pid)))
       SELECT COUNT(*) AS n FROM waiting`,
      [pid],
    );
    if (rows[0]!.n >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${n} waiters on backend ${pid}`);
}

describe('PostgreSQL SLA specifics', () => {
  it('rolls the clocks back with the ticket when the hook or a later write fails', async () => {
    const db = await openTestPostgres();
    const sla = createPostgresSlaStore(db);
    let fired = 0;
    sla.onTimersChanged(() => fired++);
    const throwing = createPostgresSupportStore(db, {
      onTicketChange: ({ after }) => {
        sla.sink.apply(after.id, [start('resolution', 1)]);
        throw new Error('boom');
      },
      clocks: sla.clocks,
    });
    await expect(throwing.commit({ at: 1, openTicket: ticket })).rejects.toThrow('boom');
    // The hook returns, its clocks are written, then the ticket's audit rows fail (no ticket 999999).
    const failingLater = createPostgresSupportStore(db, {
      onTicketChange: ({ after }) => {
        sla.sink.apply(after.id, [start('resolution', 1)]);
        return { audits: [{ ticketId: 999_999, actor: 'sla', action: 'x', detail: {}, at: 1 }] };
      },
      clocks: sla.clocks,
    });
    await expect(failingLater.commit({ at: 1, openTicket: ticket })).rejects.toMatchObject({ code: '23503' });
    expect(await count(db, 'tickets')).toBe(0);
    expect(await count(db, 'sla_timers')).toBe(0);
    expect(fired).toBe(0);
  });

  it('writes clock ops as the SQLite sink does', async () => {
    const db = await openTestPostgres();
    const sla = createPostgresSlaStore(db);
    const lite = openDatabase(':memory:');
    const liteSla = createSqliteSlaStore(lite);
    const opened = await createSqliteSupportStore(lite).commit({ at: 1, openTicket: ticket });
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO tickets (key, status, priority, category, tier, requester_id, platform, channel_id, conversation_key,
         subject, created_at, updated_at) VALUES ('SUP-1', 'open', 'high', 'bug', 'enterprise', 'U', 'slack', 'C', 'slack:C', 's', 1, 1)
       RETURNING id`,
    );
    const id = rows[0]!.id;
    expect(opened.kind === 'committed' && opened.ticket?.id).toBe(id);
    const batches: ClockOp[][] = [
      [
        start('first-response', T0),
        start('resolution', T0),
        { op: 'start-run', reason: 'critical-open:0', policy, at: T0 },
        { op: 'start-run', reason: 'breach:50%_x:1', policy, at: T0 },
        { op: 'start-run', reason: 'breach:50ab:1', policy, at: T0 },
      ],
      [
        { op: 'pause', kind: 'resolution', remainingMs: 5 * H, at: T0 + H },
        { op: 'finish', kind: 'first-response', state: 'missed', at: T0 + H },
        { op: 'pause', kind: 'first-response', remainingMs: 1, at: T0 + H }, // finished: no-op
        { op: 'start-run', reason: 'critical-open:0', policy: { name: 'other', steps: [] }, at: T0 + H }, // exists
      ],
      [
        { op: 'resume', kind: 'resolution', dueAt: T0 + 7 * H, warnAt: null, nextCheckAt: T0 + 7 * H, at: T0 + 2 * H },
        { op: 'resume', kind: 'first-response', dueAt: 0, warnAt: null, nextCheckAt: 0, at: T0 + 2 * H }, // not paused
        start('first-response', T0 + 2 * H), // restarts: cycle 2
        { op: 'cancel-runs', at: T0 + 2 * H, why: 'x', reasons: ['breach:50%_'] }, // % and _ literal
      ],
      [
        { op: 'finish', kind: 'resolution', state: 'hit', at: T0 + 3 * H },
        { op: 'finish', kind: 'first-response', state: 'missed', at: T0 + 3 * H },
        { op: 'cancel-runs', at: T0 + 3 * H, why: 'resolved' },
      ],
    ];
    for (const ops of batches) {
      await inTransaction(db.pool, async (client) => {
        expect(await sla.clocks.load(client, id)).toEqual(liteSla.sink.timersOf(id));
        await sla.clocks.write(client, id, ops);
      });
      liteSla.sink.apply(id, ops);
      expect(await sla.timersOfTicket(id)).toEqual(await liteSla.timersOfTicket(id));
      expect(await sla.runsOfTicket(id)).toEqual(await liteSla.runsOfTicket(id));
      const states = ['active', 'paused', 'hit', 'missed', 'stopped'] as const;
      expect(await sla.listTimers(states, 10)).toEqual(await liteSla.listTimers(states, 10));
      expect(await sla.dueTimers(T0 + 10 * H, 10)).toEqual(await liteSla.dueTimers(T0 + 10 * H, 10));
      expect(await sla.dueRuns(T0 + 10 * H, 10)).toEqual(await liteSla.dueRuns(T0 + 10 * H, 10));
    }
    const runs = await sla.runsOfTicket(id);
    expect(runs.map((r) => [r.reason, r.state, r.policy.name])).toEqual([
      ['critical-open:0', 'cancelled', 'p'],
      ['breach:50%_x:1', 'cancelled', 'p'],
      ['breach:50ab:1', 'cancelled', 'p'],
    ]);
    expect(runs.map((r) => r.endedAt)).toEqual([T0 + 3 * H, T0 + 2 * H, T0 + 3 * H]);
    expect((await sla.timersOfTicket(id)).map((t) => [t.kind, t.state, t.cycle, t.breachedAt])).toEqual([
      ['first-response', 'missed', 2, T0 + 3 * H],
      ['resolution', 'hit', 1, null],
    ]);
    lite.close();
  });

  it('applies a sweep step once across instances: the second waits for the first and finds it stale', async () => {
    const db = await openTestPostgres();
    const other = await openPostgres(db.url);
    try {
      const a = createPostgresSlaStore(db);
      const b = createPostgresSlaStore(other);
      const support = createPostgresSupportStore(db, {
        onTicketChange: ({ after }) => void a.sink.apply(after.id, [start('resolution', T0)]),
        clocks: a.clocks,
      });
      const opened = await support.commit({ at: T0, openTicket: ticket });
      if (opened.kind !== 'committed' || !opened.ticket) throw new Error('not opened');
      const [timer] = await b.timersOfTicket(opened.ticket.id);
      const step: SweepStep = {
        at: T0 + 3 * H,
        timer: {
          id: timer!.id,
          expectVersion: timer!.version,
          patch: { state: 'missed', breachedAt: T0 + 3 * H, nextCheckAt: null },
        },
        startRun: { ticketId: timer!.ticketId, reason: 'breach:resolution:1', policy, at: T0 + 3 * H },
        outbox: [
          {
            platform: 'slack',
            conversation: { platform: 'slack', channelId: 'D' },
            message: { text: 'p' },
            dedupeKey: 'p',
          },
        ],
        audits: [{ ticketId: timer!.ticketId, actor: 'sla', action: 'sla.resolution.missed', detail: {}, at: T0 }],
      };
      let pages = 0;
      db.signal.onOutboxQueued(() => pages++);
      other.signal.onOutboxQueued(() => pages++);

      // Hold the timer's row, so that both instances' version-checked UPDATEs queue behind it.
      const blocker = await db.pool.connect();
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM sla_timers WHERE id = $1 FOR UPDATE', [timer!.id]);
      const pid = (await blocker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const racing = Promise.all([a.applySweep([step]), b.applySweep([step])]);
      await waitForWaiters(db, pid, 2);
      await blocker.query('COMMIT');
      blocker.release();
      const results = (await racing).map(([r]) => r!);

      expect(results.map((r) => r.kind).sort()).toEqual(['applied', 'stale']);
      expect(results.find((r) => r.kind === 'applied')).toMatchObject({
        outboxIds: [expect.any(Number)],
        runId: expect.any(Number),
      });
      expect((await a.timersOfTicket(timer!.ticketId))[0]).toMatchObject({
        state: 'missed',
        version: timer!.version + 1,
      });
      expect(await count(db, 'outbox')).toBe(1);
      expect(await count(db, 'escalation_runs')).toBe(1);
      expect((await db.pool.query("SELECT 1 FROM audit_log WHERE action = 'sla.resolution.missed'")).rowCount).toBe(1);
      expect(pages).toBe(1);
    } finally {
      await other.close();
    }
  });
});
