import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseSupportConfig } from '../config/support-config.js';
import type { SupportConfigInput } from '../config/support-config.js';
import type { Ticket } from '../model/ticket.js';
import type { SlaTimer } from '../ports/sla-store.js';
import { deriveClockChanges } from './derive-clock-changes.js';
import { createSlaPolicy } from './sla-policy.js';

const policyOf = (over: SupportConfigInput = {}) => {
  const r = parseSupportConfig({ businessHours: { holidays: ['2026-12-25'] }, ...over });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return createSlaPolicy(r.config);
};
const policy = policyOf();
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number | null, zone: string) =>
  ms === null ? null : DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 1,
    key: 'SUP-1',
    status: 'open',
    priority: 'high',
    category: 'bug',
    tier: 'professional',
    customerId: 'globex',
    requesterId: 'U1',
    requesterName: null,
    conversation: { platform: 'slack', channelId: 'C1' },
    subject: 's',
    assigneeId: null,
    createdAt: 0,
    updatedAt: 0,
    firstResponseDueAt: null,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    escalated: false,
    ...over,
  };
}
const opened = (t: Ticket, now: number, zone: string) =>
  deriveClockChanges(
    { before: null, after: t, customerMessage: true, staffMessage: false, at: now, timers: [], timezone: zone },
    policy,
  );

describe('clock rules', () => {
  it('counts professional clocks in business hours in the customer zone, across a weekend and a holiday', () => {
    const zone = 'Europe/Berlin';
    const now = at('2026-11-20T15:00', zone); // Friday 15:00
    const ops = opened(ticket({ firstResponseDueAt: at('2026-11-23T15:00', zone) }), now, zone);
    const start = (kind: string) =>
      ops.find((o) => o.op === 'start' && o.kind === kind) as Extract<(typeof ops)[number], { op: 'start' }>;
    // First response 8 business hours: due Monday 15:00, warning at 6 h = Monday 13:00.
    expect(local(start('first-response').dueAt, zone)).toBe('Mon 2026-11-23T15:00');
    expect(local(start('first-response').warnAt, zone)).toBe('Mon 2026-11-23T13:00');
    // Resolution for professional high: 24 business hours = 3 business days -> Wednesday 15:00.
    expect(local(start('resolution').dueAt, zone)).toBe('Wed 2026-11-25T15:00');
    const xmas = opened(ticket(), at('2026-12-24T16:00', zone), zone).find(
      (o) => o.op === 'start' && o.kind === 'resolution',
    ) as { dueAt: number };
    expect(local(xmas.dueAt, zone)).toBe('Wed 2026-12-30T16:00'); // 24 h: 1 h Thu, Fri 25th holiday, weekend, 8 h Mon, 8 h Tue, 7 h Wed
  });

  it('keeps business windows on wall-clock time across the DST change', () => {
    const zone = 'America/New_York'; // DST ends Sunday 2026-11-01
    const ops = opened(ticket({ priority: 'critical', category: 'service-down' }), at('2026-10-30T13:00', zone), zone);
    const resolution = ops.find((o) => o.op === 'start' && o.kind === 'resolution') as { dueAt: number };
    // 16 business hours: 4 h Friday, 8 h Monday, 4 h Tuesday -> Tuesday 13:00 local (EST after the change).
    expect(local(resolution.dueAt, zone)).toBe('Tue 2026-11-03T13:00');
  });

  it('runs 24x7 tiers on wall-clock time and gives community no resolution promise', () => {
    const now = Date.UTC(2026, 10, 21, 23, 0); // Saturday night
    const ent = opened(ticket({ tier: 'enterprise', firstResponseDueAt: now + 4 * 3600_000 }), now, 'UTC');
    expect(ent.find((o) => o.op === 'start' && o.kind === 'resolution')).toMatchObject({
      dueAt: now + 24 * 3600_000,
      warnAt: now + 18 * 3600_000,
    });
    const com = opened(
      ticket({ tier: 'community', priority: 'medium', firstResponseDueAt: now + 72 * 3600_000 }),
      now,
      'UTC',
    );
    expect(com.map((o) => (o.op === 'start' ? o.kind : o.op))).toEqual(['first-response']);
  });

  it('treats critical tickets of paged tiers as incidents: update clock and an on-call run, never for community', () => {
    const now = Date.UTC(2026, 10, 23, 10, 0);
    const ops = opened(ticket({ tier: 'white-glove', priority: 'critical', category: 'service-down' }), now, 'UTC');
    expect(ops.find((o) => o.op === 'start' && o.kind === 'critical-update')).toMatchObject({
      dueAt: now + 15 * 60_000,
    });
    expect(ops.find((o) => o.op === 'start-run')).toMatchObject({
      reason: 'critical-open:0',
      policy: {
        steps: [
          { who: 'oncall' },
          { who: 'technical-account-manager' },
          { who: 'support-manager' },
          { who: 'executive' },
        ],
      },
    });
    expect(
      opened(ticket({ tier: 'community', priority: 'critical', category: 'service-down' }), now, 'UTC').some(
        (o) => o.op === 'start-run',
      ),
    ).toBe(false);
  });

  it('resumes a paused business-hours clock with the business time that was left', () => {
    const zone = 'Europe/Berlin';
    const paused: SlaTimer = {
      id: 1,
      ticketId: 1,
      kind: 'resolution',
      state: 'paused',
      cycle: 1,
      startedAt: 0,
      dueAt: null,
      warnAt: null,
      remainingMs: 2 * 3600_000,
      warnedAt: null,
      breachedAt: null,
      stoppedAt: null,
      nextCheckAt: null,
      seq: 0,
      version: 2,
      updatedAt: 0,
    };
    const now = at('2026-11-27T16:00', zone); // Friday 16:00: 1 h today, 1 h Monday
    const ops = deriveClockChanges(
      {
        before: ticket({ status: 'pending', firstResponseAt: 1 }),
        after: ticket({ status: 'open', firstResponseAt: 1 }),
        customerMessage: false,
        staffMessage: false,
        at: now,
        timers: [paused],
        timezone: zone,
      },
      policy,
    );
    const resume = ops.find((o) => o.op === 'resume') as { dueAt: number; warnAt: number };
    expect(local(resume.dueAt, zone)).toBe('Mon 2026-11-30T10:00');
    expect(resume.warnAt).toBe(now); // 2 h left of 24 h: already past the 75% point
  });

  it('honours configured targets, warning fraction and escalation chains', () => {
    const p = policyOf({
      sla: {
        warnAt: 0.5,
        resolution: { enterprise: { high: 600 } },
        escalation: { enterprise: [{ who: 'oncall', ackWaitMinutes: 5 }] },
      },
    });
    expect(p.target('resolution', 'enterprise', 'high')).toBe(600);
    expect(p.target('next-response', 'enterprise', 'high')).toBe(240);
    expect(p.escalation('enterprise').steps).toEqual([{ who: 'oncall', ackWaitMinutes: 5, repeat: 0 }]);
    const r = parseSupportConfig({ sla: { escalation: { professional: [{ who: 'nobody-known' }] } } });
    expect(r.ok ? [] : r.problems).toEqual([
      'sla.escalation.professional.0.who: "nobody-known" must be a staff role, a staff id, "oncall" or "assignee"',
    ]);
  });
});
