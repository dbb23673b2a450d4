import type { SupportConfig } from '../config/support-config.js';
import type { Directory } from '../directory/create-directory.js';
import { addressStaff } from '../escalation/address-staff.js';
import { criticalCustomerNotice, executiveNotice } from '../escalation/sla-messages.js';
import type { NewOutboxItem } from '../model/outbound-message.js';
import type { NewAuditEntry } from '../model/ticket.js';
import { customerUpdateTarget } from '../policy/customer-update-target.js';
import type { TicketChangeHook } from '../ports/ticket-change-hook.js';
import type { ClockOp, SlaTransactionSink } from '../ports/sla-store.js';
import { deriveClockChanges, isCriticalIncident } from './derive-clock-changes.js';
import { createSlaPolicy } from './sla-policy.js';

function auditOf(op: ClockOp, at: number): NewAuditEntry {
  const { op: verb, ...rest } = op;
  const detail: Record<string, unknown> = { ...rest };
  if (op.op === 'start-run') detail.policy = op.policy.name;
  const action = 'kind' in op ? `sla.${op.kind}.${verb}` : `sla.${verb}`;
  return { actor: 'sla', action, detail, at };
}

/**
 * The SLA side of every ticket change: derives clock changes (a pure function of the ticket before and after),
 * writes them through the sink inside the ticket's transaction, and returns their audit rows plus, when a critical
 * incident opens, the customer's "a responder is on it" notice (never on a public conversation: see
 * customer-update-target.ts) and the executives' notices.
 */
export function createSlaTicketHook(deps: {
  config: SupportConfig;
  directory: Directory;
  sink: SlaTransactionSink;
}): TicketChangeHook {
  const policy = createSlaPolicy(deps.config);
  return ({ before, after, changes, at }) => {
    const messages = changes.messages ?? [];
    const customer = after.customerId ? deps.directory.customer(after.customerId) : undefined;
    const ops = deriveClockChanges(
      {
        before,
        after,
        at,
        customerMessage: messages.some((m) => m.role === 'customer'),
        staffMessage: messages.some((m) => m.role === 'staff'),
        timers: deps.sink.timersOf(after.id),
        timezone: customer?.timezone ?? 'UTC',
      },
      policy,
    );
    if (!ops.length) return undefined;
    deps.sink.apply(after.id, ops);
    const audits = ops.map((op) => ({ ...auditOf(op, at), ticketId: after.id }));
    const outbox: NewOutboxItem[] = [];
    const criticalStarted = ops.some((o) => o.op === 'start' && o.kind === 'critical-update');
    if (criticalStarted && isCriticalIncident(after, policy)) {
      const cycle = after.reopenCount;
      const target = customerUpdateTarget(after, customer);
      if (target)
        outbox.push({
          platform: target.platform,
          conversation: target,
          message: criticalCustomerNotice(after, policy.updateIntervalMs),
          dedupeKey: `critical-notice:${after.key}:${cycle}`,
        });
      if (policy.notifiesExecutives(after.tier)) {
        for (const exec of deps.directory.staffWithRole('executive')) {
          const address = addressStaff(exec, deps.config);
          if (!address) continue;
          outbox.push({
            platform: address.conversation.platform,
            conversation: address.conversation,
            message: executiveNotice(after, exec, customer?.name ?? null),
            dedupeKey: `critical-exec:${after.key}:${cycle}:${exec.id}`,
          });
        }
      }
    }
    return { audits, outbox };
  };
}
