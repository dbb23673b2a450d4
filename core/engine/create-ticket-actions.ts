import type { Directory } from '../directory/create-directory.js';
import type { RatingKind, Ticket } from '../model/ticket.js';
import type { Platform, Priority, TicketStatus } from '../model/types.js';
import type { Clock } from '../ports/clock.js';
import type { FeedbackStore } from '../ports/feedback-store.js';
import type { TicketPatch } from '../model/ticket.js';
import type { TicketStore } from '../ports/ticket-store.js';
import { canTransition } from '../policy/ticket-lifecycle.js';
import { surveyReply } from './build-replies.js';

export interface Actor {
  platform: Platform;
  userId: string;
  /** Adapter-known staff flag (e.g. a Discord staff role) in addition to the staff directory. */
  isStaff?: boolean | undefined;
}

export type ActionResult =
  | { kind: 'done'; ticket: Ticket }
  | { kind: 'not-found'; key: string }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'invalid'; reason: string; ticket: Ticket };

export type TicketVerb = 'claim' | 'resolve' | 'close' | 'pend' | 'reopen' | 'escalate';

const TARGET: Record<TicketVerb, TicketStatus | null> = {
  claim: null,
  escalate: null,
  resolve: 'resolved',
  close: 'closed',
  pend: 'pending',
  reopen: 'open',
};

export function createTicketActions(deps: { store: TicketStore & FeedbackStore; directory: Directory; clock: Clock }) {
  const { store, directory, clock } = deps;

  const staffId = (actor: Actor): string | null =>
    directory.staffByIdentity(actor.platform, actor.userId)?.id ??
    (actor.isStaff ? `${actor.platform}:${actor.userId}` : null);
  const isRequester = (ticket: Ticket, actor: Actor) =>
    ticket.conversation.platform === actor.platform && ticket.requesterId === actor.userId;

  async function act(verb: TicketVerb, key: string, actor: Actor, note?: string): Promise<ActionResult> {
    const ticket = await store.getTicketByKey(key);
    if (!ticket) return { kind: 'not-found', key };
    const staff = staffId(actor);
    const ownerMayDo = verb === 'close' || verb === 'reopen';
    if (!staff && !(ownerMayDo && isRequester(ticket, actor))) {
      return {
        kind: 'forbidden',
        reason: ownerMayDo
          ? 'Only support staff or the person who opened the ticket can do that.'
          : 'Only support staff can do that.',
      };
    }
    const now = clock.now();
    const target = TARGET[verb];
    if (target && !canTransition(ticket.status, target))
      return { kind: 'invalid', reason: `${ticket.key} is ${ticket.status}; it cannot be moved to ${target}.`, ticket };
    if (verb === 'claim' && ticket.assigneeId === staff)
      return { kind: 'invalid', reason: `${ticket.key} is already yours.`, ticket };
    if (verb === 'escalate' && ticket.escalated)
      return { kind: 'invalid', reason: `${ticket.key} is already escalated.`, ticket };
    if ((verb === 'claim' || verb === 'escalate') && (ticket.status === 'closed' || ticket.status === 'resolved'))
      return { kind: 'invalid', reason: `${ticket.key} is ${ticket.status}.`, ticket };

    const patch: TicketPatch = { updatedAt: now };
    if (target) patch.status = target;
    if (verb === 'claim') patch.assigneeId = staff;
    if (verb === 'escalate') patch.escalated = true;
    if (verb === 'resolve') patch.resolvedAt = now;
    if (verb === 'close') patch.closedAt = now;
    if (verb === 'reopen') Object.assign(patch, { resolvedAt: null, reopenCount: ticket.reopenCount + 1 });
    const surveys = verb === 'resolve' || (verb === 'close' && ticket.status !== 'resolved');
    const r = await store.commit({
      at: now,
      ticketId: ticket.id,
      expectStatus: ticket.status,
      patch,
      audits: [
        {
          actor: staff ?? actor.userId,
          action: `ticket.${verb}`,
          detail: { from: ticket.status, ...(target ? { to: target } : {}), ...(note ? { note } : {}) },
          at: now,
        },
      ],
      outbox: surveys
        ? [
            {
              platform: ticket.conversation.platform,
              conversation: ticket.conversation,
              message: surveyReply(ticket),
              dedupeKey: `survey:${ticket.key}:${ticket.reopenCount}`,
            },
          ]
        : [],
    });
    if (r.kind === 'conflict')
      return { kind: 'invalid', reason: `${ticket.key} changed meanwhile; try again.`, ticket: r.ticket ?? ticket };
    if (r.kind !== 'committed' || !r.ticket) throw new Error('ticket action committed nothing');
    return { kind: 'done', ticket: r.ticket };
  }

  /** One field change by staff, version-checked on the status it was decided on, with its audit row. */
  async function change(
    key: string,
    actor: Actor,
    decide: (
      ticket: Ticket,
      staff: string,
    ) => { patch: TicketPatch; action: string; detail: Record<string, unknown> } | string,
  ): Promise<ActionResult> {
    const ticket = await store.getTicketByKey(key);
    if (!ticket) return { kind: 'not-found', key };
    const staff = staffId(actor);
    if (!staff) return { kind: 'forbidden', reason: 'Only support staff can do that.' };
    const decision = decide(ticket, staff);
    if (typeof decision === 'string') return { kind: 'invalid', reason: decision, ticket };
    const now = clock.now();
    const r = await store.commit({
      at: now,
      ticketId: ticket.id,
      expectStatus: ticket.status,
      patch: { ...decision.patch, updatedAt: now },
      audits: [{ actor: staff, action: decision.action, detail: decision.detail, at: now }],
    });
    if (r.kind === 'conflict')
      return { kind: 'invalid', reason: `${ticket.key} changed meanwhile; try again.`, ticket: r.ticket ?? ticket };
    if (r.kind !== 'committed' || !r.ticket) throw new Error('ticket change committed nothing');
    return { kind: 'done', ticket: r.ticket };
  }

  return {
    act,
    /**
     * Assign the ticket to a staff member (or to no one with null). Who may assign whom is the caller's policy (the
     * web desk lets agents claim and managers reassign); the assignee must be a known staff member.
     */
    assign: (key: string, assigneeId: string | null, actor: Actor) =>
      change(key, actor, (ticket) => {
        if (assigneeId !== null && !directory.staffById(assigneeId)) return `"${assigneeId}" is not a staff member.`;
        if (ticket.assigneeId === assigneeId)
          return assigneeId ? `${ticket.key} is already assigned to ${assigneeId}.` : `${ticket.key} is unassigned.`;
        if (ticket.status === 'closed') return `${ticket.key} is closed.`;
        return {
          patch: { assigneeId },
          action: 'ticket.assign',
          detail: { from: ticket.assigneeId, to: assigneeId },
        };
      }),
    /** Change the priority; the SLA clocks that are running are re-timed from now by the ticket hook. */
    setPriority: (key: string, priority: Priority, actor: Actor) =>
      change(key, actor, (ticket) => {
        if (ticket.priority === priority) return `${ticket.key} is already ${priority}.`;
        if (ticket.status === 'closed') return `${ticket.key} is closed.`;
        return { patch: { priority }, action: 'ticket.priority', detail: { from: ticket.priority, to: priority } };
      }),
    /** CSAT 1-5 or NPS 0-10, from the person who opened the ticket (or someone of the same customer). */
    /** `customerId`: the customer the adapter knows the rater speaks for (a Slack shared channel's customer). */
    async rate(key: string, kind: RatingKind, score: number, actor: Actor, customerId?: string): Promise<ActionResult> {
      const ticket = await store.getTicketByKey(key);
      if (!ticket) return { kind: 'not-found', key };
      const range = kind === 'csat' ? [1, 5] : [0, 10];
      if (!Number.isInteger(score) || score < (range[0] as number) || score > (range[1] as number))
        return { kind: 'invalid', reason: `${kind.toUpperCase()} must be ${range[0]}-${range[1]}.`, ticket };
      if (staffId(actor)) return { kind: 'forbidden', reason: 'Support staff cannot rate tickets.' };
      const sameCustomer =
        ticket.customerId !== null &&
        directory.requester(actor.platform, { id: actor.userId }, customerId).customer?.id === ticket.customerId;
      if (!isRequester(ticket, actor) && !sameCustomer)
        return { kind: 'forbidden', reason: 'Only the customer who opened the ticket can rate it.' };
      const now = clock.now();
      await store.recordRating({ ticketId: ticket.id, kind, score, raterId: actor.userId, at: now });
      await store.commit({
        at: now,
        audits: [{ ticketId: ticket.id, actor: actor.userId, action: `rating.${kind}`, detail: { score }, at: now }],
      });
      return { kind: 'done', ticket };
    },
    /** Open tickets a person may see: their customer's, or only their own when they are not a known customer. */
    async visibleOpenTickets(actor: Actor, customerId?: string): Promise<Ticket[]> {
      const requester = directory.requester(actor.platform, { id: actor.userId }, customerId);
      const statuses: TicketStatus[] = ['open', 'pending'];
      if (requester.customer) return store.listTickets({ customerId: requester.customer.id, statuses, limit: 20 });
      return store.listTickets({ requesterId: actor.userId, platform: actor.platform, statuses, limit: 20 });
    },
    isStaff: (actor: Actor) => staffId(actor) !== null,
  };
}

export type TicketActions = ReturnType<typeof createTicketActions>;
