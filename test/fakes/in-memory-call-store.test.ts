import { describe, expect, it } from 'vitest';
import type { CallEffects } from '../../core/ports/call-store.js';
import type { CallOutboxRow, CallStoreUnderTest } from '../contracts/call-store-contract.js';
import { callStoreContract } from '../contracts/call-store-contract.js';
import { createInMemoryCallStore } from './in-memory-call-store.js';

/**
 * The fake keeps no outbox or audit rows: this harness applies the effects it reports as the SQL stores write them
 * (retired prefixes first, then new rows, a dedupe key queued before skipped), so the contract's effects case checks
 * that the fake reports the right effects, at the right moments.
 */
function fake(): CallStoreUnderTest {
  const outbox = new Map<string, CallOutboxRow>();
  const audits: { ticketId: number | null; actor: string; action: string; detail: Record<string, unknown> }[] = [];
  const listeners = new Set<() => void>();
  let tickets = 0;
  const calls = createInMemoryCallStore({
    onEffects(e) {
      for (const prefix of e.retireOutbox ?? [])
        for (const row of outbox.values())
          if (row.state === 'queued' && row.dedupeKey.startsWith(prefix))
            Object.assign(row, { state: 'dead', lastError: `retired: ${prefix}` });
      let queued = 0;
      for (const o of e.outbox ?? [])
        if (!outbox.has(o.dedupeKey)) {
          outbox.set(o.dedupeKey, { dedupeKey: o.dedupeKey, state: 'queued', lastError: null });
          queued++;
        }
      for (const a of e.audits ?? [])
        audits.push({ ticketId: a.ticketId ?? null, actor: a.actor, action: a.action, detail: a.detail });
      if (queued) for (const listener of [...listeners]) listener();
    },
  });
  return {
    calls,
    ticket: async () => ++tickets,
    async seedOutbox(dedupeKey, state) {
      outbox.set(dedupeKey, { dedupeKey, state, lastError: null });
    },
    outbox: async () => structuredClone([...outbox.values()]),
    audits: async (ticketId) =>
      audits.filter((a) => a.ticketId === ticketId).map(({ actor, action, detail }) => ({ actor, action, detail })),
    onOutboxQueued(listener) {
      const entry = () => listener();
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}

callStoreContract('in-memory fake', async () => fake());

describe('in-memory call store specifics', () => {
  it('reports the effects of a change that happened, audit rows given the booking ticket, and none of a refused one', async () => {
    const seen: CallEffects[] = [];
    const calls = createInMemoryCallStore({ onEffects: (e) => seen.push(e) });
    const offer = await calls.createOffer({
      ticketId: 4,
      customerId: 'acme',
      requester: { platform: 'discord', userId: 'D1', name: null, email: null },
      topic: null,
      timezone: 'UTC',
      slots: [{ staffId: 'sam', startsAt: 10, endsAt: 20 }],
      createdAt: 0,
      expiresAt: 100,
      rescheduleOf: null,
    });
    const effects: CallEffects = { audits: [{ actor: 'calls', action: 'call.booked', detail: {}, at: 1 }] };
    const month = { label: '1970-01', start: 0, end: 1_000 };
    expect(await calls.holdSlot({ offerId: offer.id, slotIndex: 0, month, limit: 1, now: 1, effects })).toMatchObject({
      kind: 'held',
    });
    expect(await calls.holdSlot({ offerId: offer.id, slotIndex: 0, month, limit: 1, now: 2, effects })).toMatchObject({
      kind: 'already-picked',
    });
    expect(seen).toEqual([{ audits: [{ ticketId: 4, actor: 'calls', action: 'call.booked', detail: {}, at: 1 }] }]);
    // What the store returns and reports is a copy: changing it changes nothing stored.
    (seen[0]?.audits?.[0] as { action: string }).action = 'changed';
    const got = await calls.getOffer(offer.id);
    got?.slots.splice(0);
    expect((await calls.getOffer(offer.id))?.slots).toHaveLength(1);
  });

  it('works without onEffects', async () => {
    const calls = createInMemoryCallStore();
    expect(await calls.setStatus(1, 'cancelled', 0, undefined, { outbox: [] })).toBeNull();
  });
});
