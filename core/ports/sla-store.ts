import type { NewOutboxItem } from '../model/outbound-message.js';
import type { NewAuditEntry } from '../model/ticket.js';
import type { Millis } from '../model/types.js';

/** The clocks a ticket runs. `critical-update` is the 15-minute status update of a critical incident. */
export const TIMER_KINDS = ['first-response', 'next-response', 'resolution', 'critical-update'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** active: counting; paused: waiting on the customer; hit/missed: finished in time or late; stopped: ended without a verdict. */
export type TimerState = 'active' | 'paused' | 'hit' | 'missed' | 'stopped';

export interface SlaTimer {
  id: number;
  ticketId: number;
  kind: TimerKind;
  state: TimerState;
  /** Bumped each time the clock restarts (a new customer reply starts a new next-response cycle). */
  cycle: number;
  startedAt: Millis;
  /** null while paused. */
  dueAt: Millis | null;
  warnAt: Millis | null;
  /** While paused: the time left, in business ms for business-hours tiers. */
  remainingMs: number | null;
  warnedAt: Millis | null;
  breachedAt: Millis | null;
  stoppedAt: Millis | null;
  /** When the sweep must look at this row next (warn, breach, next update); null when nothing is left to do. */
  nextCheckAt: Millis | null;
  /** critical-update: updates posted in this cycle. */
  seq: number;
  /** Optimistic concurrency: every write bumps it; a sweep step applies only to the version it read. */
  version: number;
  updatedAt: Millis;
}

export interface EscalationStep {
  /** A staff role, a staff id, `oncall` or `assignee`. */
  who: string;
  ackWaitMinutes: number;
  repeat: number;
}

/** The policy an escalation run follows, frozen (copied) when the run starts. */
export interface EscalationPolicy {
  name: string;
  steps: readonly EscalationStep[];
}

export type RunState = 'active' | 'acknowledged' | 'exhausted' | 'cancelled';

export interface EscalationRun {
  id: number;
  ticketId: number;
  /** Why it started, unique per ticket: `breach:first-response:1`, `critical-open:1`. */
  reason: string;
  policy: EscalationPolicy;
  state: RunState;
  /** Index of the step whose page is due next; equals steps.length during the final wait. */
  step: number;
  repeat: number;
  nextAt: Millis | null;
  startedAt: Millis;
  ackedBy: string | null;
  ackedAt: Millis | null;
  endedAt: Millis | null;
  version: number;
}

export interface OnCallOverride {
  id: number;
  staffId: string;
  startsAt: Millis;
  endsAt: Millis;
  createdBy: string;
  createdAt: Millis;
  reason: string | null;
  cancelledAt: Millis | null;
}

export type NewOnCallOverride = Omit<OnCallOverride, 'id' | 'cancelledAt'>;

/** Clock changes derived from a ticket change, written in the ticket's own transaction. */
export type ClockOp =
  | {
      op: 'start';
      kind: TimerKind;
      startedAt: Millis;
      dueAt: Millis;
      warnAt: Millis | null;
      nextCheckAt: Millis | null;
    }
  | { op: 'finish'; kind: TimerKind; state: 'hit' | 'missed' | 'stopped'; at: Millis }
  | { op: 'pause'; kind: TimerKind; remainingMs: number; at: Millis }
  | { op: 'resume'; kind: TimerKind; dueAt: Millis; warnAt: Millis | null; nextCheckAt: Millis | null; at: Millis }
  | { op: 'start-run'; reason: string; policy: EscalationPolicy; at: Millis }
  /** Cancel the ticket's active runs (only those whose reason starts with one of `reasons`, when given). */
  | { op: 'cancel-runs'; at: Millis; why: string; reasons?: readonly string[] | undefined };

/**
 * Synchronous access used *inside* the support store's commit transaction (better-sqlite3 and the in-memory fake
 * are synchronous). A networked store would pass its transaction handle instead.
 */
export interface SlaTransactionSink {
  timersOf(ticketId: number): SlaTimer[];
  apply(ticketId: number, ops: readonly ClockOp[]): void;
}

/** One version-checked write of a sweep: a timer or run moves on, with its pages and audit rows. */
export interface SweepStep {
  timer?:
    | {
        id: number;
        expectVersion: number;
        patch: Partial<
          Pick<SlaTimer, 'state' | 'warnedAt' | 'breachedAt' | 'stoppedAt' | 'nextCheckAt' | 'seq' | 'dueAt'>
        >;
      }
    | undefined;
  run?:
    | {
        id: number;
        expectVersion: number;
        patch: Partial<Pick<EscalationRun, 'state' | 'step' | 'repeat' | 'nextAt' | 'endedAt'>>;
      }
    | undefined;
  /** Start a run (a breach); ignored when the ticket already has a run with this reason. */
  startRun?: { ticketId: number; reason: string; policy: EscalationPolicy; at: Millis } | undefined;
  outbox?: readonly NewOutboxItem[] | undefined;
  audits?: readonly NewAuditEntry[] | undefined;
  at: Millis;
}

export type SweepStepResult = { kind: 'applied'; outboxIds: number[]; runId: number | null } | { kind: 'stale' };

export type AckResult =
  | { kind: 'acknowledged'; run: EscalationRun }
  | { kind: 'already'; run: EscalationRun }
  | { kind: 'not-found' };

/** SLA timers, escalation runs and on-call overrides. Every method is one transaction. */
export interface SlaStore {
  /** Timers whose nextCheckAt <= now, earliest first. */
  dueTimers(now: Millis, limit: number): Promise<SlaTimer[]>;
  /** Active runs whose nextAt <= now, earliest first. */
  dueRuns(now: Millis, limit: number): Promise<EscalationRun[]>;
  timersOfTicket(ticketId: number): Promise<SlaTimer[]>;
  /** Timers in the given states, for the digest. */
  listTimers(states: readonly TimerState[], limit: number): Promise<SlaTimer[]>;
  getRun(id: number): Promise<EscalationRun | null>;
  runsOfTicket(ticketId: number): Promise<EscalationRun[]>;
  /** Apply each step in its own savepoint; a step whose timer/run version moved is skipped (`stale`). */
  applySweep(steps: readonly SweepStep[]): Promise<SweepStepResult[]>;
  /** Stop an active run; writes the audit row. */
  acknowledgeRun(id: number, by: string, at: Millis): Promise<AckResult>;
  addOverride(override: NewOnCallOverride): Promise<OnCallOverride>;
  /** Overrides (not cancelled) overlapping [from, to). */
  listOverrides(from: Millis, to: Millis): Promise<OnCallOverride[]>;
  cancelOverride(id: number, by: string, at: Millis): Promise<boolean>;
  /**
   * Call `listener` after a ticket commit that wrote clocks (timers or escalation runs, through the
   * `SlaTransactionSink` inside the ticket's transaction) has committed, once per commit: the SLA sweep's wake-up,
   * since a critical ticket's on-call page is due at once. Same rules as `OutboxStore.onOutboxQueued` (after the
   * COMMIT only, never for a rolled-back or failed commit, a throwing listener is ignored). The sweep's own writes
   * (`applySweep`, `acknowledgeRun`) do not fire it: the sweep already handles what it wrote. Returns the unsubscribe.
   */
  onTimersChanged(listener: () => void): () => void;
}
