import type { StaffConfig } from '../config/support-config.js';
import { formatDuration, formatInZone } from '../format/format-due.js';
import type { MessageAction, OutboundMessage } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Millis } from '../model/types.js';
import type { EscalationRun, SlaTimer, TimerKind } from '../ports/sla-store.js';

export const ACK_ACTION = 'escalation.ack';

const CLOCK_NAMES: Record<TimerKind, string> = {
  'first-response': 'first response',
  'next-response': 'next response',
  resolution: 'resolution',
  'critical-update': 'status update',
};

const label = (ticket: Ticket, customerName: string | null) =>
  `${ticket.key} (${customerName ?? ticket.requesterName ?? ticket.requesterId}, ${ticket.tier}, ${ticket.priority}): ${ticket.subject}`;
const claim = (ticket: Ticket): MessageAction => ({ id: 'ticket.claim', label: 'Claim', value: ticket.key });
const forWhom = (staff: StaffConfig, viaStaffChannel: boolean) => (viaStaffChannel ? `For ${staff.name}: ` : '');

export function warningMessage(args: {
  ticket: Ticket;
  timer: SlaTimer;
  staff: StaffConfig;
  viaStaffChannel: boolean;
  customerName: string | null;
  now: Millis;
}): OutboundMessage {
  const { ticket, timer } = args;
  const due = timer.dueAt ?? args.now;
  return {
    text: `${forWhom(args.staff, args.viaStaffChannel)}Reminder: the ${CLOCK_NAMES[timer.kind]} for ${label(ticket, args.customerName)} is due in ${formatDuration(due - args.now)} (${formatInZone(due, args.staff.timezone)}).`,
    actions: ticket.assigneeId ? [] : [claim(ticket)],
    notifyStaff: args.viaStaffChannel,
  };
}

export function pageMessage(args: {
  ticket: Ticket;
  run: EscalationRun;
  staff: StaffConfig;
  viaStaffChannel: boolean;
  customerName: string | null;
  dueAt: Millis | null;
}): OutboundMessage {
  const { ticket, run } = args;
  const step = Math.min(run.step, run.policy.steps.length - 1);
  const why = run.reason.startsWith('critical-open')
    ? 'is a critical incident and needs a responder now'
    : run.reason.startsWith('manual')
      ? 'was escalated by the team'
      : `missed its ${CLOCK_NAMES[(run.reason.split(':')[1] ?? 'first-response') as TimerKind] ?? 'SLA'} target${args.dueAt ? ` (due ${formatInZone(args.dueAt, args.staff.timezone)})` : ''}`;
  const again = run.repeat > 0 ? ` (reminder ${run.repeat})` : '';
  return {
    text: `${forWhom(args.staff, args.viaStaffChannel)}Page, escalation step ${step + 1} of ${run.policy.steps.length}${again}: ${label(ticket, args.customerName)} ${why}. Acknowledge to stop the escalation.`,
    actions: [{ id: ACK_ACTION, label: 'Acknowledge', value: String(run.id), style: 'primary' }, claim(ticket)],
    notifyStaff: args.viaStaffChannel,
  };
}

export function exhaustedMessage(ticket: Ticket, run: EscalationRun, customerName: string | null): OutboundMessage {
  return {
    text: `Nobody acknowledged the escalation of ${label(ticket, customerName)} after ${run.policy.steps.length} step(s). Please pick it up.`,
    actions: [claim(ticket)],
    notifyStaff: true,
  };
}

export function criticalCustomerNotice(ticket: Ticket, intervalMs: number): OutboundMessage {
  return {
    text: `A responder is on ${ticket.key} now. We will post the next update here within ${formatDuration(intervalMs)}.`,
  };
}

export function executiveNotice(ticket: Ticket, staff: StaffConfig, customerName: string | null): OutboundMessage {
  return {
    text: `For your information, ${staff.name}: critical incident ${label(ticket, customerName)}. On-call has been paged.`,
  };
}

export function statusUpdate(args: {
  ticket: Ticket;
  note: string | null;
  now: Millis;
  worker: string | null;
  intervalMs: number;
}): OutboundMessage {
  const { ticket } = args;
  const next = `Next update within ${formatDuration(args.intervalMs)}.`;
  if (args.note) return { text: `Update on ${ticket.key}: ${args.note}\n${next}` };
  const who = args.worker ? `${args.worker} is working on it` : 'the team is working on it';
  return {
    text: `Update on ${ticket.key}: ${formatDuration(args.now - ticket.createdAt)} since it was reported; ${who}. ${next}`,
  };
}
