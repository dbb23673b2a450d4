import type { NewAuditEntry } from '../core/model/ticket.js';
import type {
  AckResult,
  ClockOp,
  OnCallOverride,
  SlaStore,
  SlaTransactionSink,
  SweepStep,
  SweepStepResult,
} from '../core/ports/sla-store.js';
import { commitSignalOf } from './commit-signal.js';
import type { SqliteDatabase } from './open-database.js';
import { prepareOutboxInsert } from './prepare-outbox-insert.js';
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

class StaleSignal extends Error {}

/**
 * SLA timers, escalation runs and on-call overrides on the support database. `sink` is used by the support store's
 * commit hook inside its transaction (same connection), so clocks commit with their ticket; it notes its writes on
 * the database's CommitSignal, and the ticket commit announces them after its COMMIT (`onTimersChanged`). Sweep
 * steps that queue pages announce them the same way (`OutboxStore.onOutboxQueued`).
 */
export function createSqliteSlaStore(db: SqliteDatabase): SlaStore & { sink: SlaTransactionSink } {
  const signal = commitSignalOf(db);
  const insertOutbox = prepareOutboxInsert(db);
  const q = {
    timersOf: db.prepare('SELECT * FROM sla_timers WHERE ticket_id = ? ORDER BY id'),
    timerByKind: db.prepare('SELECT * FROM sla_timers WHERE ticket_id = ? AND kind = ?'),
    startTimer:
      db.prepare(`INSERT INTO sla_timers (ticket_id, kind, state, cycle, started_at, due_at, warn_at, next_check_at, updated_at)
      VALUES (@ticketId, @kind, 'active', 1, @startedAt, @dueAt, @warnAt, @nextCheckAt, @at)
      ON CONFLICT (ticket_id, kind) DO UPDATE SET state = 'active', cycle = cycle + 1, started_at = excluded.started_at, due_at = excluded.due_at,
        warn_at = excluded.warn_at, remaining_ms = NULL, warned_at = NULL, breached_at = NULL, stopped_at = NULL, next_check_at = excluded.next_check_at,
        seq = 0, version = version + 1, updated_at = excluded.updated_at`),
    finishTimer:
      db.prepare(`UPDATE sla_timers SET state = @state, stopped_at = @at, breached_at = CASE WHEN @state = 'missed' THEN COALESCE(breached_at, @at) ELSE breached_at END,
      next_check_at = NULL, version = version + 1, updated_at = @at WHERE ticket_id = @ticketId AND kind = @kind AND state IN ('active', 'paused')`),
    pauseTimer:
      db.prepare(`UPDATE sla_timers SET state = 'paused', remaining_ms = @remainingMs, due_at = NULL, next_check_at = NULL, version = version + 1, updated_at = @at
      WHERE ticket_id = @ticketId AND kind = @kind AND state = 'active'`),
    resumeTimer:
      db.prepare(`UPDATE sla_timers SET state = 'active', remaining_ms = NULL, due_at = @dueAt, warn_at = @warnAt, next_check_at = @nextCheckAt, version = version + 1, updated_at = @at
      WHERE ticket_id = @ticketId AND kind = @kind AND state = 'paused'`),
    startRun: db.prepare(
      `INSERT OR IGNORE INTO escalation_runs (ticket_id, reason, policy, state, next_at, started_at) VALUES (?, ?, ?, 'active', ?, ?)`,
    ),
    cancelRuns: db.prepare(
      `UPDATE escalation_runs SET state = 'cancelled', next_at = NULL, ended_at = ?, version = version + 1 WHERE ticket_id = ? AND state = 'active'`,
    ),
    cancelRunsLike: db.prepare(
      `UPDATE escalation_runs SET state = 'cancelled', next_at = NULL, ended_at = ?, version = version + 1 WHERE ticket_id = ? AND state = 'active' AND reason LIKE ? ESCAPE '\\'`,
    ),
    dueTimers: db.prepare(
      'SELECT * FROM sla_timers WHERE next_check_at IS NOT NULL AND next_check_at <= ? ORDER BY next_check_at, id LIMIT ?',
    ),
    dueRuns: db.prepare(
      "SELECT * FROM escalation_runs WHERE state = 'active' AND next_at <= ? ORDER BY next_at, id LIMIT ?",
    ),
    getRun: db.prepare('SELECT * FROM escalation_runs WHERE id = ?'),
    runsOf: db.prepare('SELECT * FROM escalation_runs WHERE ticket_id = ? ORDER BY id'),
    ackRun: db.prepare(
      "UPDATE escalation_runs SET state = 'acknowledged', acked_by = ?, acked_at = ?, ended_at = ?, next_at = NULL, version = version + 1 WHERE id = ? AND state = 'active'",
    ),
    insertAudit: db.prepare('INSERT INTO audit_log (ticket_id, actor, action, detail, at) VALUES (?, ?, ?, ?, ?)'),
    addOverride: db.prepare(
      'INSERT INTO oncall_overrides (staff_id, starts_at, ends_at, created_by, created_at, reason) VALUES (@staffId, @startsAt, @endsAt, @createdBy, @createdAt, @reason)',
    ),
    getOverride: db.prepare('SELECT * FROM oncall_overrides WHERE id = ?'),
    listOverrides: db.prepare(
      'SELECT * FROM oncall_overrides WHERE cancelled_at IS NULL AND ends_at > ? AND starts_at < ? ORDER BY starts_at, id',
    ),
    cancelOverride: db.prepare('UPDATE oncall_overrides SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL'),
  };

  const statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  const prepared = (sql: string) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql)!;
  const audit = (a: NewAuditEntry) =>
    q.insertAudit.run(a.ticketId ?? null, a.actor, a.action, JSON.stringify(a.detail), a.at);

  const sink: SlaTransactionSink = {
    timersOf: (ticketId) => (q.timersOf.all(ticketId) as Row[]).map(timerFromRow),
    apply(ticketId, ops: readonly ClockOp[]) {
      if (ops.length) signal.noteTimerWrite();
      for (const op of ops) {
        switch (op.op) {
          case 'start':
            q.startTimer.run({
              ticketId,
              kind: op.kind,
              startedAt: op.startedAt,
              dueAt: op.dueAt,
              warnAt: op.warnAt,
              nextCheckAt: op.nextCheckAt,
              at: op.startedAt,
            });
            break;
          case 'finish':
            q.finishTimer.run({ ticketId, kind: op.kind, state: op.state, at: op.at });
            break;
          case 'pause':
            q.pauseTimer.run({ ticketId, kind: op.kind, remainingMs: op.remainingMs, at: op.at });
            break;
          case 'resume':
            q.resumeTimer.run({
              ticketId,
              kind: op.kind,
              dueAt: op.dueAt,
              warnAt: op.warnAt,
              nextCheckAt: op.nextCheckAt,
              at: op.at,
            });
            break;
          case 'start-run':
            q.startRun.run(ticketId, op.reason, JSON.stringify(op.policy), op.at, op.at);
            break;
          case 'cancel-runs':
            if (!op.reasons) q.cancelRuns.run(op.at, ticketId);
            else
              for (const prefix of op.reasons)
                q.cancelRunsLike.run(op.at, ticketId, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
            break;
        }
      }
    },
  };

  const applyStep = db.transaction((s: SweepStep): SweepStepResult => {
    if (s.timer) {
      const entries = Object.entries(s.timer.patch).filter(([, v]) => v !== undefined);
      const sets = entries.map(([k]) => `${TIMER_COLUMNS[k as keyof typeof TIMER_COLUMNS]} = ?`);
      const r = prepared(
        `UPDATE sla_timers SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ?`,
      ).run(...entries.map(([, v]) => v), s.at, s.timer.id, s.timer.expectVersion);
      if (r.changes === 0) throw new StaleSignal();
    }
    if (s.run) {
      const entries = Object.entries(s.run.patch).filter(([, v]) => v !== undefined);
      const sets = entries.map(([k]) => `${RUN_COLUMNS[k as keyof typeof RUN_COLUMNS]} = ?`);
      const r = prepared(
        `UPDATE escalation_runs SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = ? AND version = ? AND state = 'active'`,
      ).run(...entries.map(([, v]) => v), s.run.id, s.run.expectVersion);
      if (r.changes === 0) throw new StaleSignal();
    }
    let runId: number | null = null;
    if (s.startRun) {
      const r = q.startRun.run(
        s.startRun.ticketId,
        s.startRun.reason,
        JSON.stringify(s.startRun.policy),
        s.startRun.at,
        s.startRun.at,
      );
      if (r.changes) runId = Number(r.lastInsertRowid);
    }
    const outboxIds = (s.outbox ?? []).map((o) => insertOutbox(o, s.at)).filter((id): id is number => id !== null);
    for (const a of s.audits ?? []) audit(a);
    return { kind: 'applied', outboxIds, runId };
  });

  const applySweep = db.transaction((steps: readonly SweepStep[]): SweepStepResult[] =>
    steps.map((s) => {
      try {
        return applyStep(s); // nested: a savepoint, so a stale step rolls back alone
      } catch (err) {
        if (err instanceof StaleSignal) return { kind: 'stale' } as const;
        throw err;
      }
    }),
  );

  const acknowledge = db.transaction((id: number, by: string, at: number): AckResult => {
    const row = q.getRun.get(id) as Row | undefined;
    if (!row) return { kind: 'not-found' };
    const run = runFromRow(row);
    if (run.state !== 'active') return { kind: 'already', run };
    q.ackRun.run(by, at, at, id);
    audit({
      ticketId: run.ticketId,
      actor: by,
      action: 'escalation.acknowledged',
      detail: { runId: id, reason: run.reason, step: run.step, repeat: run.repeat },
      at,
    });
    return { kind: 'acknowledged', run: runFromRow(q.getRun.get(id) as Row) };
  });

  const addOverride = db.transaction((o: Parameters<SlaStore['addOverride']>[0]): OnCallOverride => {
    const info = q.addOverride.run({ ...o, reason: o.reason ?? null });
    const created = overrideFromRow(q.getOverride.get(Number(info.lastInsertRowid)) as Row);
    audit({
      ticketId: null,
      actor: o.createdBy,
      action: 'oncall.override',
      detail: { id: created.id, staffId: o.staffId, startsAt: o.startsAt, endsAt: o.endsAt, reason: o.reason },
      at: o.createdAt,
    });
    return created;
  });

  const cancelOverride = db.transaction((id: number, by: string, at: number): boolean => {
    if (q.cancelOverride.run(at, id).changes === 0) return false;
    audit({ ticketId: null, actor: by, action: 'oncall.override-cancelled', detail: { id }, at });
    return true;
  });

  return {
    sink,
    async dueTimers(now, limit) {
      return (q.dueTimers.all(now, limit) as Row[]).map(timerFromRow);
    },
    async dueRuns(now, limit) {
      return (q.dueRuns.all(now, limit) as Row[]).map(runFromRow);
    },
    async timersOfTicket(ticketId) {
      return sink.timersOf(ticketId);
    },
    async listTimers(states, limit) {
      if (!states.length) return [];
      const rows = db
        .prepare(
          `SELECT * FROM sla_timers WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY due_at IS NULL, due_at, id LIMIT ?`,
        )
        .all(...states, limit) as Row[];
      return rows.map(timerFromRow);
    },
    async getRun(id) {
      const row = q.getRun.get(id) as Row | undefined;
      return row ? runFromRow(row) : null;
    },
    async runsOfTicket(ticketId) {
      return (q.runsOf.all(ticketId) as Row[]).map(runFromRow);
    },
    async applySweep(steps) {
      const results = applySweep(steps); // committed when it returns
      if (results.some((r) => r.kind === 'applied' && r.outboxIds.length)) signal.outboxQueued();
      return results;
    },
    async acknowledgeRun(id, by, at) {
      return acknowledge(id, by, at);
    },
    async addOverride(o) {
      return addOverride(o);
    },
    async listOverrides(from, to) {
      return (q.listOverrides.all(from, to) as Row[]).map(overrideFromRow);
    },
    async cancelOverride(id, by, at) {
      return cancelOverride(id, by, at);
    },
    onTimersChanged: (listener) => signal.onTimersChanged(listener),
  };
}
