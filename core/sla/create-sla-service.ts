import type { StaffConfig, SupportConfig } from '../config/support-config.js';
import type { Directory } from '../directory/create-directory.js';
import { addressStaff, staffChannel } from '../escalation/address-staff.js';
import { planRunStep, skipRunStep } from '../escalation/plan-run-step.js';
import { resolveTargets } from '../escalation/resolve-targets.js';
import { customerUpdateTarget } from '../policy/customer-update-target.js';
import { exhaustedMessage, pageMessage, statusUpdate, warningMessage } from '../escalation/sla-messages.js';
import type { NewOutboxItem } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Millis, Platform } from '../model/types.js';
import { createOnCall } from '../oncall/create-on-call.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { silentLogger } from '../ports/logger.js';
import type { AckResult, EscalationRun, SlaStore, SlaTimer, SweepStep } from '../ports/sla-store.js';
import type { TicketStore } from '../ports/ticket-store.js';
import { createCoalescingRunner } from '../run/create-coalescing-runner.js';
import { atRiskItems, buildAtRiskDigest } from './at-risk-digest.js';
import { createSlaPolicy } from './sla-policy.js';
import { planTimerStep } from './plan-timer-step.js';

export interface SweepReport {
  warnings: number;
  breaches: number;
  updates: number;
  pages: number;
  exhausted: number;
  stale: number;
}

export type AcknowledgeResult = AckResult | { kind: 'forbidden'; reason: string };

const BATCH = 500;

/** Count what an applied step did, from its audit rows (a stale step counts nothing). */
function tally(report: SweepReport, step: SweepStep): void {
  for (const a of step.audits ?? []) {
    if (a.action.endsWith('.warned')) report.warnings++;
    else if (a.action.endsWith('.missed')) report.breaches++;
    else if (a.action === 'sla.critical-update.posted') report.updates++;
    else if (a.action === 'escalation.exhausted') report.exhausted++;
    else if (a.action === 'escalation.paged') report.pages += step.outbox?.length ?? 0;
  }
}

/**
 * The SLA engine outside the ticket transaction: the sweep (warnings, breaches, escalation pages, critical status
 * updates), acknowledgements, on-call and the digest. Every sweep step is a version-checked write of the timer or
 * run together with its outbox rows and audit rows, so a repeated, concurrent or stale sweep writes nothing twice.
 */
export function createSlaService(deps: {
  tickets: TicketStore;
  sla: SlaStore;
  config: SupportConfig;
  directory: Directory;
  clock: Clock;
  log?: Logger;
}) {
  const { tickets, sla, config, directory, clock } = deps;
  const log = deps.log ?? silentLogger;
  const policy = createSlaPolicy(config);
  const oncall = createOnCall({ config, directory, store: sla, clock });

  const customerOf = (t: Ticket) => (t.customerId ? directory.customer(t.customerId) : undefined);
  const page = (
    staff: StaffConfig,
    dedupeKey: string,
    build: (viaStaffChannel: boolean) => NewOutboxItem['message'],
  ): NewOutboxItem | null => {
    const address = addressStaff(staff, config);
    return address
      ? {
          platform: address.conversation.platform,
          conversation: address.conversation,
          message: build(address.viaStaffChannel),
          dedupeKey,
        }
      : null;
  };

  async function timerStep(
    timer: SlaTimer,
    ticket: Ticket | null,
    now: Millis,
    onCall: StaffConfig | null,
  ): Promise<SweepStep> {
    const base = { id: timer.id, expectVersion: timer.version };
    if (!ticket) return { at: now, timer: { ...base, patch: { state: 'stopped', stoppedAt: now, nextCheckAt: null } } };
    const plan = planTimerStep(timer, now, policy.updateIntervalMs);
    const customerName = customerOf(ticket)?.name ?? null;
    const audit = (action: string, detail: Record<string, unknown>) => [
      {
        ticketId: ticket.id,
        actor: 'sla',
        action,
        detail: { kind: timer.kind, cycle: timer.cycle, ...detail },
        at: now,
      },
    ];
    const paged = policy.paged(ticket.tier);
    if (plan.kind === 'warn') {
      const who = (ticket.assigneeId ? directory.staffById(ticket.assigneeId) : undefined) ?? onCall;
      const item =
        paged && who
          ? page(who, `sla-warn:${timer.id}:${timer.cycle}`, (via) =>
              warningMessage({ ticket, timer, staff: who, viaStaffChannel: via, customerName, now }),
            )
          : null;
      return {
        at: now,
        timer: { ...base, patch: plan.patch },
        outbox: item ? [item] : [],
        audits: audit(`sla.${timer.kind}.warned`, { dueAt: timer.dueAt, to: item ? who?.id : null }),
      };
    }
    if (plan.kind === 'breach') {
      const chain = policy.escalation(ticket.tier);
      const escalate = paged && chain.steps.length > 0;
      return {
        at: now,
        timer: { ...base, patch: plan.patch },
        startRun: escalate ? { ticketId: ticket.id, reason: plan.reason, policy: chain, at: now } : undefined,
        audits: audit(`sla.${timer.kind}.missed`, { dueAt: timer.dueAt, escalation: escalate ? chain.name : null }),
      };
    }
    if (plan.kind === 'update') {
      const since = timer.updatedAt;
      const notes = (await tickets.listMessages(ticket.id)).filter(
        (m) => m.role === 'staff' && m.at > since && m.at <= now,
      );
      const worker =
        (ticket.assigneeId ? directory.staffById(ticket.assigneeId)?.name : undefined) ??
        (onCall ? `${onCall.name} (on call)` : null);
      const message = statusUpdate({
        ticket,
        note: notes.at(-1)?.text ?? null,
        now,
        worker,
        intervalMs: policy.updateIntervalMs,
      });
      const target = customerUpdateTarget(ticket, customerOf(ticket));
      if (!target)
        return {
          at: now,
          timer: { ...base, patch: plan.patch },
          audits: audit('sla.critical-update.withheld', {
            seq: plan.seq,
            nextAt: plan.patch.nextCheckAt,
            reason: 'public-conversation',
          }),
        };
      const item: NewOutboxItem = {
        platform: target.platform,
        conversation: target,
        message,
        dedupeKey: `critical-update:${ticket.key}:${timer.cycle}:${plan.seq}`,
      };
      return {
        at: now,
        timer: { ...base, patch: plan.patch },
        outbox: [item],
        audits: audit('sla.critical-update.posted', {
          seq: plan.seq,
          nextAt: plan.patch.nextCheckAt,
          to: target.platform,
        }),
      };
    }
    return { at: now, timer: { ...base, patch: plan.patch } };
  }

  async function runStep(
    run: EscalationRun,
    ticket: Ticket | null,
    now: Millis,
    onCall: StaffConfig | null,
  ): Promise<SweepStep> {
    const base = { id: run.id, expectVersion: run.version };
    if (!ticket || ticket.status === 'resolved' || ticket.status === 'closed')
      return { at: now, run: { ...base, patch: { state: 'cancelled', nextAt: null, endedAt: now } } };
    const audit = (action: string, detail: Record<string, unknown>) => [
      { ticketId: ticket.id, actor: 'sla', action, detail: { runId: run.id, reason: run.reason, ...detail }, at: now },
    ];
    const customerName = customerOf(ticket)?.name ?? null;
    const plan = planRunStep(run, now);
    if (plan.kind === 'exhausted') {
      const channel = staffChannel(config);
      const outbox: NewOutboxItem[] = channel
        ? [
            {
              platform: channel.platform,
              conversation: channel,
              message: exhaustedMessage(ticket, run, customerName),
              dedupeKey: `escalation-exhausted:${run.id}`,
            },
          ]
        : [];
      return { at: now, run: { ...base, patch: plan.patch }, outbox, audits: audit('escalation.exhausted', {}) };
    }
    const targets = resolveTargets(plan.step.who, { ticket, directory, onCall, customer: customerOf(ticket) });
    const dueAt =
      (await sla.timersOfTicket(ticket.id)).find((t) => run.reason.startsWith(`breach:${t.kind}:`))?.dueAt ?? null;
    const outbox = targets
      .map((s) =>
        page(s, `page:${run.id}:${plan.stepIndex}:${plan.repeat}:${s.id}`, (via) =>
          pageMessage({ ticket, run, staff: s, viaStaffChannel: via, customerName, dueAt }),
        ),
      )
      .filter((o): o is NewOutboxItem => o !== null);
    if (!outbox.length) {
      return {
        at: now,
        run: { ...base, patch: skipRunStep(run, now) },
        audits: audit('escalation.step-skipped', { step: plan.stepIndex, who: plan.step.who, why: 'nobody to page' }),
      };
    }
    return {
      at: now,
      run: { ...base, patch: plan.patch },
      outbox,
      audits: audit('escalation.paged', {
        step: plan.stepIndex,
        repeat: plan.repeat,
        who: plan.step.who,
        to: targets.map((s) => s.id),
        nextAt: plan.patch.nextAt,
      }),
    };
  }

  async function sweepOnce(): Promise<SweepReport> {
    const now = clock.now();
    const report: SweepReport = { warnings: 0, breaches: 0, updates: 0, pages: 0, exhausted: 0, stale: 0 };
    const onCall = (await oncall.schedule(now)).now?.staff ?? null;
    const cache = new Map<number, Ticket | null>();
    const ticketOf = async (id: number): Promise<Ticket | null> => {
      if (!cache.has(id)) cache.set(id, await tickets.getTicket(id));
      return cache.get(id) ?? null;
    };
    const apply = async (steps: SweepStep[]) => {
      const results = await sla.applySweep(steps);
      results.forEach((r, i) => {
        if (r.kind === 'stale') {
          report.stale++;
          return;
        }
        tally(report, steps[i] as SweepStep);
      });
      return results.filter((r) => r.kind === 'applied').length;
    };
    // Timers first (a breach starts a run), then runs, each in batches until nothing more is due.
    for (let guard = 0; guard < 10_000; guard++) {
      const due = await sla.dueTimers(now, BATCH);
      if (!due.length) break;
      const steps: SweepStep[] = [];
      for (const t of due) steps.push(await timerStep(t, await ticketOf(t.ticketId), now, onCall));
      if ((await apply(steps)) === 0 || due.length < BATCH) break;
    }
    for (let guard = 0; guard < 1_000; guard++) {
      const due = await sla.dueRuns(now, BATCH);
      if (!due.length) break;
      const steps: SweepStep[] = [];
      for (const r of due) steps.push(await runStep(r, await ticketOf(r.ticketId), now, onCall));
      if ((await apply(steps)) === 0) break;
    }
    if (report.warnings + report.breaches + report.pages + report.updates + report.exhausted)
      log.info({ ...report }, 'sla sweep');
    return report;
  }

  /** Sweeps coalesce: one at a time, and calls during a sweep collapse into at most one more (its report is the last's). */
  const sweeps = createCoalescingRunner({
    round: sweepOnce,
    onError: (err) => log.error({ err: String(err) }, 'sla sweep failed'),
  });

  return {
    /** Run one sweep now. Concurrent calls coalesce into the running sweep plus at most one more. */
    sweep: (): Promise<SweepReport> => sweeps.run(),
    /** Ask for a sweep soon without waiting for it (the interval; SlaStore.onTimersChanged after a ticket commit). */
    kick(): void {
      sweeps.kick();
    },
    /** Wait for a running sweep to finish (before closing the store). */
    idle: (): Promise<void> => sweeps.idle(),
    /** The `escalation.ack` action (value = run id). Any staff member may acknowledge; the run stops. */
    async acknowledge(
      runId: string | number,
      actor: { platform: Platform; userId: string; isStaff?: boolean | undefined },
    ): Promise<AcknowledgeResult> {
      const staff = directory.staffByIdentity(actor.platform, actor.userId);
      const by = staff?.id ?? (actor.isStaff ? `${actor.platform}:${actor.userId}` : null);
      if (!by) return { kind: 'forbidden', reason: 'Only support staff can acknowledge a page.' };
      const id = Number(runId);
      if (!Number.isInteger(id) || id <= 0) return { kind: 'not-found' };
      return sla.acknowledgeRun(id, by, clock.now());
    },
    oncall,
    /** Queue the at-risk digest to the staff channel once per slot (the cron tick's minute). */
    async digest(slot: string): Promise<{ queued: boolean; text: string }> {
      const now = clock.now();
      const horizonMs = config.sla.digest.horizonHours * 3_600_000;
      const open = await tickets.listTickets({ statuses: ['open', 'pending'], limit: 1000 });
      const timers = (await sla.listTimers(['active', 'missed'], 20_000)).filter((t) =>
        open.some((o) => o.id === t.ticketId),
      );
      const message = buildAtRiskDigest({
        items: atRiskItems(open, timers, now, horizonMs),
        now,
        timezone: config.sla.digest.timezone,
        horizonMs,
        customerName: (id) => (id ? (directory.customer(id)?.name ?? null) : null),
      });
      const channel = staffChannel(config);
      if (!channel) return { queued: false, text: message.text };
      const r = await tickets.commit({
        at: now,
        outbox: [{ platform: channel.platform, conversation: channel, message, dedupeKey: `digest:${slot}` }],
        audits: [
          { ticketId: null, actor: 'sla', action: 'sla.digest', detail: { slot, tickets: open.length }, at: now },
        ],
      });
      return { queued: r.kind === 'committed' && r.outboxIds.length > 0, text: message.text };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
