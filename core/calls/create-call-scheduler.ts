import type { SupportConfig } from '../config/support-config.js';
import type { Directory } from '../directory/create-directory.js';
import { addressStaff } from '../escalation/address-staff.js';
import { isSupportError } from '../errors.js';
import type { OutboundMessage } from '../model/outbound-message.js';
import type { Ticket } from '../model/ticket.js';
import type { Platform } from '../model/types.js';
import type { RenderInvite } from '../ports/calendar-invites.js';
import type { CallStore } from '../ports/call-store.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { MeetingProvider } from '../ports/meeting-provider.js';
import type { TicketStore } from '../ports/ticket-store.js';
import type { CallBooking, CallRequester, CallSlot } from './call-booking.js';
import { bookingOutbox, callKey, cancelledOutbox, offerMessage, recapOutbox, reminderPrefix } from './call-messages.js';
import { callQuota, quotaRefusal } from './call-quota.js';
import { findCallSlots } from './find-call-slots.js';
import { formatSlot } from './format-slot.js';
import { quotaMonth } from './quota-month.js';

/** Who clicked or typed: the requester, someone of the same customer, or staff. */
export interface CallActor {
  platform: Platform;
  userId: string;
  /** The customer the adapter knows the person speaks for (a Slack shared channel). */
  customerId?: string | undefined;
  isStaff?: boolean | undefined;
}

export type CallRequestOutcome =
  | { kind: 'offered'; offerId: number; message: OutboundMessage }
  | { kind: 'refused'; reason: 'no-calls' | 'quota' | 'no-customer' | 'no-slots'; text: string };

export type CallPickOutcome =
  | { kind: 'booked'; booking: CallBooking; text: string }
  | { kind: 'held'; booking: CallBooking; text: string }
  | { kind: 'refused'; text: string };

/** A pick by number (a reply by mail): a pick's outcome, or `no-offer` when the ticket has no offer to pick from. */
export type CallNumberOutcome = CallPickOutcome | { kind: 'no-offer'; text: string };

export interface CallSchedulerDeps {
  calls: CallStore;
  tickets: Pick<TicketStore, 'getTicket' | 'getTicketByKey' | 'commit'>;
  config: SupportConfig;
  directory: Directory;
  clock: Clock;
  provider: MeetingProvider;
  renderInvite: RenderInvite;
  log: Logger;
}

const H = 3_600_000;

/**
 * Video calls from request to recap. The desk checks the tier and the month's quota in the customer's zone, offers
 * the next free slots of the staff who take calls (stored, so a restart between offer and pick loses nothing), books
 * the picked slot in one transaction with the quota and calendar checks, makes the meeting link, and sends the
 * invitation and the reminders through the outbox in the booking's transaction.
 */
export function createCallScheduler(deps: CallSchedulerDeps) {
  const { calls, config, directory, clock, log } = deps;
  const organizer = {
    name: config.desk.name,
    email: config.email?.address ?? `no-reply@${uidDomain()}`,
  };
  function uidDomain() {
    return config.email?.address.split('@')[1] ?? 'support-desk.invalid';
  }
  const limitOf = (tier: Ticket['tier']) => {
    const q = config.tiers[tier].videoCallsPerMonth;
    return q === 'unlimited' ? null : q;
  };

  function invite(booking: CallBooking, method: 'REQUEST' | 'CANCEL') {
    const staff = directory.staffById(booking.staffId);
    const customer = directory.customer(booking.customerId);
    return deps.renderInvite({
      booking,
      method,
      deskName: config.desk.name,
      organizer,
      staff: { name: staff?.name ?? booking.staffId, email: staff?.email ?? null },
      customer: {
        name: booking.requester.name ?? customer?.name ?? booking.customerId,
        email: booking.requester.email,
      },
      uidDomain: uidDomain(),
    });
  }

  const staffConversation = (staffId: string) => {
    const staff = directory.staffById(staffId);
    const address = staff ? addressStaff(staff, config) : null;
    return address && !address.viaStaffChannel ? address.conversation : null;
  };

  const mayAct = (actor: CallActor, customerId: string, requester: CallRequester) =>
    actor.isStaff === true ||
    directory.staffByIdentity(actor.platform, actor.userId) !== undefined ||
    (actor.platform === requester.platform && actor.userId === requester.userId) ||
    directory.requester(actor.platform, { id: actor.userId }, actor.customerId).customer?.id === customerId;

  async function offerSlots(
    ticket: Ticket,
    requester: CallRequester,
    topic: string | null,
    rescheduleOf: CallBooking | null,
  ): Promise<CallRequestOutcome> {
    const customer = ticket.customerId ? directory.customer(ticket.customerId) : undefined;
    const tier = customer?.tier ?? 'community';
    const now = clock.now();
    const timezone = customer?.timezone ?? 'UTC';
    const month = quotaMonth(now, timezone);
    const used = customer ? (await calls.countedBookings(customer.id, month.start, month.end)).length : 0;
    const quota = callQuota(config.tiers[tier].videoCallsPerMonth, rescheduleOf ? Math.max(0, used - 1) : used);
    if (!customer || quota.kind === 'none' || quota.kind === 'exhausted')
      return {
        kind: 'refused',
        reason: !customer ? 'no-customer' : quota.kind === 'none' ? 'no-calls' : 'quota',
        text: quotaRefusal({ tier, quota, month, timezone }),
      };
    const takers = directory.staff.filter((s) => s.calls);
    const horizon = now + config.calls.horizonDays * 24 * H;
    const busy = await calls.busyTimes(
      takers.map((s) => s.id),
      now,
      horizon,
    );
    const slots = findCallSlots({
      staff: takers,
      busy,
      now,
      calls: config.calls,
      holidays: config.businessHours.holidays,
      customer: { timezone, tier },
      businessHours: config.businessHours,
    });
    if (!slots.length)
      return {
        kind: 'refused',
        reason: 'no-slots',
        text: `No one can take a video call in the next ${config.calls.horizonDays} days. Tell us in this thread what you need and we will find a time with you.`,
      };
    const offer = await calls.createOffer({
      ticketId: ticket.id,
      customerId: customer.id,
      requester,
      topic,
      timezone,
      slots,
      createdAt: now,
      expiresAt: now + config.calls.offerValidHours * H,
      rescheduleOf: rescheduleOf?.id ?? null,
    });
    const message = offerMessage(offer, rescheduleOf !== null);
    // The offer is shown where the customer talks to us: the ticket's thread (a button per slot, or numbered lines).
    await deps.tickets.commit({
      at: now,
      ticketId: ticket.id,
      audits: [
        {
          actor: 'calls',
          action: rescheduleOf ? 'call.reschedule-offered' : 'call.offered',
          detail: { offer: offer.id, slots: slots.map((s) => ({ staff: s.staffId, startsAt: s.startsAt })) },
          at: now,
        },
      ],
      outbox: [
        {
          platform: ticket.conversation.platform,
          conversation: ticket.conversation,
          message,
          dedupeKey: `call-offer:${offer.id}`,
        },
      ],
    });
    log.info({ ticket: ticket.key, offer: offer.id, slots: slots.length }, 'video call slots offered');
    return { kind: 'offered', offerId: offer.id, message };
  }

  /** Make the meeting and confirm a held booking, with its messages; on a provider failure it stays held (retried). */
  async function confirmHeld(booking: CallBooking): Promise<CallPickOutcome> {
    const ticket = await deps.tickets.getTicket(booking.ticketId);
    if (!ticket) return { kind: 'refused', text: 'The ticket of this call is gone.' };
    const staff = directory.staffById(booking.staffId);
    let meeting;
    try {
      meeting = await deps.provider.create({
        bookingId: booking.id,
        title: `${config.desk.name}: ${booking.topic ?? `support call (${ticket.key})`}`,
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        timezone: booking.timezone,
        hostEmail: staff?.email ?? null,
      });
    } catch (err) {
      log.warn({ booking: booking.id, err: isSupportError(err) ? err.code : String(err) }, 'meeting link not made yet');
      return {
        kind: 'held',
        booking,
        text: `Your call ${callKey(booking)} is booked for ${formatSlot(booking, booking.timezone)}; the meeting link and invitation follow shortly.`,
      };
    }
    const now = clock.now();
    const confirmed = {
      ...booking,
      status: 'confirmed' as const,
      provider: deps.provider.name,
      meetingUrl: meeting.url,
      meetingId: meeting.meetingId,
    };
    const done = await calls.confirm(
      booking.id,
      { provider: deps.provider.name, url: meeting.url, meetingId: meeting.meetingId },
      now,
      {
        audits: [
          {
            ticketId: booking.ticketId,
            actor: 'calls',
            action: 'call.confirmed',
            detail: { call: callKey(booking), staff: booking.staffId, startsAt: booking.startsAt, url: meeting.url },
            at: now,
          },
        ],
        outbox: bookingOutbox({
          booking: confirmed,
          ticket,
          staff,
          invite: invite(confirmed, 'REQUEST'),
          remindersMinutes: config.calls.remindersMinutes,
          now,
          staffConversation: staffConversation(booking.staffId),
        }),
      },
    );
    if (!done) return { kind: 'refused', text: `Call ${callKey(booking)} was cancelled meanwhile.` };
    return {
      kind: 'booked',
      booking: done,
      text: `Booked: ${callKey(done)}, ${formatSlot(done, done.timezone)}. Join: ${done.meetingUrl}`,
    };
  }

  const scheduler = {
    /**
     * Whether this customer can book a call now (before a ticket is opened for the request): null when they can, else
     * the sentence that says why not (no customer, a tier without calls, the month's quota used).
     */
    async eligibility(customerId: string | null): Promise<string | null> {
      const customer = customerId ? directory.customer(customerId) : undefined;
      const tier = customer?.tier ?? 'community';
      const timezone = customer?.timezone ?? 'UTC';
      const month = quotaMonth(clock.now(), timezone);
      const used = customer ? (await calls.countedBookings(customer.id, month.start, month.end)).length : 0;
      const quota = callQuota(config.tiers[tier].videoCallsPerMonth, used);
      return !customer || quota.kind === 'none' || quota.kind === 'exhausted'
        ? quotaRefusal({ tier, quota, month, timezone })
        : null;
    },
    /** A customer asked for a call on this ticket: the slots, offered in its conversation, or why there are none. */
    request: (ticket: Ticket, requester: CallRequester, topic: string | null) =>
      offerSlots(ticket, requester, topic, null),

    /** A slot was picked (a button, or a number replied by mail). */
    async pick(offerId: number, slotIndex: number, actor: CallActor): Promise<CallPickOutcome> {
      const offer = await calls.getOffer(offerId);
      if (!offer) return { kind: 'refused', text: 'That offer is unknown: ask for a call again.' };
      if (!mayAct(actor, offer.customerId, offer.requester))
        return { kind: 'refused', text: 'Only the customer who asked (or support staff) can pick a time.' };
      const slot = offer.slots[slotIndex];
      if (!slot) return { kind: 'refused', text: `Pick a number from 1 to ${offer.slots.length}.` };
      const ticket = await deps.tickets.getTicket(offer.ticketId);
      if (!ticket) return { kind: 'refused', text: 'The ticket of this call is gone.' };
      const now = clock.now();
      const month = quotaMonth(slot.startsAt, offer.timezone);
      const limit = limitOf(ticket.tier);
      if (offer.rescheduleOf !== null) {
        if (now > offer.expiresAt && offer.bookingId === null)
          return { kind: 'refused', text: 'Those times are no longer held: ask to reschedule again for fresh ones.' };
        return reschedule(offer.rescheduleOf, slot, month, limit, ticket, offerId);
      }
      const r = await calls.holdSlot({
        offerId,
        slotIndex,
        month,
        limit,
        now,
        effects: {
          audits: [
            {
              ticketId: ticket.id,
              actor: `${actor.platform}:${actor.userId}`,
              action: 'call.booked',
              detail: { offer: offerId, staff: slot.staffId, startsAt: slot.startsAt, endsAt: slot.endsAt },
              at: now,
            },
          ],
        },
      });
      switch (r.kind) {
        case 'held':
          return confirmHeld(r.booking);
        case 'already-picked':
          return {
            kind: 'refused',
            text: `This offer was used already: ${callKey(r.booking)}, ${formatSlot(r.booking, r.booking.timezone)}.`,
          };
        case 'offer-expired':
          return { kind: 'refused', text: 'Those times are no longer held: ask for a call again for fresh ones.' };
        case 'offer-unknown':
          return { kind: 'refused', text: 'That offer is unknown: ask for a call again.' };
        case 'slot-taken':
          return { kind: 'refused', text: 'That time was just taken: pick another one, or ask again for fresh times.' };
        case 'quota-exhausted':
          return {
            kind: 'refused',
            text: quotaRefusal({
              tier: ticket.tier,
              quota: { kind: 'exhausted', used: r.used, limit: r.limit },
              month,
              timezone: offer.timezone,
            }),
          };
      }
    },

    /**
     * A number replied by mail: slot `n` (1-based) of the ticket's newest offer. `no-offer` when the ticket has none
     * (the number is something else: the adapter leaves it to the engine); refused when that offer was picked already
     * or has expired (a reschedule offer too, which `pick` alone does not check), else picked as a button would.
     */
    async pickByNumber(ticketId: number, n: number, actor: CallActor): Promise<CallNumberOutcome> {
      const offer = await calls.latestOfferOfTicket(ticketId);
      if (!offer) return { kind: 'no-offer', text: 'No times were offered on this ticket: ask for a call first.' };
      if (!mayAct(actor, offer.customerId, offer.requester))
        return { kind: 'refused', text: 'Only the customer who asked (or support staff) can pick a time.' };
      const booked = offer.bookingId === null ? null : await calls.getBooking(offer.bookingId);
      if (booked)
        return {
          kind: 'refused',
          text: `This offer was used already: ${callKey(booked)}, ${formatSlot(booked, booked.timezone)}.`,
        };
      if (clock.now() > offer.expiresAt)
        return { kind: 'refused', text: 'Those times are no longer held: ask for a call again for fresh ones.' };
      return scheduler.pick(offer.id, n - 1, actor);
    },

    /** The ticket's calls still to come (held or confirmed, not yet ended), soonest first. */
    async upcoming(ticketId: number): Promise<CallBooking[]> {
      const now = clock.now();
      return (await calls.bookingsOfTicket(ticketId))
        .filter((b) => (b.status === 'confirmed' || b.status === 'held') && b.endsAt > now)
        .sort((a, b) => a.startsAt - b.startsAt);
    },

    /** New slots for an existing booking; picking one moves it. */
    async offerReschedule(
      bookingId: number,
      actor: CallActor,
    ): Promise<CallRequestOutcome | { kind: 'refused'; reason: 'not-found'; text: string }> {
      const booking = await calls.getBooking(bookingId);
      if (!booking || (booking.status !== 'confirmed' && booking.status !== 'held'))
        return {
          kind: 'refused',
          reason: 'not-found',
          text: `There is no upcoming call ${callKey({ id: bookingId })}.`,
        };
      if (!mayAct(actor, booking.customerId, booking.requester))
        return {
          kind: 'refused',
          reason: 'not-found',
          text: 'Only the customer who booked (or support staff) can move the call.',
        };
      const ticket = await deps.tickets.getTicket(booking.ticketId);
      if (!ticket) return { kind: 'refused', reason: 'not-found', text: 'The ticket of this call is gone.' };
      return offerSlots(ticket, booking.requester, booking.topic, booking);
    },

    async cancel(bookingId: number, actor: CallActor): Promise<{ kind: 'cancelled' | 'refused'; text: string }> {
      const booking = await calls.getBooking(bookingId);
      if (!booking || (booking.status !== 'confirmed' && booking.status !== 'held'))
        return { kind: 'refused', text: `There is no upcoming call ${callKey({ id: bookingId })}.` };
      if (!mayAct(actor, booking.customerId, booking.requester))
        return { kind: 'refused', text: 'Only the customer who booked (or support staff) can cancel the call.' };
      const ticket = await deps.tickets.getTicket(booking.ticketId);
      if (!ticket) return { kind: 'refused', text: 'The ticket of this call is gone.' };
      const now = clock.now();
      const cancelled = { ...booking, status: 'cancelled' as const, sequence: booking.sequence + 1 };
      const done = await calls.setStatus(bookingId, 'cancelled', now, undefined, {
        retireOutbox: [reminderPrefix(booking)],
        audits: [
          {
            ticketId: booking.ticketId,
            actor: `${actor.platform}:${actor.userId}`,
            action: 'call.cancelled',
            detail: { call: callKey(booking) },
            at: now,
          },
        ],
        outbox: cancelledOutbox(cancelled, ticket, invite(cancelled, 'CANCEL')),
      });
      if (!done) return { kind: 'refused', text: `Call ${callKey(booking)} changed meanwhile.` };
      if (booking.meetingId)
        await deps.provider
          .remove(booking.meetingId)
          .catch((err: unknown) => log.warn({ booking: bookingId, err: String(err) }, 'meeting not deleted'));
      return { kind: 'cancelled', text: `Call ${callKey(booking)} is cancelled.` };
    },

    /** After the call: the staff member's summary and follow-ups; the customer gets the recap in their thread. */
    async done(
      ticketKey: string,
      summary: string,
      actor: CallActor,
    ): Promise<{ kind: 'done' | 'refused'; text: string }> {
      const staff = directory.staffByIdentity(actor.platform, actor.userId);
      if (!staff) return { kind: 'refused', text: 'Only support staff can record a call.' };
      const ticket = await deps.tickets.getTicketByKey(ticketKey.toUpperCase());
      if (!ticket) return { kind: 'refused', text: `No ticket ${ticketKey}.` };
      const booking = (await calls.bookingsOfTicket(ticket.id))
        .filter((b) => b.status === 'confirmed' || b.status === 'held')
        .sort((a, b) => a.startsAt - b.startsAt)[0];
      if (!booking) return { kind: 'refused', text: `${ticket.key} has no booked call to record.` };
      const lines = summary.split('\n').map((l) => l.trim());
      const followUps = lines.filter((l) => /^[-*•]\s+/.test(l)).map((l) => l.replace(/^[-*•]\s+/, ''));
      const text = lines.filter((l) => l && !/^[-*•]\s+/.test(l)).join('\n');
      if (!text && !followUps.length) return { kind: 'refused', text: 'Add a summary of the call.' };
      const now = clock.now();
      const recorded = { ...booking, status: 'done' as const, summary: text, followUps };
      const done = await calls.setStatus(
        booking.id,
        'done',
        now,
        { summary: text, followUps },
        {
          retireOutbox: [reminderPrefix(booking)],
          audits: [
            {
              ticketId: ticket.id,
              actor: staff.id,
              action: 'call.done',
              detail: { call: callKey(booking), followUps: followUps.length },
              at: now,
            },
          ],
          outbox: [recapOutbox(recorded, ticket, staff)],
        },
      );
      if (!done) return { kind: 'refused', text: `Call ${callKey(booking)} changed meanwhile.` };
      return {
        kind: 'done',
        text: `Recorded ${callKey(booking)} on ${ticket.key}; the recap is on its way to the customer.`,
      };
    },

    /** Retry meeting links of bookings still held after a provider failure (the runtime calls this every minute). */
    async confirmStuck(olderThanMs = 60_000): Promise<number> {
      const now = clock.now();
      const held = (await calls.bookingsBetween(now, now + 400 * 24 * H)).filter(
        (b) => b.status === 'held' && b.createdAt <= now - olderThanMs,
      );
      let confirmed = 0;
      for (const b of held) if ((await confirmHeld(b)).kind === 'booked') confirmed++;
      return confirmed;
    },

    /** Booked, held and remaining calls of a customer this month (dashboard, report). */
    async usage(customerId: string) {
      const customer = directory.customer(customerId);
      if (!customer) return null;
      const month = quotaMonth(clock.now(), customer.timezone);
      const counted = await calls.countedBookings(customerId, month.start, month.end);
      const limit = limitOf(customer.tier);
      return {
        month: month.label,
        booked: counted.length,
        held: counted.filter((b) => b.status === 'done').length,
        remaining: limit === null ? null : Math.max(0, limit - counted.length),
        limit,
      };
    },
  };
  return scheduler;

  async function reschedule(
    bookingId: number,
    slot: CallSlot,
    month: ReturnType<typeof quotaMonth>,
    limit: number | null,
    ticket: Ticket,
    offerId: number,
  ): Promise<CallPickOutcome> {
    const booking = await calls.getBooking(bookingId);
    if (!booking) return { kind: 'refused', text: `There is no call ${callKey({ id: bookingId })}.` };
    // A second click on the same time (or another instance's retry) finds the call there already: nothing to move.
    if (booking.startsAt === slot.startsAt && booking.staffId === slot.staffId)
      return { kind: 'refused', text: `${callKey(booking)} is at ${formatSlot(booking, booking.timezone)} already.` };
    const now = clock.now();
    const moved = { ...booking, ...slot, sequence: booking.sequence + 1 };
    const staff = directory.staffById(slot.staffId);
    const r = await calls.reschedule({
      id: bookingId,
      slot,
      offerId,
      month,
      limit,
      now,
      effects: {
        retireOutbox: [reminderPrefix(booking)],
        audits: [
          {
            ticketId: ticket.id,
            actor: 'calls',
            action: 'call.rescheduled',
            detail: {
              call: callKey(booking),
              offer: offerId,
              from: booking.startsAt,
              to: slot.startsAt,
              staff: slot.staffId,
            },
            at: now,
          },
        ],
        outbox: bookingOutbox({
          booking: moved,
          ticket,
          staff,
          invite: invite(moved, 'REQUEST'),
          remindersMinutes: config.calls.remindersMinutes,
          now,
          staffConversation: staffConversation(slot.staffId),
        }),
      },
    });
    if (r.kind !== 'rescheduled')
      return {
        kind: 'refused',
        text:
          r.kind === 'offer-used'
            ? `These times were used already: ${callKey(r.booking)} is at ${formatSlot(r.booking, r.booking.timezone)}.`
            : r.kind === 'slot-taken'
              ? 'That time was just taken: pick another one.'
              : r.kind === 'quota-exhausted'
                ? quotaRefusal({
                    tier: ticket.tier,
                    quota: { kind: 'exhausted', used: r.used, limit: r.limit },
                    month,
                    timezone: booking.timezone,
                  })
                : `Call ${callKey(booking)} cannot be moved now.`,
      };
    if (booking.meetingId)
      await deps.provider
        .move(booking.meetingId, {
          bookingId,
          title: `${config.desk.name}: ${booking.topic ?? `support call (${ticket.key})`}`,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          timezone: booking.timezone,
          hostEmail: staff?.email ?? null,
        })
        .catch((err: unknown) => log.warn({ booking: bookingId, err: String(err) }, 'meeting not moved'));
    return {
      kind: 'booked',
      booking: r.booking,
      text: `Moved ${callKey(r.booking)} to ${formatSlot(r.booking, r.booking.timezone)}.`,
    };
  }
}

export type CallScheduler = ReturnType<typeof createCallScheduler>;
