import { describe, expect, it } from 'vitest';
import { createInMemoryCallStore } from '../../test/fakes/in-memory-call-store.js';
import { DEFAULT_TIERS } from '../config/default-tiers.js';
import type { CallStore } from '../ports/call-store.js';
import type { BookingStatus, CallBooking } from './call-booking.js';
import { callUsageRow, callUsageRows, tierHasCalls } from './call-usage-rows.js';
import { quotaMonth } from './quota-month.js';

const MIN = 60_000;
const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
const globex = { id: 'globex', name: 'Globex', tier: 'professional' as const, timezone: BERLIN };
const acme = { id: 'acme', name: 'Acme Corp', tier: 'enterprise' as const, timezone: NY };
const hooli = { id: 'hooli', name: 'Hooli', tier: 'community' as const, timezone: 'UTC' };

let nextId = 1;
function booking(customerId: string, startsAt: number, status: BookingStatus): CallBooking {
  return {
    id: nextId++,
    offerId: null,
    ticketId: 1,
    customerId,
    staffId: 'alice',
    requester: { platform: 'slack', userId: 'U1', name: null, email: null },
    topic: null,
    timezone: BERLIN,
    startsAt,
    endsAt: startsAt + 30 * MIN,
    status,
    provider: null,
    meetingUrl: null,
    meetingId: null,
    sequence: 0,
    summary: null,
    followUps: [],
    createdAt: startsAt - 86_400_000,
    updatedAt: startsAt - 86_400_000,
  };
}

describe('callUsageRow', () => {
  const march = quotaMonth(Date.parse('2026-03-10T12:00:00Z'), BERLIN);

  it('counts held, confirmed, done and no-show in the month as booked, done as held, and the rest of the quota', () => {
    const row = callUsageRow({
      customer: globex,
      limit: 3,
      month: march,
      bookings: [
        booking('globex', Date.parse('2026-03-02T10:00:00Z'), 'done'),
        booking('globex', Date.parse('2026-03-20T10:00:00Z'), 'confirmed'),
        booking('globex', Date.parse('2026-03-21T10:00:00Z'), 'cancelled'),
        booking('acme', Date.parse('2026-03-22T10:00:00Z'), 'confirmed'),
        // 00:30 on 1 April in Berlin (22:30 UTC on 31 March): next month there.
        booking('globex', Date.parse('2026-03-31T22:30:00Z'), 'held'),
      ],
    });
    expect(row).toEqual({
      customerId: 'globex',
      name: 'Globex',
      tier: 'professional',
      timezone: BERLIN,
      month: '2026-03',
      booked: 2,
      held: 1,
      remaining: 1,
      limit: 3,
    });
  });

  it('never shows fewer than 0 remaining (a quota lowered mid-month), and says unlimited or none', () => {
    const bookings = (['held', 'confirmed', 'done', 'no-show'] as const).map((s, i) =>
      booking('globex', march.start + (i + 1) * 86_400_000, s),
    );
    const row = (limit: number | 'unlimited') => callUsageRow({ customer: globex, limit, month: march, bookings });
    expect(row(1)).toMatchObject({ booked: 4, held: 1, remaining: 0, limit: 1 });
    expect(row('unlimited')).toMatchObject({ booked: 4, held: 1, remaining: 'unlimited' });
    expect(row(0)).toMatchObject({ booked: 4, remaining: 'none' });
    expect([tierHasCalls(0), tierHasCalls(1), tierHasCalls('unlimited')]).toEqual([false, true, true]);
  });
});

describe('callUsageRows', () => {
  /** A booking in the fake store through an offer and a hold (and a status change after it). */
  async function book(calls: CallStore, customerId: string, startsAt: number, status: BookingStatus) {
    const offer = await calls.createOffer({
      ticketId: nextId++,
      customerId,
      requester: { platform: 'slack', userId: 'U1', name: null, email: null },
      topic: null,
      timezone: 'UTC',
      slots: [{ staffId: `staff-${nextId}`, startsAt, endsAt: startsAt + 30 * MIN }],
      createdAt: 0,
      expiresAt: Number.MAX_SAFE_INTEGER,
      rescheduleOf: null,
    });
    const month = quotaMonth(startsAt, 'UTC');
    const held = await calls.holdSlot({ offerId: offer.id, slotIndex: 0, month, limit: null, now: 0 });
    if (held.kind !== 'held') throw new Error(held.kind);
    if (status === 'confirmed')
      await calls.confirm(held.booking.id, { provider: 'jitsi', url: 'https://meet.test/x', meetingId: null }, 0);
    else if (status !== 'held') await calls.setStatus(held.booking.id, status, 0);
  }

  it('has a row for each customer whose tier has calls, for the month of now in their own zone', async () => {
    const calls = createInMemoryCallStore();
    // 22:30 UTC on 31 March: 00:30 on 1 April in Berlin, 18:30 on 31 March in New York.
    const now = Date.parse('2026-03-31T22:30:00Z');
    await book(calls, 'globex', Date.parse('2026-03-31T21:00:00Z'), 'done'); // 23:00 on 31 March in Berlin: March
    await book(calls, 'globex', Date.parse('2026-04-02T08:00:00Z'), 'confirmed');
    await book(calls, 'acme', Date.parse('2026-03-31T20:00:00Z'), 'done');
    await book(calls, 'acme', Date.parse('2026-04-01T03:30:00Z'), 'held'); // 23:30 on 31 March in New York
    await book(calls, 'acme', Date.parse('2026-03-30T15:00:00Z'), 'cancelled');
    await book(calls, 'hooli', Date.parse('2026-03-30T15:00:00Z'), 'confirmed'); // community: no row

    const rows = await callUsageRows({ customers: [acme, hooli, globex], tiers: DEFAULT_TIERS, calls, now });
    expect(rows).toEqual([
      {
        customerId: 'acme',
        name: 'Acme Corp',
        tier: 'enterprise',
        timezone: NY,
        month: '2026-03',
        booked: 2,
        held: 1,
        remaining: 'unlimited',
        limit: 'unlimited',
      },
      {
        customerId: 'globex',
        name: 'Globex',
        tier: 'professional',
        timezone: BERLIN,
        month: '2026-04',
        booked: 1,
        held: 0,
        remaining: 0,
        limit: 1,
      },
    ]);
  });

  it('follows the tier table: a tier given calls in the configuration shows, one without them does not', async () => {
    const calls = createInMemoryCallStore();
    const tiers = {
      ...DEFAULT_TIERS,
      community: { ...DEFAULT_TIERS.community, videoCallsPerMonth: 2 },
      professional: { ...DEFAULT_TIERS.professional, videoCallsPerMonth: 0 },
    };
    const rows = await callUsageRows({ customers: [globex, hooli], tiers, calls, now: Date.UTC(2026, 2, 10) });
    expect(rows.map((r) => [r.customerId, r.booked, r.held, r.remaining])).toEqual([['hooli', 0, 0, 2]]);
  });
});
