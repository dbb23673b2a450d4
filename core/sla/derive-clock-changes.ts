import type { Ticket } from '../model/ticket.js';
import type { Millis } from '../model/types.js';
import { CRITICAL_CATEGORIES } from '../policy/priority-for.js';
import type { ClockOp, SlaTimer, TimerKind } from '../ports/sla-store.js';
import { clockTimes } from './sla-policy.js';
import type { SlaPolicy } from './sla-policy.js';

export interface TicketClockInput {
  /** null when this change opened the ticket. */
  before: Ticket | null;
  after: Ticket;
  /** The change wrote a customer / staff message to the transcript. */
  customerMessage: boolean;
  staffMessage: boolean;
  at: Millis;
  /** The ticket's timer rows as they are before this change. */
  timers: readonly SlaTimer[];
  /** The customer's time zone (business hours). */
  timezone: string;
}

const live = (t: SlaTimer | undefined): t is SlaTimer =>
  t !== undefined && (t.state === 'active' || t.state === 'paused');
const isOpen = (t: Ticket) => t.status === 'open' || t.status === 'pending';

/** Whether a ticket is a critical incident: critical priority (or a critical category) on a paged tier. */
export function isCriticalIncident(ticket: Pick<Ticket, 'priority' | 'category' | 'tier'>, policy: SlaPolicy): boolean {
  return policy.paged(ticket.tier) && (ticket.priority === 'critical' || CRITICAL_CATEGORIES.has(ticket.category));
}

/**
 * The clock changes one ticket change implies. Pure: the store calls it inside the ticket's transaction, so a
 * ticket and its clocks never disagree. Rules:
 * - open: first-response (due = the ticket's firstResponseDueAt) and resolution start; a critical incident also
 *   starts its status-update clock and a `critical-open` escalation run (the on-call page, due at once);
 * - first staff response: first-response hit (or missed when late); later staff messages hit next-response;
 * - a customer message after the first response starts next-response unless one is already running;
 * - pending pauses next-response and resolution; leaving pending resumes them with the time that was left;
 * - resolved/closed finishes every running clock and cancels the ticket's escalation runs;
 * - reopen restarts resolution (and the critical clocks);
 * - Escalate (ticket.escalated) starts the tier's escalation chain by hand;
 * - a priority change re-times running clocks from now, and a ticket raised to critical becomes an incident.
 */
export function deriveClockChanges(input: TicketClockInput, policy: SlaPolicy): ClockOp[] {
  const { before, after, at, timezone } = input;
  const ops: ClockOp[] = [];
  const timer = (kind: TimerKind) => input.timers.find((t) => t.kind === kind);
  const touched = new Set<TimerKind>();

  const start = (kind: Exclude<TimerKind, 'critical-update'>, dueOverride?: Millis | null) => {
    const minutes = policy.target(kind, after.tier, after.priority);
    if (minutes === null) return;
    const times = clockTimes(policy, at, minutes, after.tier, timezone);
    const dueAt = dueOverride ?? times.dueAt;
    ops.push({
      op: 'start',
      kind,
      startedAt: at,
      dueAt,
      warnAt: times.warnAt,
      nextCheckAt: Math.min(times.warnAt, dueAt),
    });
    touched.add(kind);
  };
  const finish = (kind: TimerKind, t: SlaTimer, verdict?: 'stopped') => {
    const late = t.state === 'active' && t.dueAt !== null && at > t.dueAt;
    ops.push({ op: 'finish', kind, state: verdict ?? (late ? 'missed' : 'hit'), at });
    touched.add(kind);
  };
  const startCritical = () => {
    ops.push({
      op: 'start',
      kind: 'critical-update',
      startedAt: at,
      dueAt: at + policy.updateIntervalMs,
      warnAt: null,
      nextCheckAt: at + policy.updateIntervalMs,
    });
    ops.push({
      op: 'start-run',
      reason: `critical-open:${after.reopenCount}`,
      policy: policy.criticalOpen(after.tier),
      at,
    });
    touched.add('critical-update');
  };

  if (before === null) {
    if (!isOpen(after)) return ops;
    if (after.firstResponseAt === null && after.firstResponseDueAt !== null)
      start('first-response', after.firstResponseDueAt);
    start('resolution');
    if (isCriticalIncident(after, policy)) startCritical();
    return ops;
  }

  if (isOpen(before) && !isOpen(after)) {
    for (const t of input.timers) if (live(t)) finish(t.kind, t, t.kind === 'critical-update' ? 'stopped' : undefined);
    ops.push({ op: 'cancel-runs', at, why: `ticket ${after.status}` });
    return ops;
  }
  if (!isOpen(after)) return ops;

  const reopened = !isOpen(before);
  if (reopened) {
    start('resolution');
    if (isCriticalIncident(after, policy)) startCritical();
  }

  // A priority change (the engine raises a ticket to critical on an outage follow-up) re-times the running clocks
  // from now with the new targets, and turns the ticket into a critical incident when it becomes one.
  if (!reopened && before.priority !== after.priority) {
    const first0 = timer('first-response');
    if (first0?.state === 'active' && after.firstResponseAt === null) start('first-response', after.firstResponseDueAt);
    if (timer('resolution')?.state === 'active') start('resolution');
    if (isCriticalIncident(after, policy) && !isCriticalIncident(before, policy)) startCritical();
  }

  // The Escalate button (ticket.escalated) starts the tier's chain by hand.
  if (!before.escalated && after.escalated && policy.paged(after.tier)) {
    const chain = policy.escalation(after.tier);
    if (chain.steps.length) ops.push({ op: 'start-run', reason: `manual:${after.reopenCount}`, policy: chain, at });
  }

  // A response answers the pages about it: the critical on-call page and the breach of the clock it stops.
  const first = timer('first-response');
  if (before.firstResponseAt === null && after.firstResponseAt !== null) {
    if (live(first)) finish('first-response', first);
    ops.push({ op: 'cancel-runs', at, why: 'first response', reasons: ['critical-open:', 'breach:first-response:'] });
  }

  const next = timer('next-response');
  if (input.staffMessage && before.firstResponseAt !== null && next?.state === 'active') finish('next-response', next);
  if (input.staffMessage && before.firstResponseAt !== null && next?.state === 'missed')
    ops.push({ op: 'cancel-runs', at, why: 'next response', reasons: ['breach:next-response:'] });
  if (input.customerMessage && after.firstResponseAt !== null && after.status === 'open' && next?.state !== 'active')
    start('next-response');

  const paused = before.status !== 'pending' && after.status === 'pending';
  const resumed = before.status === 'pending' && after.status === 'open';
  for (const kind of ['next-response', 'resolution'] as const) {
    const t = timer(kind);
    if (!t || touched.has(kind)) continue;
    if (paused && t.state === 'active' && t.dueAt !== null) {
      ops.push({ op: 'pause', kind, remainingMs: policy.serviceMsBetween(at, t.dueAt, after.tier, timezone), at });
    } else if (resumed && t.state === 'paused') {
      const remainingMin = (t.remainingMs ?? 0) / 60_000;
      const dueAt = policy.addServiceMinutes(at, remainingMin, after.tier, timezone);
      const target = policy.target(kind, after.tier, after.priority) ?? 0;
      const toWarn = remainingMin - (1 - policy.warnAt) * target;
      const warnAt =
        t.warnedAt !== null ? null : toWarn <= 0 ? at : policy.addServiceMinutes(at, toWarn, after.tier, timezone);
      ops.push({ op: 'resume', kind, dueAt, warnAt, nextCheckAt: warnAt ?? dueAt, at });
    }
  }
  return ops;
}
