import type { ClockOp } from '../core/ports/sla-store.js';
import type { CommitSignal } from './commit-signal.js';
import type { PostgresClockWriter } from './postgres-clock-sink.js';
import { createDeferredClockSink } from './postgres-clock-sink.js';
import type { PostgresClient } from './postgres-transaction.js';
import type { SlaRow } from './sla-rows.js';
import { timerFromRow } from './sla-rows.js';

const SQL = {
  load: 'SELECT * FROM sla_timers WHERE ticket_id = $1 ORDER BY id FOR UPDATE',
  start: `INSERT INTO sla_timers (ticket_id, kind, state, cycle, started_at, due_at, warn_at, next_check_at, updated_at)
    VALUES ($1, $2, 'active', 1, $3, $4, $5, $6, $3)
    ON CONFLICT (ticket_id, kind) DO UPDATE SET state = 'active', cycle = sla_timers.cycle + 1,
      started_at = EXCLUDED.started_at, due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at, remaining_ms = NULL,
      warned_at = NULL, breached_at = NULL, stopped_at = NULL, next_check_at = EXCLUDED.next_check_at, seq = 0,
      version = sla_timers.version + 1, updated_at = EXCLUDED.updated_at`,
  finish: `UPDATE sla_timers SET state = $3::text, stopped_at = $4,
      breached_at = CASE WHEN $3::text = 'missed' THEN COALESCE(breached_at, $4) ELSE breached_at END,
      next_check_at = NULL, version = version + 1, updated_at = $4
    WHERE ticket_id = $1 AND kind = $2 AND state IN ('active', 'paused')`,
  pause: `UPDATE sla_timers SET state = 'paused', remaining_ms = $3, due_at = NULL, next_check_at = NULL,
      version = version + 1, updated_at = $4
    WHERE ticket_id = $1 AND kind = $2 AND state = 'active'`,
  resume: `UPDATE sla_timers SET state = 'active', remaining_ms = NULL, due_at = $3, warn_at = $4, next_check_at = $5,
      version = version + 1, updated_at = $6
    WHERE ticket_id = $1 AND kind = $2 AND state = 'paused'`,
  cancelRuns: `UPDATE escalation_runs SET state = 'cancelled', next_at = NULL, ended_at = $2, version = version + 1
    WHERE ticket_id = $1 AND state = 'active'`,
  cancelRunsLike: `UPDATE escalation_runs SET state = 'cancelled', next_at = NULL, ended_at = $2, version = version + 1
    WHERE ticket_id = $1 AND state = 'active' AND reason LIKE $3 ESCAPE '\\'`,
} as const;

/** Start an escalation run unless the ticket already has one with this reason; returns its id, or null when it had. */
export async function insertEscalationRun(
  client: PostgresClient,
  run: { ticketId: number; reason: string; policy: unknown; at: number },
): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO escalation_runs (ticket_id, reason, policy, state, next_at, started_at) VALUES ($1, $2, $3, 'active', $4, $4)
     ON CONFLICT (ticket_id, reason) DO NOTHING RETURNING id`,
    [run.ticketId, run.reason, JSON.stringify(run.policy), run.at],
  );
  return rows[0]?.id ?? null;
}

/** `prefix` as a LIKE pattern matching the strings that start with it (`\` escapes `%`, `_` and itself). */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type StartOp = Extract<ClockOp, { op: 'start' }>;

/** Several clocks of different kinds started at once (a new ticket's), as one multi-row upsert: one round trip. */
async function startTimers(client: PostgresClient, ticketId: number, ops: readonly StartOp[]): Promise<void> {
  if (ops.length === 1) {
    const op = ops[0] as StartOp;
    await client.query(SQL.start, [ticketId, op.kind, op.startedAt, op.dueAt, op.warnAt, op.nextCheckAt]);
    return;
  }
  const params: unknown[] = [ticketId];
  const values = ops
    .map((op) => {
      const [kind, startedAt, dueAt, warnAt, next] = [op.kind, op.startedAt, op.dueAt, op.warnAt, op.nextCheckAt].map(
        (v) => `$${params.push(v)}`,
      );
      return `($1, ${kind}, 'active', 1, ${startedAt}, ${dueAt}, ${warnAt}, ${next}, ${startedAt})`;
    })
    .join(', ');
  await client.query(SQL.start.replace(/VALUES \(.*?\)\n/s, `VALUES ${values}\n`), params);
}

/** Consecutive starts of distinct kinds (a multi-row upsert may not touch one row twice), then the op after them. */
function startsAt(ops: readonly ClockOp[], i: number): StartOp[] {
  const run: StartOp[] = [];
  const kinds = new Set<string>();
  for (let j = i; j < ops.length; j++) {
    const op = ops[j] as ClockOp;
    if (op.op !== 'start' || kinds.has(op.kind)) break;
    kinds.add(op.kind);
    run.push(op);
  }
  return run;
}

async function applyOp(client: PostgresClient, ticketId: number, op: ClockOp): Promise<void> {
  switch (op.op) {
    case 'start':
      await client.query(SQL.start, [ticketId, op.kind, op.startedAt, op.dueAt, op.warnAt, op.nextCheckAt]);
      return;
    case 'finish':
      await client.query(SQL.finish, [ticketId, op.kind, op.state, op.at]);
      return;
    case 'pause':
      await client.query(SQL.pause, [ticketId, op.kind, op.remainingMs, op.at]);
      return;
    case 'resume':
      await client.query(SQL.resume, [ticketId, op.kind, op.dueAt, op.warnAt, op.nextCheckAt, op.at]);
      return;
    case 'start-run':
      await insertEscalationRun(client, { ticketId, reason: op.reason, policy: op.policy, at: op.at });
      return;
    case 'cancel-runs':
      if (!op.reasons) await client.query(SQL.cancelRuns, [ticketId, op.at]);
      else
        for (const prefix of op.reasons) await client.query(SQL.cancelRunsLike, [ticketId, op.at, startsWith(prefix)]);
      return;
  }
}

/**
 * The SLA clocks of a ticket commit on PostgreSQL (see PostgresClockWriter): `load` locks and reads the ticket's
 * timers, `run` calls the synchronous hook against them, `write` applies the ops it recorded on the commit's
 * transaction with the same SQL semantics as SqliteSlaStore's sink. The ticket commit announces `timersChanged` after
 * its COMMIT when the ops were not empty; `write` also notes them on `signal` (noteTimerWrite), as the SQLite sink does.
 */
export function createPostgresClockWriter(signal?: CommitSignal): PostgresClockWriter {
  const { sink, run } = createDeferredClockSink();
  return {
    sink,
    run,
    async load(client, ticketId) {
      const { rows } = await client.query<SlaRow>(SQL.load, [ticketId]);
      return rows.map(timerFromRow);
    },
    async write(client, ticketId, ops) {
      if (ops.length) signal?.noteTimerWrite();
      for (let i = 0; i < ops.length; ) {
        const starts = startsAt(ops, i);
        if (starts.length > 1) {
          await startTimers(client, ticketId, starts);
          i += starts.length;
        } else await applyOp(client, ticketId, ops[i++] as ClockOp);
      }
    },
  };
}
