import { describe, expect, it } from 'vitest';
import type { CallBooking, CallRequester, CallSlot, NewCallOffer, QuotaMonth } from '../../core/calls/call-booking.js';
import type { NewOutboxItem } from '../../core/model/outbound-message.js';
import type { NewTicket } from '../../core/model/ticket.js';
import type { CallEffects, CallStore } from '../../core/ports/call-store.js';

/** An outbox row as the contract sees it. */
export interface CallOutboxRow {
  dedupeKey: string;
  state: 'queued' | 'sent' | 'dead';
  lastError: string | null;
}

/** A call store, and what the contract needs around it: tickets to point at, the outbox and the audit log. */
export interface CallStoreUnderTest {
  calls: CallStore;
  /** A new ticket (bookings, offers and audit rows point at tickets); its id. */
  ticket(): Promise<number>;
  /** An outbox row written by someone else before: still queued, or sent already. */
  seedOutbox(dedupeKey: string, state: 'queued' | 'sent'): Promise<void>;
  outbox(): Promise<CallOutboxRow[]>;
  /** The audit rows of a ticket, oldest first. */
  audits(ticketId: number): Promise<{ actor: string; action: string; detail: Record<string, unknown> }[]>;
  /** The wake-up of the outbox dispatcher (the support store's OutboxStore.onOutboxQueued). */
  onOutboxQueued(listener: () => void): () => void;
}

const T0 = Date.UTC(2026, 2, 10, 9); // Tuesday 10 March 2026, 09:00 UTC
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const month = (year: number, m: number): QuotaMonth => ({
  label: `${year}-${String(m + 1).padStart(2, '0')}`,
  start: Date.UTC(year, m, 1),
  end: Date.UTC(year, m + 1, 1),
});
const MARCH = month(2026, 2);
const APRIL = month(2026, 3);

/** A ticket for a harness to open (a conversation of its own each: one open ticket per conversation). */
export function callContractTicket(n: number): NewTicket {
  return {
    status: 'open',
    priority: 'medium',
    category: 'setup-help',
    tier: 'enterprise',
    customerId: 'acme',
    requesterId: 'U1',
    requesterName: 'Ann',
    conversation: { platform: 'slack', channelId: 'C1', threadId: `1.${n}` },
    subject: 'A call please',
    assigneeId: null,
    createdAt: T0,
    updatedAt: T0,
    firstResponseDueAt: null,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    escalated: false,
  };
}

/** The same cases against every CallStore implementation. */
export function callStoreContract(name: string, make: () => Promise<CallStoreUnderTest>): void {
  const requester: CallRequester = { platform: 'slack', userId: 'U1', name: 'Ann', email: 'ann@acme.test' };
  const slot = (staffId: string, startsAt: number, minutes = 30): CallSlot => ({
    staffId,
    startsAt,
    endsAt: startsAt + minutes * MIN,
  });
  const newOffer = async (
    s: CallStoreUnderTest,
    over: Partial<NewCallOffer> = {},
  ): Promise<ReturnType<CallStore['createOffer']>> =>
    s.calls.createOffer({
      ticketId: over.ticketId ?? (await s.ticket()),
      customerId: 'acme',
      requester,
      topic: 'Setting up SSO',
      timezone: 'UTC',
      slots: [slot('sam', T0 + DAY)],
      createdAt: T0,
      expiresAt: T0 + 2 * H,
      rescheduleOf: null,
      ...over,
    });
  type HoldOptions = { customerId?: string; limit?: number | null; month?: QuotaMonth; effects?: CallEffects };
  const hold = async (s: CallStoreUnderTest, at: CallSlot, o: HoldOptions = {}) => {
    const offer = await newOffer(s, { customerId: o.customerId ?? 'acme', slots: [at] });
    return s.calls.holdSlot({
      offerId: offer.id,
      slotIndex: 0,
      month: o.month ?? MARCH,
      limit: o.limit ?? null,
      now: T0,
      ...(o.effects ? { effects: o.effects } : {}),
    });
  };
  /** A held booking of `at`. */
  const book = async (s: CallStoreUnderTest, at: CallSlot, o: HoldOptions = {}): Promise<CallBooking> => {
    const r = await hold(s, at, o);
    if (r.kind !== 'held') throw new Error(`not held: ${r.kind}`);
    return r.booking;
  };
  const item = (dedupeKey: string, nextAttemptAt?: number): NewOutboxItem => ({
    platform: 'slack',
    conversation: { platform: 'slack', channelId: 'C1', threadId: '1.1' },
    message: { text: `message ${dedupeKey}` },
    dedupeKey,
    ...(nextAttemptAt !== undefined ? { nextAttemptAt } : {}),
  });
  const outboxByKey = async (s: CallStoreUnderTest) =>
    Object.fromEntries((await s.outbox()).map((r) => [r.dedupeKey, r.state]));

  describe(`CallStore contract: ${name}`, () => {
    it('creates an offer and reads it back; an unknown offer is null', async () => {
      const s = await make();
      const ticketId = await s.ticket();
      const slots = [slot('sam', T0 + DAY), slot('kim', T0 + DAY + 2 * H, 45)];
      const offer = await newOffer(s, { ticketId, slots });
      expect(offer).toEqual({
        id: expect.any(Number),
        ticketId,
        customerId: 'acme',
        requester,
        topic: 'Setting up SSO',
        timezone: 'UTC',
        slots,
        createdAt: T0,
        expiresAt: T0 + 2 * H,
        rescheduleOf: null,
        bookingId: null,
      });
      expect(await s.calls.getOffer(offer.id)).toEqual(offer);
      const other = await newOffer(s, {
        requester: { platform: 'email', userId: 'bob@beta.test', name: null, email: null },
        topic: null,
        timezone: 'Europe/Berlin',
        rescheduleOf: 7,
      });
      expect(other.id).not.toBe(offer.id);
      expect(await s.calls.getOffer(other.id)).toMatchObject({
        requester: { platform: 'email', userId: 'bob@beta.test', name: null, email: null },
        topic: null,
        timezone: 'Europe/Berlin',
        rescheduleOf: 7,
        bookingId: null,
      });
      expect(await s.calls.getOffer(other.id + 1000)).toBeNull();
    });

    it("reads a ticket's newest offer (a number replied by mail picks from it), picked or not", async () => {
      const s = await make();
      const ticketId = await s.ticket();
      expect(await s.calls.latestOfferOfTicket(ticketId)).toBeNull();
      const first = await newOffer(s, { ticketId });
      const other = await newOffer(s);
      expect(await s.calls.latestOfferOfTicket(ticketId)).toEqual(first);
      const second = await newOffer(s, { ticketId, slots: [slot('kim', T0 + 2 * DAY)] });
      await s.calls.holdSlot({ offerId: second.id, slotIndex: 0, month: MARCH, limit: null, now: T0 });
      expect(await s.calls.latestOfferOfTicket(ticketId)).toMatchObject({
        id: second.id,
        bookingId: expect.any(Number),
      });
      expect(await s.calls.latestOfferOfTicket(other.ticketId)).toEqual(other);
    });

    it('holds the picked slot: a held booking with every field, and the offer marked picked', async () => {
      const s = await make();
      const slots = [slot('sam', T0 + DAY), slot('kim', T0 + DAY + 2 * H, 45)];
      const offer = await newOffer(s, { slots });
      const r = await s.calls.holdSlot({ offerId: offer.id, slotIndex: 1, month: MARCH, limit: 3, now: T0 + MIN });
      expect(r).toEqual({
        kind: 'held',
        booking: {
          id: expect.any(Number),
          offerId: offer.id,
          ticketId: offer.ticketId,
          customerId: 'acme',
          staffId: 'kim',
          requester,
          topic: 'Setting up SSO',
          timezone: 'UTC',
          startsAt: T0 + DAY + 2 * H,
          endsAt: T0 + DAY + 2 * H + 45 * MIN,
          status: 'held',
          provider: null,
          meetingUrl: null,
          meetingId: null,
          sequence: 0,
          summary: null,
          followUps: [],
          createdAt: T0 + MIN,
          updatedAt: T0 + MIN,
        },
      });
      if (r.kind !== 'held') return;
      expect(await s.calls.getBooking(r.booking.id)).toEqual(r.booking);
      expect((await s.calls.getOffer(offer.id))?.bookingId).toBe(r.booking.id);
      expect(await s.calls.bookingsOfTicket(offer.ticketId)).toEqual([r.booking]);
      expect(await s.calls.getBooking(r.booking.id + 1000)).toBeNull();
    });

    it('answers a second pick of the same offer (any slot, even after expiry) with the booking it made', async () => {
      const s = await make();
      const offer = await newOffer(s, { slots: [slot('sam', T0 + DAY), slot('kim', T0 + 2 * DAY)] });
      const first = await s.calls.holdSlot({ offerId: offer.id, slotIndex: 0, month: MARCH, limit: 5, now: T0 });
      if (first.kind !== 'held') throw new Error(first.kind);
      const again = await s.calls.holdSlot({ offerId: offer.id, slotIndex: 1, month: MARCH, limit: 5, now: T0 + 1 });
      expect(again).toEqual({ kind: 'already-picked', booking: first.booking });
      const late = await s.calls.holdSlot({ offerId: offer.id, slotIndex: 0, month: MARCH, limit: 5, now: T0 + DAY });
      expect(late).toEqual({ kind: 'already-picked', booking: first.booking });
      expect(await s.calls.bookingsOfTicket(offer.ticketId)).toHaveLength(1);
    });

    it('refuses an expired offer and an unknown one (or slot), writing nothing', async () => {
      const s = await make();
      const offer = await newOffer(s);
      const pick = (offerId: number, now: number, slotIndex = 0) =>
        s.calls.holdSlot({ offerId, slotIndex, month: MARCH, limit: null, now });
      expect(await pick(offer.id, offer.expiresAt + 1)).toEqual({ kind: 'offer-expired' });
      expect(await pick(offer.id + 1000, T0)).toEqual({ kind: 'offer-unknown' });
      expect(await pick(offer.id, T0, 1)).toEqual({ kind: 'offer-unknown' });
      expect(await s.calls.bookingsOfTicket(offer.ticketId)).toEqual([]);
      expect((await s.calls.getOffer(offer.id))?.bookingId).toBeNull();
      // Up to and at expiresAt the pick is taken.
      expect((await pick(offer.id, offer.expiresAt)).kind).toBe('held');
    });

    it("counts the customer's month: the limit refuses with used/limit; other months, cancelled calls and no limit do not", async () => {
      const s = await make();
      const first = await book(s, slot('sam', T0 + DAY), { limit: 1 });
      expect(await hold(s, slot('kim', T0 + 2 * DAY), { limit: 1 })).toEqual({
        kind: 'quota-exhausted',
        used: 1,
        limit: 1,
      });
      // Another customer's month is their own.
      expect((await hold(s, slot('kim', T0 + 2 * DAY), { limit: 1, customerId: 'beta' })).kind).toBe('held');
      // The next month (the caller names the slot's month).
      expect((await hold(s, slot('sam', APRIL.start + DAY), { limit: 1, month: APRIL })).kind).toBe('held');
      expect(await hold(s, slot('lee', T0 + 3 * DAY), { limit: 2 })).toMatchObject({ kind: 'held' });
      expect(await hold(s, slot('lee', T0 + 4 * DAY), { limit: 2 })).toEqual({
        kind: 'quota-exhausted',
        used: 2,
        limit: 2,
      });
      // A cancelled call gives its place back; done and no-show calls keep theirs.
      expect(await s.calls.setStatus(first.id, 'cancelled', T0 + H)).toMatchObject({ status: 'cancelled' });
      const third = await book(s, slot('lee', T0 + 5 * DAY), { limit: 2 });
      await s.calls.setStatus(third.id, 'no-show', T0 + 6 * DAY);
      expect(await hold(s, slot('lee', T0 + 7 * DAY), { limit: 2 })).toMatchObject({
        kind: 'quota-exhausted',
        used: 2,
      });
      // A limit of 0 refuses the first call; null is unlimited.
      expect(await hold(s, slot('ray', T0 + DAY), { limit: 0, customerId: 'gamma' })).toEqual({
        kind: 'quota-exhausted',
        used: 0,
        limit: 0,
      });
      for (let i = 0; i < 4; i++) expect((await hold(s, slot('ray', T0 + (10 + i) * DAY))).kind).toBe('held');
      // acme's March: lee +3d, the no-show and the four unlimited ones.
      expect(await s.calls.countedBookings('acme', MARCH.start, MARCH.end)).toHaveLength(6);
    });

    it("keeps a staff member's calendar: overlaps refused, touching edges and other staff allowed, cancelled time free", async () => {
      const s = await make();
      const at = T0 + DAY; // 10:00 the next day
      const first = await book(s, slot('sam', at), { customerId: 'acme' });
      expect(await hold(s, slot('sam', at + 15 * MIN), { customerId: 'beta' })).toEqual({ kind: 'slot-taken' });
      expect(await hold(s, slot('sam', at - 15 * MIN), { customerId: 'beta' })).toEqual({ kind: 'slot-taken' });
      expect(await hold(s, slot('sam', at - 30 * MIN, 120), { customerId: 'beta' })).toEqual({ kind: 'slot-taken' });
      expect(await hold(s, slot('sam', at), { customerId: 'acme' })).toEqual({ kind: 'slot-taken' });
      expect((await hold(s, slot('sam', at + 30 * MIN), { customerId: 'beta' })).kind).toBe('held');
      expect((await hold(s, slot('sam', at - 30 * MIN), { customerId: 'gamma' })).kind).toBe('held');
      expect((await hold(s, slot('kim', at), { customerId: 'beta' })).kind).toBe('held');
      await s.calls.setStatus(first.id, 'cancelled', T0 + H);
      expect((await hold(s, slot('sam', at), { customerId: 'delta' })).kind).toBe('held');
      // A done call still fills the time it had.
      const done = await book(s, slot('lee', at));
      await s.calls.setStatus(done.id, 'done', at + H, { summary: 'ok' });
      expect(await hold(s, slot('lee', at + 10 * MIN), { customerId: 'beta' })).toEqual({ kind: 'slot-taken' });
    });

    it('confirms a held booking with its meeting, once; not a cancelled or unknown one', async () => {
      const s = await make();
      const b = await book(s, slot('sam', T0 + DAY));
      const meeting = { provider: 'jitsi', url: 'https://meet.jit.si/desk-1', meetingId: null };
      const confirmed = await s.calls.confirm(b.id, meeting, T0 + MIN);
      expect(confirmed).toEqual({
        ...b,
        status: 'confirmed',
        provider: 'jitsi',
        meetingUrl: 'https://meet.jit.si/desk-1',
        meetingId: null,
        updatedAt: T0 + MIN,
      });
      expect(await s.calls.getBooking(b.id)).toEqual(confirmed);
      expect(await s.calls.confirm(b.id, { ...meeting, url: 'https://other' }, T0 + 2 * MIN)).toBeNull();
      expect(await s.calls.getBooking(b.id)).toEqual(confirmed);
      const c = await book(s, slot('kim', T0 + DAY));
      await s.calls.setStatus(c.id, 'cancelled', T0 + MIN);
      expect(await s.calls.confirm(c.id, meeting, T0 + 2 * MIN)).toBeNull();
      expect((await s.calls.getBooking(c.id))?.status).toBe('cancelled');
      expect(await s.calls.confirm(c.id + 1000, meeting, T0)).toBeNull();
      const zoom = await book(s, slot('lee', T0 + DAY));
      expect(
        await s.calls.confirm(zoom.id, { provider: 'zoom', url: 'https://zoom.test/j/1', meetingId: '1' }, T0),
      ).toMatchObject({ status: 'confirmed', provider: 'zoom', meetingId: '1' });
    });

    it('reschedules a held or confirmed booking: sequence + 1, the quota and the calendar checked without itself', async () => {
      const s = await make();
      const b = await book(s, slot('sam', T0 + DAY), { limit: 1 });
      const meeting = { provider: 'zoom', url: 'https://zoom.test/j/9', meetingId: '9' };
      await s.calls.confirm(b.id, meeting, T0);
      const move = (id: number, to: CallSlot, o: { limit?: number | null; month?: QuotaMonth; now?: number } = {}) =>
        s.calls.reschedule({ id, slot: to, month: o.month ?? MARCH, limit: o.limit ?? 1, now: o.now ?? T0 + H });
      // Within the month, and overlapping its own old time: it does not count or block itself.
      const moved = await move(b.id, slot('sam', T0 + DAY + 15 * MIN));
      expect(moved).toEqual({
        kind: 'rescheduled',
        booking: {
          ...b,
          status: 'confirmed',
          provider: 'zoom',
          meetingUrl: 'https://zoom.test/j/9',
          meetingId: '9',
          startsAt: T0 + DAY + 15 * MIN,
          endsAt: T0 + DAY + 45 * MIN,
          sequence: 1,
          updatedAt: T0 + H,
        },
      });
      // To another staff member: the old time is free then.
      const toKim = await move(b.id, slot('kim', T0 + 2 * DAY, 60), { now: T0 + 2 * H });
      expect(toKim).toMatchObject({
        kind: 'rescheduled',
        booking: { staffId: 'kim', startsAt: T0 + 2 * DAY, endsAt: T0 + 2 * DAY + H, sequence: 2 },
      });
      expect((await hold(s, slot('sam', T0 + DAY), { customerId: 'beta' })).kind).toBe('held');
      // Into sam's booked time: taken.
      expect(await move(b.id, slot('sam', T0 + DAY + 10 * MIN))).toEqual({ kind: 'slot-taken' });
      // Into a month that is full already.
      await book(s, slot('lee', APRIL.start + DAY), { month: APRIL, limit: 1 });
      expect(await move(b.id, slot('kim', APRIL.start + 2 * DAY), { month: APRIL })).toEqual({
        kind: 'quota-exhausted',
        used: 1,
        limit: 1,
      });
      expect((await move(b.id, slot('kim', APRIL.start + 2 * DAY), { month: APRIL, limit: 2 })).kind).toBe(
        'rescheduled',
      );
      expect(await s.calls.getBooking(b.id)).toMatchObject({ startsAt: APRIL.start + 2 * DAY, sequence: 3 });
      // Refused moves changed nothing; unknown and ended bookings are answered as such.
      expect(await move(b.id + 1000, slot('kim', T0 + 3 * DAY))).toEqual({ kind: 'not-found' });
      await s.calls.setStatus(b.id, 'cancelled', T0 + 3 * H);
      expect(await move(b.id, slot('kim', T0 + 3 * DAY))).toEqual({ kind: 'invalid', status: 'cancelled' });
      expect(await s.calls.getBooking(b.id)).toMatchObject({ status: 'cancelled', sequence: 4 });
      const held = await book(s, slot('ray', T0 + DAY), { customerId: 'gamma' });
      expect(await move(held.id, slot('ray', T0 + 3 * DAY), { limit: null })).toMatchObject({
        kind: 'rescheduled',
        booking: { status: 'held', sequence: 1 },
      });
    });

    it('sets the status: cancel bumps the sequence, done keeps the summary; only the allowed changes', async () => {
      const s = await make();
      const a = await book(s, slot('sam', T0 + DAY));
      const cancelled = await s.calls.setStatus(a.id, 'cancelled', T0 + H);
      expect(cancelled).toEqual({ ...a, status: 'cancelled', sequence: 1, updatedAt: T0 + H });
      expect(await s.calls.getBooking(a.id)).toEqual(cancelled);
      for (const to of ['cancelled', 'done', 'no-show'] as const)
        expect(await s.calls.setStatus(a.id, to, T0 + 2 * H)).toBeNull();
      expect(await s.calls.getBooking(a.id)).toEqual(cancelled);

      const b = await book(s, slot('kim', T0 + DAY));
      await s.calls.confirm(b.id, { provider: 'jitsi', url: 'https://meet.jit.si/x', meetingId: null }, T0);
      const done = await s.calls.setStatus(b.id, 'done', T0 + DAY + H, {
        summary: 'Walked through the SSO setup.',
        followUps: ['Send the SAML metadata', 'Check again Friday'],
      });
      expect(done).toMatchObject({
        status: 'done',
        sequence: 0,
        summary: 'Walked through the SSO setup.',
        followUps: ['Send the SAML metadata', 'Check again Friday'],
        meetingUrl: 'https://meet.jit.si/x',
        updatedAt: T0 + DAY + H,
      });
      expect(await s.calls.getBooking(b.id)).toEqual(done);
      // done ↔ no-show corrections, keeping what was recorded; nothing else after done.
      expect(await s.calls.setStatus(b.id, 'no-show', T0 + DAY + 2 * H)).toMatchObject({
        status: 'no-show',
        summary: 'Walked through the SSO setup.',
        followUps: ['Send the SAML metadata', 'Check again Friday'],
        sequence: 0,
      });
      expect(await s.calls.setStatus(b.id, 'no-show', T0 + DAY + 3 * H)).toBeNull();
      expect(await s.calls.setStatus(b.id, 'cancelled', T0 + DAY + 3 * H)).toBeNull();
      expect(await s.calls.setStatus(b.id, 'done', T0 + DAY + 3 * H, { summary: 'They came late.' })).toMatchObject({
        status: 'done',
        summary: 'They came late.',
        followUps: ['Send the SAML metadata', 'Check again Friday'],
      });
      expect(await s.calls.setStatus(b.id, 'done', T0 + DAY + 4 * H)).toBeNull();

      const c = await book(s, slot('lee', T0 + DAY));
      expect(await s.calls.setStatus(c.id, 'no-show', T0 + DAY + H)).toMatchObject({ status: 'no-show', sequence: 0 });
      expect(await s.calls.setStatus(c.id + 1000, 'cancelled', T0)).toBeNull();
    });

    it('reads bookings by ticket, by customer and month (counted only), staff calendars and all in a range', async () => {
      const s = await make();
      const at = T0 + DAY;
      const a = await book(s, slot('sam', at + 2 * H)); // acme, later
      const b = await book(s, slot('kim', at)); // acme, earlier
      const c = await book(s, slot('sam', at), { customerId: 'beta' });
      const d = await book(s, slot('lee', at + H)); // acme, cancelled below
      const e = await book(s, slot('sam', APRIL.start), { month: APRIL }); // acme, April 1st 00:00
      const f = await book(s, slot('kim', MARCH.start)); // acme, March 1st 00:00
      await s.calls.setStatus(d.id, 'cancelled', T0);
      await s.calls.setStatus(b.id, 'done', at + H, { summary: 's' });
      const ids = (xs: CallBooking[]) => xs.map((x) => x.id);

      expect(ids(await s.calls.countedBookings('acme', MARCH.start, MARCH.end))).toEqual([f.id, b.id, a.id]);
      expect(ids(await s.calls.countedBookings('acme', MARCH.start, APRIL.end))).toEqual([f.id, b.id, a.id, e.id]);
      expect(ids(await s.calls.countedBookings('beta', MARCH.start, MARCH.end))).toEqual([c.id]);
      expect(await s.calls.countedBookings('nobody', MARCH.start, MARCH.end)).toEqual([]);
      expect((await s.calls.countedBookings('acme', MARCH.start, MARCH.end))[1]).toEqual(
        await s.calls.getBooking(b.id),
      );

      expect(await s.calls.busyTimes(['sam', 'lee'], at, at + DAY)).toEqual([slot('sam', at), slot('sam', at + 2 * H)]);
      // Overlapping the range's edges counts; touching it does not.
      expect(await s.calls.busyTimes(['sam'], at + 15 * MIN, at + 2 * H + 15 * MIN)).toEqual([
        slot('sam', at),
        slot('sam', at + 2 * H),
      ]);
      expect(await s.calls.busyTimes(['sam'], at + 30 * MIN, at + 2 * H)).toEqual([]);
      expect(await s.calls.busyTimes(['kim', 'nobody'], MARCH.start, MARCH.end)).toEqual([
        slot('kim', MARCH.start),
        slot('kim', at),
      ]);
      expect(await s.calls.busyTimes([], MARCH.start, APRIL.end)).toEqual([]);

      // Any status, by start (then id).
      expect(ids(await s.calls.bookingsBetween(at, at + DAY))).toEqual([b.id, c.id, d.id, a.id]);
      expect(ids(await s.calls.bookingsBetween(MARCH.start, APRIL.start))).toHaveLength(5);
      expect(ids(await s.calls.bookingsBetween(APRIL.start, APRIL.end))).toEqual([e.id]);

      const ticketId = await s.ticket();
      const offer = await newOffer(s, { ticketId, slots: [slot('ray', at)] });
      const second = await newOffer(s, { ticketId, slots: [slot('ray', at + DAY)] });
      await s.calls.holdSlot({ offerId: second.id, slotIndex: 0, month: MARCH, limit: null, now: T0 });
      await s.calls.holdSlot({ offerId: offer.id, slotIndex: 0, month: MARCH, limit: null, now: T0 });
      const ofTicket = await s.calls.bookingsOfTicket(ticketId);
      expect(ofTicket.map((x) => x.offerId)).toEqual([second.id, offer.id]);
      expect(await s.calls.bookingsOfTicket(a.ticketId)).toEqual([await s.calls.getBooking(a.id)]);
      expect(await s.calls.bookingsOfTicket(ticketId + 1000)).toEqual([]);
    });

    it('writes the audit and outbox rows of a change with it, retires stale reminders first, and wakes the outbox', async () => {
      const s = await make();
      let wakes = 0;
      s.onOutboxQueued(() => wakes++);
      const ticketId = await s.ticket();
      const offer = await newOffer(s, { ticketId });
      const held = await s.calls.holdSlot({
        offerId: offer.id,
        slotIndex: 0,
        month: MARCH,
        limit: null,
        now: T0,
        effects: {
          audits: [
            { ticketId, actor: 'slack:U1', action: 'call.booked', detail: { offer: offer.id }, at: T0 },
            { actor: 'calls', action: 'call.noted', detail: {}, at: T0 }, // no ticketId: the booking's ticket
          ],
          outbox: [item(`offer:${offer.id}:picked`)],
        },
      });
      if (held.kind !== 'held') throw new Error(held.kind);
      const b = held.booking;
      expect(wakes).toBe(1);
      expect(await s.audits(ticketId)).toEqual([
        { actor: 'slack:U1', action: 'call.booked', detail: { offer: offer.id } },
        { actor: 'calls', action: 'call.noted', detail: {} },
      ]);
      expect(await outboxByKey(s)).toEqual({ [`offer:${offer.id}:picked`]: 'queued' });

      const mine = `call-reminder:${b.id}:`;
      await s.seedOutbox(`${mine}0:60`, 'queued');
      await s.seedOutbox(`${mine}0:1440`, 'sent');
      await s.seedOutbox(`call-reminder:${b.id}0:0:60`, 'queued'); // another booking whose id starts alike
      await s.seedOutbox('a_b%:1', 'queued');
      await s.seedOutbox('aXbY:1', 'queued'); // would match an unescaped a_b%
      await s.seedOutbox('back\\slash:1', 'queued');
      await s.seedOutbox('backslash:1', 'queued'); // would match an unescaped back\slash
      await s.seedOutbox(`CALL-REMINDER:${b.id}:0:60`, 'queued'); // keys are case-sensitive
      const moved = await s.calls.reschedule({
        id: b.id,
        slot: slot('sam', T0 + 2 * DAY),
        month: MARCH,
        limit: null,
        now: T0 + H,
        effects: {
          retireOutbox: [mine, 'a_b%', 'back\\slash:'],
          // The new reminder shares the retired prefix: written after the retirement, it stays queued. The duplicate
          // of a key queued before is skipped without failing the change.
          outbox: [item(`${mine}1:60`, T0 + 2 * DAY - H), item(`offer:${offer.id}:picked`)],
          audits: [{ ticketId, actor: 'calls', action: 'call.rescheduled', detail: { from: b.startsAt }, at: T0 + H }],
        },
      });
      expect(moved.kind).toBe('rescheduled');
      expect(wakes).toBe(2);
      expect(await outboxByKey(s)).toEqual({
        [`offer:${offer.id}:picked`]: 'queued',
        [`${mine}0:60`]: 'dead',
        [`${mine}0:1440`]: 'sent',
        [`call-reminder:${b.id}0:0:60`]: 'queued',
        'a_b%:1': 'dead',
        'aXbY:1': 'queued',
        'back\\slash:1': 'dead',
        'backslash:1': 'queued',
        [`CALL-REMINDER:${b.id}:0:60`]: 'queued',
        [`${mine}1:60`]: 'queued',
      });
      const retired = (await s.outbox()).find((r) => r.dedupeKey === `${mine}0:60`);
      expect(retired?.lastError).toMatch(/^retired: /);
      expect((await s.audits(ticketId)).map((a) => a.action)).toEqual([
        'call.booked',
        'call.noted',
        'call.rescheduled',
      ]);

      // A change that queues only keys queued before still commits, and wakes nobody.
      const cancelled = await s.calls.setStatus(b.id, 'cancelled', T0 + 2 * H, undefined, {
        retireOutbox: [mine],
        outbox: [item(`offer:${offer.id}:picked`)],
        audits: [{ ticketId, actor: 'calls', action: 'call.cancelled', detail: {}, at: T0 + 2 * H }],
      });
      expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 2 });
      expect(wakes).toBe(2);
      expect((await outboxByKey(s))[`${mine}1:60`]).toBe('dead');

      // A refused change writes none of its effects.
      const refusedEffects: CallEffects = {
        retireOutbox: ['a'],
        outbox: [item('never')],
        audits: [{ ticketId, actor: 'calls', action: 'never', detail: {}, at: T0 }],
      };
      expect(
        await s.calls.confirm(b.id, { provider: 'jitsi', url: 'u', meetingId: null }, T0, refusedEffects),
      ).toBeNull();
      expect(await s.calls.setStatus(b.id, 'done', T0, undefined, refusedEffects)).toBeNull();
      expect(
        await s.calls.reschedule({
          id: b.id,
          slot: slot('sam', T0 + 3 * DAY),
          month: MARCH,
          limit: null,
          now: T0,
          effects: refusedEffects,
        }),
      ).toEqual({ kind: 'invalid', status: 'cancelled' });
      expect(
        await s.calls.holdSlot({
          offerId: offer.id,
          slotIndex: 0,
          month: MARCH,
          limit: null,
          now: T0,
          effects: refusedEffects,
        }),
      ).toMatchObject({ kind: 'already-picked' });
      expect((await s.audits(ticketId)).map((a) => a.action)).not.toContain('never');
      expect(await outboxByKey(s)).not.toHaveProperty('never');
      expect((await outboxByKey(s))['aXbY:1']).toBe('queued');
      expect(wakes).toBe(2);

      // Confirm's effects.
      const c = await book(s, slot('kim', T0 + DAY));
      await s.calls.confirm(c.id, { provider: 'jitsi', url: 'u', meetingId: null }, T0, {
        outbox: [item(`call:${c.id}:booked`)],
        audits: [{ actor: 'calls', action: 'call.confirmed', detail: {}, at: T0 }],
      });
      expect(wakes).toBe(3);
      expect((await s.audits(c.ticketId)).map((a) => a.action)).toEqual(['call.confirmed']);
    });

    it('ten holds at once for one customer with a limit of 1: exactly one is held', async () => {
      const s = await make();
      const offers = [];
      for (let i = 0; i < 10; i++) offers.push(await newOffer(s, { slots: [slot(`staff-${i}`, T0 + (i + 1) * DAY)] }));
      const results = await Promise.all(
        offers.map((o) => s.calls.holdSlot({ offerId: o.id, slotIndex: 0, month: MARCH, limit: 1, now: T0 })),
      );
      expect(results.filter((r) => r.kind === 'held')).toHaveLength(1);
      expect(results.filter((r) => r.kind !== 'held')).toEqual(
        Array.from({ length: 9 }, () => ({ kind: 'quota-exhausted', used: 1, limit: 1 })),
      );
      expect(await s.calls.countedBookings('acme', MARCH.start, MARCH.end)).toHaveLength(1);
    });

    it("ten customers at once for one staff member's slot: exactly one gets it", async () => {
      const s = await make();
      const at = slot('sam', T0 + DAY);
      const offers = [];
      for (let i = 0; i < 10; i++) offers.push(await newOffer(s, { customerId: `customer-${i}`, slots: [at] }));
      const results = await Promise.all(
        offers.map((o) => s.calls.holdSlot({ offerId: o.id, slotIndex: 0, month: MARCH, limit: 1, now: T0 })),
      );
      expect(results.filter((r) => r.kind === 'held')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'slot-taken')).toHaveLength(9);
      expect(await s.calls.busyTimes(['sam'], MARCH.start, MARCH.end)).toEqual([at]);
    });

    it('ten picks of one offer at once: one booking, the others are told about it', async () => {
      const s = await make();
      const offer = await newOffer(s, { slots: [slot('sam', T0 + DAY), slot('kim', T0 + DAY)] });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          s.calls.holdSlot({ offerId: offer.id, slotIndex: i % 2, month: MARCH, limit: null, now: T0 }),
        ),
      );
      const held = results.filter((r) => r.kind === 'held');
      expect(held).toHaveLength(1);
      const booking = held[0]!.booking;
      expect(results.filter((r) => r.kind === 'already-picked')).toEqual(
        Array.from({ length: 9 }, () => ({ kind: 'already-picked', booking })),
      );
      expect(await s.calls.bookingsOfTicket(offer.ticketId)).toEqual([booking]);
    });

    it('ten picks of one reschedule offer at once (different times): the call moves once, the others are told', async () => {
      const s = await make();
      const b = await book(s, slot('sam', T0 + DAY));
      const times = Array.from({ length: 10 }, (_, i) => slot(i % 2 ? 'kim' : 'sam', T0 + (2 + i) * DAY));
      const offer = await newOffer(s, { ticketId: b.ticketId, slots: times, rescheduleOf: b.id });
      const results = await Promise.all(
        times.map((to) =>
          s.calls.reschedule({ id: b.id, slot: to, offerId: offer.id, month: MARCH, limit: null, now: T0 + H }),
        ),
      );
      const moved = results.filter((r) => r.kind === 'rescheduled');
      expect(moved).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'offer-used')).toHaveLength(9);
      const after = await s.calls.getBooking(b.id);
      expect(after).toMatchObject({ sequence: 1, startsAt: moved[0]!.booking.startsAt });
      expect(await s.calls.getOffer(offer.id)).toMatchObject({ bookingId: b.id });
      // A refused move leaves the offer open: it can still be picked.
      const other = await book(s, slot('lee', T0 + DAY), { customerId: 'beta' });
      const second = await newOffer(s, { ticketId: b.ticketId, slots: [slot('lee', T0 + DAY)], rescheduleOf: b.id });
      const moveToLee = () =>
        s.calls.reschedule({
          id: b.id,
          slot: slot('lee', T0 + DAY),
          offerId: second.id,
          month: MARCH,
          limit: null,
          now: T0 + H,
        });
      expect(await moveToLee()).toEqual({ kind: 'slot-taken' });
      expect(await s.calls.getOffer(second.id)).toMatchObject({ bookingId: null });
      await s.calls.setStatus(other.id, 'cancelled', T0 + H);
      expect((await moveToLee()).kind).toBe('rescheduled');
    });
  });
}
