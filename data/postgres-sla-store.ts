import type { NewAuditEntry } from '../core/model/ticket.js';
import type { SlaStore, SlaTransactionSink, SweepStep, SweepStepResult } from '../core/ports/sla-store.js';
import type { PostgresDatabase } from './open-postgres.js';
import type { PostgresClockWriter } from './postgres-clock-sink.js';
import { createPostgresClockWriter, insertEscalationRun } from './postgres-clock-writer.js';
import { insertOutboxRow } from './postgres-outbox-insert.js';
import type { PostgresClient } from './postgres-transaction.js';
import { inTransaction } from './postgres-transaction.js';
import type { SlaRow as Row } from './sla-rows.js';
import { overrideFromRow, runFromRow, timerFromRow } from './sla-rows.js';

const TIMER_COLUMNS = {
  state: 'state',
  warnedAt: 'warned_at',
  breachedAt: 'breached_at',
  stoppedAt: 'stopped_at',
  nextCheckAt: 'next_check_at',
  seq: 'seq',
  dueAt: 'due_at',
} as const;
const RUN_COLUMNS = { state: 'state', step: 'step', repeat: 'repeat', nextAt: 'next_at', endedAt: 'ended_at' } as const;

/** `col = $i, ...` for the patch's defined entries (numbered from 1), and their values. */
function setClauses(patch: object, columns: Record<string, string>): { sets: string[]; values: unknown[] } {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  return { sets: entries.map(([k], i) => `${columns[k]} = $${i + 1}`), values: entries.map(([, v]) => v) };
}

const audit = (client: PostgresClient, a: NewAuditEntry) =>
  client.query('INSERT INTO audit_log (ticket_id, actor, action, detail, at) VALUES ($1, $2, $3, $4, $5)', [
    a.ticketId ?? null,
    a.actor,
    a.action,
    JSON.stringify(a.detail),
    a.at,
  ]);

/**
 * One sweep step on the transaction, or 'stale' when its timer or run moved on (the caller rolls its savepoint back).
 * The version-checked UPDATE makes it once across instances: under READ COMMITTED a concurrent step on the same row
 * waits for the other's row lock, then re-checks `version` against the committed row and matches nothing.
 */
async function applyStep(client: PostgresClient, s: SweepStep): Promise<SweepStepResult> {
  if (s.timer) {
    const { sets, values } = setClauses(s.timer.patch, TIMER_COLUMNS);
    const i = values.length;
    const r = await client.query(
      `UPDATE sla_timers SET ${[...sets, 'version = version + 1', `updated_at = $${i + 1}`].join(', ')}
       WHERE id = $${i + 2} AND version = $${i + 3}`,
      [...values, s.at, s.timer.id, s.timer.expectVersion],
    );
    if (r.rowCount === 0) return { kind: 'stale' };
  }
  if (s.run) {
    const { sets, values } = setClauses(s.run.patch, RUN_COLUMNS);
    const i = values.length;
    const r = await client.query(
      `UPDATE escalation_runs SET ${[...sets, 'version = version + 1'].join(', ')}
       WHERE id = $${i + 1} AND version = $${i + 2} AND state = 'active'`,
      [...values, s.run.id, s.run.expectVersion],
    );
    if (r.rowCount === 0) return { kind: 'stale' };
  }
  const runId = s.startRun ? await insertEscalationRun(client, s.startRun) : null;
  const outboxIds: number[] = [];
  for (const o of s.outbox ?? []) {
    const id = await insertOutboxRow(client, o, s.at);
    if (id !== null) outboxIds.push(id);
  }
  for (const a of s.audits ?? []) await audit(client, a);
  return { kind: 'applied', outboxIds, runId };
}

/**
 * SLA timers, escalation runs and on-call overrides on PostgreSQL, behaving as SqliteSlaStore. `clocks` is what the
 * PostgreSQL ticket commit writes a ticket's clocks with inside its own transaction (`sink` is what the SLA hook is
 * built on); the ticket commit announces them on `db.signal` after its COMMIT (`onTimersChanged`). Sweep steps that
 * queue pages announce them the same way (`OutboxStore.onOutboxQueued`).
 */
export function createPostgresSlaStore(
  db: PostgresDatabase,
): SlaStore & { sink: SlaTransactionSink; clocks: PostgresClockWriter } {
  const { pool, signal } = db;
  const clocks = createPostgresClockWriter(signal);
  const all = async (sql: string, params: unknown[]) => (await pool.query<Row>(sql, params)).rows;

  return {
    sink: clocks.sink,
    clocks,
    async dueTimers(now, limit) {
      const rows = await all(
        'SELECT * FROM sla_timers WHERE next_check_at IS NOT NULL AND next_check_at <= $1 ORDER BY next_check_at, id LIMIT $2',
        [now, limit],
      );
      return rows.map(timerFromRow);
    },
    async dueRuns(now, limit) {
      const rows = await all(
        "SELECT * FROM escalation_runs WHERE state = 'active' AND next_at <= $1 ORDER BY next_at, id LIMIT $2",
        [now, limit],
      );
      return rows.map(runFromRow);
    },
    async timersOfTicket(ticketId) {
      return (await all('SELECT * FROM sla_timers WHERE ticket_id = $1 ORDER BY id', [ticketId])).map(timerFromRow);
    },
    async listTimers(states, limit) {
      if (!states.length) return [];
      const rows = await all(
        'SELECT * FROM sla_timers WHERE state = ANY($1::text[]) ORDER BY due_at IS NULL, due_at, id LIMIT $2',
        [[...states], limit],
      );
      return rows.map(timerFromRow);
    },
    async getRun(id) {
      const [row] = await all('SELECT * FROM escalation_runs WHERE id = $1', [id]);
      return row ? runFromRow(row) : null;
    },
    async runsOfTicket(ticketId) {
      return (await all('SELECT * FROM escalation_runs WHERE ticket_id = $1 ORDER BY id', [ticketId])).map(runFromRow);
    },
    async applySweep(steps) {
      const results = await inTransaction(pool, async (client) => {
        const out: SweepStepResult[] = [];
        for (const s of steps) {
          await client.query('SAVEPOINT sweep_step');
          const r = await applyStep(client, s);
          // A stale step rolls back alone; any other error rolls back the whole sweep (and inTransaction rethrows).
          await client.query(r.kind === 'stale' ? 'ROLLBACK TO SAVEPOINT sweep_step' : 'RELEASE SAVEPOINT sweep_step');
          out.push(r);
        }
        return out;
      });
      if (results.some((r) => r.kind === 'applied' && r.outboxIds.length)) signal.outboxQueued(); // after the COMMIT
      return results;
    },
    acknowledgeRun: (id, by, at) =>
      inTransaction(pool, async (client) => {
        // FOR UPDATE: a concurrent acknowledgement waits, then sees this one's state and answers 'already'.
        const { rows } = await client.query<Row>('SELECT * FROM escalation_runs WHERE id = $1 FOR UPDATE', [id]);
        if (!rows[0]) return { kind: 'not-found' } as const;
        const run = runFromRow(rows[0]);
        if (run.state !== 'active') return { kind: 'already', run } as const;
        const updated = await client.query<Row>(
          `UPDATE escalation_runs SET state = 'acknowledged', acked_by = $1, acked_at = $2, ended_at = $2, next_at = NULL,
             version = version + 1 WHERE id = $3 AND state = 'active' RETURNING *`,
          [by, at, id],
        );
        await audit(client, {
          ticketId: run.ticketId,
          actor: by,
          action: 'escalation.acknowledged',
          detail: { runId: id, reason: run.reason, step: run.step, repeat: run.repeat },
          at,
        });
        return { kind: 'acknowledged', run: runFromRow(updated.rows[0]!) } as const;
      }),
    addOverride: (o) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<Row>(
          `INSERT INTO oncall_overrides (staff_id, starts_at, ends_at, created_by, created_at, reason)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
          [o.staffId, o.startsAt, o.endsAt, o.createdBy, o.createdAt, o.reason ?? null],
        );
        const created = overrideFromRow(rows[0]!);
        await audit(client, {
          ticketId: null,
          actor: o.createdBy,
          action: 'oncall.override',
          detail: { id: created.id, staffId: o.staffId, startsAt: o.startsAt, endsAt: o.endsAt, reason: o.reason },
          at: o.createdAt,
        });
        return created;
      }),
    async listOverrides(from, to) {
      const rows = await all(
        'SELECT * FROM oncall_overrides WHERE cancelled_at IS NULL AND ends_at > $1 AND starts_at < $2 ORDER BY starts_at, id',
        [from, to],
      );
      return rows.map(overrideFromRow);
    },
    cancelOverride: (id, by, at) =>
      inTransaction(pool, async (client) => {
        const r = await client.query(
          'UPDATE oncall_overrides SET cancelled_at = $1 WHERE id = $2 AND cancelled_at IS NULL',
          [at, id],
        );
        if (r.rowCount === 0) return false;
        await audit(client, { ticketId: null, actor: by, action: 'oncall.override-cancelled', detail: { id }, at });
        return true;
      }),
    onTimersChanged: (listener) => db.signal.onTimersChanged(listener),
  };
}
