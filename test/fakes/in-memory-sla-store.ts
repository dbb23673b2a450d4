import type {
  ClockOp,
  EscalationRun,
  OnCallOverride,
  SlaStore,
  SlaTimer,
  SlaTransactionSink,
  SweepStepResult,
} from '../../core/ports/sla-store.js';
import type { TicketStore } from '../../core/ports/ticket-store.js';
import type { CommitSignal } from '../../data/commit-signal.js';

const clone = <T>(v: T): T => structuredClone(v);

/**
 * In-memory fake of the SLA store. Outbox and audit rows of sweep steps go through `support().commit`, the
 * in-memory support store (synchronous inside), so they land in the same fake as the tickets, and its signal
 * announces them. The sink notes its clock writes on that signal, so the ticket commit that made them announces
 * `onTimersChanged`. The shared contract test keeps it honest against SQLite.
 */
export function createInMemorySlaStore(
  support: () => Pick<TicketStore, 'commit'> & { signal: CommitSignal },
): SlaStore & { sink: SlaTransactionSink } {
  const timers: SlaTimer[] = [];
  const runs: EscalationRun[] = [];
  const overrides: OnCallOverride[] = [];
  const audit = (ticketId: number | null, actor: string, action: string, detail: Record<string, unknown>, at: number) =>
    void support().commit({ at, audits: [{ ticketId, actor, action, detail, at }] });

  const find = (ticketId: number, kind: SlaTimer['kind']) =>
    timers.find((t) => t.ticketId === ticketId && t.kind === kind);
  const bump = (t: SlaTimer | EscalationRun, at?: number) => {
    t.version++;
    if ('updatedAt' in t && at !== undefined) t.updatedAt = at;
  };
  const startRun = (ticketId: number, reason: string, policy: EscalationRun['policy'], at: number): number | null => {
    if (runs.some((r) => r.ticketId === ticketId && r.reason === reason)) return null;
    const run: EscalationRun = {
      id: runs.length + 1,
      ticketId,
      reason,
      policy: clone(policy),
      state: 'active',
      step: 0,
      repeat: 0,
      nextAt: at,
      startedAt: at,
      ackedBy: null,
      ackedAt: null,
      endedAt: null,
      version: 1,
    };
    runs.push(run);
    return run.id;
  };

  const sink: SlaTransactionSink = {
    timersOf: (ticketId) => clone(timers.filter((t) => t.ticketId === ticketId)),
    apply(ticketId, ops: readonly ClockOp[]) {
      if (ops.length) support().signal.noteTimerWrite();
      for (const op of ops) {
        if (op.op === 'start-run') {
          startRun(ticketId, op.reason, op.policy, op.at);
          continue;
        }
        if (op.op === 'cancel-runs') {
          const matches = (reason: string) => !op.reasons || op.reasons.some((p) => reason.startsWith(p));
          for (const r of runs)
            if (r.ticketId === ticketId && r.state === 'active' && matches(r.reason))
              Object.assign(r, { state: 'cancelled', nextAt: null, endedAt: op.at, version: r.version + 1 });
          continue;
        }
        const t = find(ticketId, op.kind);
        if (op.op === 'start') {
          const fresh = {
            state: 'active' as const,
            startedAt: op.startedAt,
            dueAt: op.dueAt,
            warnAt: op.warnAt,
            remainingMs: null,
            warnedAt: null,
            breachedAt: null,
            stoppedAt: null,
            nextCheckAt: op.nextCheckAt,
            seq: 0,
            updatedAt: op.startedAt,
          };
          if (t) Object.assign(t, fresh, { cycle: t.cycle + 1, version: t.version + 1 });
          else timers.push({ id: timers.length + 1, ticketId, kind: op.kind, cycle: 1, version: 1, ...fresh });
        } else if (!t) {
        } else if (op.op === 'finish' && (t.state === 'active' || t.state === 'paused')) {
          Object.assign(t, {
            state: op.state,
            stoppedAt: op.at,
            nextCheckAt: null,
            breachedAt: op.state === 'missed' ? (t.breachedAt ?? op.at) : t.breachedAt,
          });
          bump(t, op.at);
        } else if (op.op === 'pause' && t.state === 'active') {
          Object.assign(t, { state: 'paused', remainingMs: op.remainingMs, dueAt: null, nextCheckAt: null });
          bump(t, op.at);
        } else if (op.op === 'resume' && t.state === 'paused') {
          Object.assign(t, {
            state: 'active',
            remainingMs: null,
            dueAt: op.dueAt,
            warnAt: op.warnAt,
            nextCheckAt: op.nextCheckAt,
          });
          bump(t, op.at);
        }
      }
    },
  };

  return {
    sink,
    dueTimers: async (now, limit) =>
      clone(
        timers
          .filter((t) => t.nextCheckAt !== null && t.nextCheckAt <= now)
          .sort((a, b) => (a.nextCheckAt as number) - (b.nextCheckAt as number) || a.id - b.id)
          .slice(0, limit),
      ),
    dueRuns: async (now, limit) =>
      clone(
        runs
          .filter((r) => r.state === 'active' && r.nextAt !== null && r.nextAt <= now)
          .sort((a, b) => (a.nextAt as number) - (b.nextAt as number) || a.id - b.id)
          .slice(0, limit),
      ),
    timersOfTicket: async (ticketId) => sink.timersOf(ticketId),
    listTimers: async (states, limit) =>
      clone(
        timers
          .filter((t) => states.includes(t.state))
          .sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.id - b.id)
          .slice(0, limit),
      ),
    getRun: async (id) => clone(runs.find((r) => r.id === id) ?? null),
    runsOfTicket: async (ticketId) => clone(runs.filter((r) => r.ticketId === ticketId)),
    async applySweep(steps) {
      const results: SweepStepResult[] = [];
      for (const s of steps) {
        const t = s.timer ? timers.find((x) => x.id === s.timer!.id) : undefined;
        const r = s.run ? runs.find((x) => x.id === s.run!.id) : undefined;
        if (
          (s.timer && (!t || t.version !== s.timer.expectVersion)) ||
          (s.run && (!r || r.version !== s.run.expectVersion || r.state !== 'active'))
        ) {
          results.push({ kind: 'stale' });
          continue;
        }
        if (t && s.timer) {
          for (const [k, v] of Object.entries(s.timer.patch))
            if (v !== undefined) (t as unknown as Record<string, unknown>)[k] = v;
          bump(t, s.at);
        }
        if (r && s.run) {
          for (const [k, v] of Object.entries(s.run.patch))
            if (v !== undefined) (r as unknown as Record<string, unknown>)[k] = v;
          bump(r);
        }
        const runId = s.startRun
          ? startRun(s.startRun.ticketId, s.startRun.reason, s.startRun.policy, s.startRun.at)
          : null;
        const committed = await support().commit({ at: s.at, outbox: s.outbox ?? [], audits: s.audits ?? [] });
        results.push({ kind: 'applied', outboxIds: committed.kind === 'committed' ? committed.outboxIds : [], runId });
      }
      return results;
    },
    async acknowledgeRun(id, by, at) {
      const run = runs.find((r) => r.id === id);
      if (!run) return { kind: 'not-found' };
      if (run.state !== 'active') return { kind: 'already', run: clone(run) };
      Object.assign(run, {
        state: 'acknowledged',
        ackedBy: by,
        ackedAt: at,
        endedAt: at,
        nextAt: null,
        version: run.version + 1,
      });
      audit(
        run.ticketId,
        by,
        'escalation.acknowledged',
        { runId: id, reason: run.reason, step: run.step, repeat: run.repeat },
        at,
      );
      return { kind: 'acknowledged', run: clone(run) };
    },
    async addOverride(o) {
      const created: OnCallOverride = {
        ...clone(o),
        reason: o.reason ?? null,
        id: overrides.length + 1,
        cancelledAt: null,
      };
      overrides.push(created);
      audit(
        null,
        o.createdBy,
        'oncall.override',
        { id: created.id, staffId: o.staffId, startsAt: o.startsAt, endsAt: o.endsAt, reason: o.reason },
        o.createdAt,
      );
      return clone(created);
    },
    listOverrides: async (from, to) =>
      clone(
        overrides
          .filter((o) => o.cancelledAt === null && o.endsAt > from && o.startsAt < to)
          .sort((a, b) => a.startsAt - b.startsAt || a.id - b.id),
      ),
    async cancelOverride(id, by, at) {
      const o = overrides.find((x) => x.id === id && x.cancelledAt === null);
      if (!o) return false;
      o.cancelledAt = at;
      audit(null, by, 'oncall.override-cancelled', { id }, at);
      return true;
    },
    onTimersChanged: (listener) => support().signal.onTimersChanged(listener),
  };
}
