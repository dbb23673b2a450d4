import { formatDuration, formatInZone } from '../format/format-due.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Millis } from '../model/types.js';
import type { SlaTimer } from '../ports/sla-store.js';

export interface AtRiskItem {
  ticket: Ticket;
  timer: SlaTimer;
  /** Due time of the clock (for a missed clock: when it was due). */
  dueAt: Millis;
  overdue: boolean;
}

const CLOCKS = new Set(['first-response', 'next-response', 'resolution']);
const NAMES: Record<string, string> = {
  'first-response': 'first response',
  'next-response': 'next response',
  resolution: 'resolution',
};

/** Open tickets whose clock has been missed or falls due within the horizon; one line each, most urgent first. */
export function atRiskItems(
  tickets: readonly Ticket[],
  timers: readonly SlaTimer[],
  now: Millis,
  horizonMs: number,
): AtRiskItem[] {
  const open = new Map(tickets.filter((t) => t.status === 'open' || t.status === 'pending').map((t) => [t.id, t]));
  const best = new Map<number, AtRiskItem>();
  for (const timer of timers) {
    const ticket = open.get(timer.ticketId);
    if (!ticket || !CLOCKS.has(timer.kind)) continue;
    const dueAt = timer.dueAt;
    if (dueAt === null || (timer.state !== 'missed' && timer.state !== 'active')) continue;
    const overdue = timer.state === 'missed' || dueAt <= now;
    if (!overdue && dueAt > now + horizonMs) continue;
    const seen = best.get(ticket.id);
    if (!seen || dueAt < seen.dueAt) best.set(ticket.id, { ticket, timer, dueAt, overdue });
  }
  return [...best.values()].sort((a, b) => a.dueAt - b.dueAt || a.ticket.id - b.ticket.id);
}

/** The daily digest for the staff channel. Pure: the cron job only gathers the rows and queues the message. */
export function buildAtRiskDigest(input: {
  items: readonly AtRiskItem[];
  now: Millis;
  timezone: string;
  horizonMs: number;
  customerName: (id: string | null) => string | null;
  limit?: number;
}): OutboundMessage {
  const { items, now } = input;
  const limit = input.limit ?? 25;
  const header = `SLA digest, ${formatInZone(now, input.timezone)}: `;
  if (!items.length)
    return { text: `${header}no open ticket is overdue or due within ${formatDuration(input.horizonMs)}.` };
  const overdue = items.filter((i) => i.overdue).length;
  const lines = items.slice(0, limit).map((i) => {
    const who = input.customerName(i.ticket.customerId) ?? i.ticket.requesterName ?? i.ticket.requesterId;
    const when = i.overdue ? `overdue by ${formatDuration(now - i.dueAt)}` : `due in ${formatDuration(i.dueAt - now)}`;
    const owner = i.ticket.assigneeId ? `assigned to ${i.ticket.assigneeId}` : 'unassigned';
    return `- ${i.ticket.key} ${who} (${i.ticket.tier}, ${i.ticket.priority}): ${NAMES[i.timer.kind]} ${when}; ${owner}`;
  });
  if (items.length > limit) lines.push(`…and ${items.length - limit} more.`);
  return {
    text: `${header}${items.length} open ticket(s) at risk, ${overdue} overdue.\n${lines.join('\n')}`,
    actions: items
      .slice(0, 5)
      .filter((i) => !i.ticket.assigneeId)
      .map((i) => ({ id: 'ticket.claim', label: `Claim ${i.ticket.key}`, value: i.ticket.key })),
  };
}
