import type { EscalationRun, OnCallOverride, SlaTimer, TimerState } from '../core/ports/sla-store.js';

/** A row of sla_timers, escalation_runs or oncall_overrides as a driver returns it (SQLite or PostgreSQL). */
export type SlaRow = Record<string, unknown>;

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function timerFromRow(r: SlaRow): SlaTimer {
  return {
    id: Number(r.id),
    ticketId: Number(r.ticket_id),
    kind: r.kind as SlaTimer['kind'],
    state: r.state as TimerState,
    cycle: Number(r.cycle),
    startedAt: Number(r.started_at),
    dueAt: n(r.due_at),
    warnAt: n(r.warn_at),
    remainingMs: n(r.remaining_ms),
    warnedAt: n(r.warned_at),
    breachedAt: n(r.breached_at),
    stoppedAt: n(r.stopped_at),
    nextCheckAt: n(r.next_check_at),
    seq: Number(r.seq),
    version: Number(r.version),
    updatedAt: Number(r.updated_at),
  };
}

export function runFromRow(r: SlaRow): EscalationRun {
  return {
    id: Number(r.id),
    ticketId: Number(r.ticket_id),
    reason: r.reason as string,
    policy: JSON.parse(r.policy as string) as EscalationRun['policy'],
    state: r.state as EscalationRun['state'],
    step: Number(r.step),
    repeat: Number(r.repeat),
    nextAt: n(r.next_at),
    startedAt: Number(r.started_at),
    ackedBy: (r.acked_by as string | null) ?? null,
    ackedAt: n(r.acked_at),
    endedAt: n(r.ended_at),
    version: Number(r.version),
  };
}

export function overrideFromRow(r: SlaRow): OnCallOverride {
  return {
    id: Number(r.id),
    staffId: r.staff_id as string,
    startsAt: Number(r.starts_at),
    endsAt: Number(r.ends_at),
    createdBy: r.created_by as string,
    createdAt: Number(r.created_at),
    reason: (r.reason as string | null) ?? null,
    cancelledAt: n(r.cancelled_at),
  };
}
