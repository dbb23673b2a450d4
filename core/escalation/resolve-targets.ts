import type { CustomerConfig, StaffConfig } from '../config/support-config.js';
import type { Directory } from '../directory/create-directory.js';
import type { Ticket } from '../model/ticket.js';
import { STAFF_ROLES } from '../model/types.js';
import type { StaffRole } from '../model/types.js';

/**
 * The people an escalation step names, resolved when the page goes out: `oncall` is whoever is on call at that
 * instant, `assignee` the ticket's assignee, a role everyone with it (for `customer-success-manager` the customer's
 * own success manager when configured), anything else a staff id.
 */
export function resolveTargets(
  who: string,
  ctx: { ticket: Ticket; directory: Directory; onCall: StaffConfig | null; customer: CustomerConfig | undefined },
): StaffConfig[] {
  if (who === 'oncall') return ctx.onCall ? [ctx.onCall] : [];
  if (who === 'assignee') {
    const s = ctx.ticket.assigneeId ? ctx.directory.staffById(ctx.ticket.assigneeId) : undefined;
    return s ? [s] : [];
  }
  if ((STAFF_ROLES as readonly string[]).includes(who)) {
    if (who === 'customer-success-manager' && ctx.customer?.successManager) {
      const own = ctx.directory.staffById(ctx.customer.successManager);
      if (own) return [own];
    }
    return ctx.directory.staffWithRole(who as StaffRole);
  }
  const s = ctx.directory.staffById(who);
  return s ? [s] : [];
}
