import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/classifier/seeded-random.js';
import type { NewTicketMessage, RatingKind, TicketPatch } from '../../core/model/ticket.js';
import type { AnalyticsStore, TimeRange } from '../../core/ports/analytics-store.js';
import type { SupportStore } from '../../core/ports/support-store.js';
import type { SeedTicket } from './analytics-contract-seed.js';
import { D, H, MIDNIGHT, NOW, openSeedTicket } from './analytics-contract-seed.js';
import type { DeskModel } from './analytics-reference-facts.js';
import { expectReferenceFigures } from './analytics-reference-facts.js';

export type AnalyticsStores = { analytics: AnalyticsStore; support: SupportStore };

/** 150 varied tickets over 60 days (unanswered past or before their due time, one or two staff replies, ratings). */
function randomTickets(): { ticket: SeedTicket; ratings: { kind: RatingKind; score: number; at: number }[] }[] {
  const r = seededRandom(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: 150 }, () => {
    const created = NOW - Math.floor(r() * 60 * D);
    const due = r() < 0.15 ? null : created + Math.floor(r() * 30 * H);
    const responded = r() < 0.85 && created + 10 * H < NOW ? created + Math.floor(r() * 10 * H) : null;
    const resolved = responded !== null && r() < 0.7 ? responded + Math.floor(r() * 2 * D) : null;
    const ticket: SeedTicket = {
      status: resolved === null ? pick(['open', 'pending', 'closed'] as const) : pick(['resolved', 'closed'] as const),
      priority: pick(['critical', 'high', 'medium', 'low'] as const),
      category: pick(['bug', 'setup-help', 'data-loss'] as const),
      tier: pick(['community', 'enterprise'] as const),
      platform: pick(['slack', 'github'] as const),
      agent: r() < 0.2 ? null : pick(['alice', 'bob', 'carol']),
      customer: pick([null, 'acme', 'globex']),
      created,
      due,
      responded,
      resolved,
      reopen: r() < 0.1 ? 1 : 0,
      escalated: r() < 0.1,
      staffReplies: responded === null ? 0 : r() < 0.3 ? 2 : 1,
    };
    const ratings: { kind: RatingKind; score: number; at: number }[] = [];
    if (resolved !== null && r() < 0.4)
      ratings.push({
        kind: 'csat',
        score: 1 + Math.floor(r() * 5),
        at: Math.min(resolved + Math.floor(r() * 3 * D), NOW - 1),
      });
    if (resolved !== null && r() < 0.3)
      ratings.push({ kind: 'nps', score: Math.floor(r() * 11), at: Math.min(resolved + H, NOW - 1) });
    return { ticket, ratings };
  });
}

/**
 * The period figures follow every write made through the SupportStore port (what SQLite's daily roll-ups must keep up
 * with), checked against a reference computed from what was written (analytics-reference-facts.ts): whole and partial
 * days, across midnight, at several `now`s.
 */
export function analyticsChangesContract(name: string, make: () => Promise<AnalyticsStores>): void {
  describe(`AnalyticsStore contract: ${name}: figures follow the writes`, () => {
    let s: AnalyticsStores;
    const model: DeskModel = { tickets: new Map(), ratings: new Map() };

    const open = async (t: SeedTicket) => {
      const ticket = await openSeedTicket(s.support, t);
      model.tickets.set(ticket.id, { ...t });
      return ticket.id;
    };
    const rate = async (ticketId: number, kind: RatingKind, score: number, at: number) => {
      await s.support.recordRating({ ticketId, kind, score, raterId: 'u1', at });
      model.ratings.set(`${ticketId}:${kind}`, { ticketId, kind, score, at });
    };
    const staffReply = (at: number): NewTicketMessage => ({
      ...{ platform: 'slack', eventId: null, messageId: null, authorId: 'alice', authorName: null },
      ...{ role: 'staff', text: 'fixed', at },
    });
    /** Patch the ticket (and add staff replies) in one commit; `effect` is that change in the seed's terms. */
    const change = async (id: number, patch: TicketPatch, effect: Partial<SeedTicket>, replies: number[] = []) => {
      const messages = replies.map((at) => ({ ...staffReply(at), ticketId: id }));
      expect((await s.support.commit({ ticketId: id, patch, messages })).kind).toBe('committed');
      const t = model.tickets.get(id) as SeedTicket;
      Object.assign(t, effect, { staffReplies: t.staffReplies + replies.length });
    };
    const unanswered = (created: number, due: number): SeedTicket => ({
      ...{ tier: 'enterprise', platform: 'slack', category: 'bug', priority: 'high', agent: 'alice', customer: null },
      ...{ status: 'open', created, due, responded: null, resolved: null, staffReplies: 0 },
    });
    const totals = async (range: TimeRange, now = NOW) => {
      const f = await s.analytics.ticketFacts(range, now);
      const sum = (k: 'tickets' | 'slaMissed' | 'resolved') => f.groups.reduce((n, g) => n + g[k], 0);
      return { tickets: sum('tickets'), missed: sum('slaMissed'), resolved: sum('resolved'), daily: f.daily };
    };
    const last30 = { from: NOW - 30 * D, to: NOW };
    /** Every range (whole days, partial days, across midnight) at every `now` gives the reference figures. */
    async function expectReference() {
      for (const now of [NOW, MIDNIGHT, NOW - 3 * D + 1])
        for (const range of [
          { from: now - 30 * D, to: now },
          { from: now - 90 * D, to: now },
          { from: MIDNIGHT - 2 * D, to: MIDNIGHT },
          { from: MIDNIGHT - 1, to: MIDNIGHT + 1 },
          { from: NOW - 5 * H, to: NOW - 2 * H },
        ])
          await expectReferenceFigures(s.analytics, model, range, now);
    }

    beforeAll(async () => {
      s = await make();
      for (const { ticket, ratings } of randomTickets()) {
        const id = await open(ticket);
        for (const r of ratings) await rate(id, r.kind, r.score, r.at);
      }
    });

    it('gives the figures of the seeded tickets and ratings', async () => {
      const all = await totals({ from: NOW - 90 * D, to: NOW });
      expect(all.tickets).toBe(150);
      expect(all.missed).toBeGreaterThan(0);
      await expectReference();
    });

    it('follows new tickets, resolves, replies, ratings, reassignment and reopening', async () => {
      const before = await totals(last30);
      // The last millisecond of one day and the first of the next; one unanswered past due, one not yet due.
      const b1 = await open(unanswered(MIDNIGHT - 1, MIDNIGHT - 1 + H));
      await open(unanswered(MIDNIGHT, NOW + H));
      const after = await totals(last30);
      expect(after.tickets).toBe(before.tickets + 2);
      expect(after.missed).toBe(before.missed + 1);
      expect(after.daily.at(-2)!.tickets - before.daily.at(-2)!.tickets).toBe(1);
      expect(after.daily.at(-1)!.tickets - before.daily.at(-1)!.tickets).toBe(1);
      await expectReference();
      // Answer and resolve B-1 with one staff reply: answered late now, instead of unanswered past due.
      await change(
        b1,
        { status: 'resolved', firstResponseAt: MIDNIGHT + H, resolvedAt: MIDNIGHT + 2 * H },
        { status: 'resolved', responded: MIDNIGHT + H, resolved: MIDNIGHT + 2 * H },
        [MIDNIGHT + H],
      );
      const resolved = await totals(last30);
      expect(resolved.resolved).toBe(after.resolved + 1);
      expect(resolved.missed).toBe(after.missed);
      await expectReference();
      // A rating, then a changed score (one rating per ticket and kind), then reassignment moves its slice.
      await rate(b1, 'csat', 5, NOW - H);
      await rate(b1, 'csat', 2, NOW - H);
      await change(b1, { assigneeId: 'dave' }, { agent: 'dave' });
      const dave = (await s.analytics.ratingGroups(last30)).filter((g) => g.agent === 'dave');
      expect(dave.map((g) => [g.kind, g.score, g.count])).toEqual([['csat', 2, 1]]);
      await expectReference();
      // Reopen: resolved_at cleared, reopen_count bumped; a second staff reply ends first-contact resolution.
      await change(
        b1,
        { status: 'open', resolvedAt: null, reopenCount: 1 },
        { status: 'open', resolved: null, reopen: 1 },
        [NOW - 1],
      );
      expect((await totals(last30)).resolved).toBe(after.resolved);
      await expectReference();
      // Old tickets too: resolving one from 50 days ago.
      const old = [...model.tickets.entries()].find(
        ([, t]) => t.created < NOW - 50 * D && t.resolved === null && t.responded !== null,
      );
      if (!old) throw new Error('the seed has no old unresolved answered ticket');
      await change(
        old[0],
        { status: 'resolved', resolvedAt: old[1].created + D },
        { status: 'resolved', resolved: old[1].created + D },
      );
      await expectReference();
    });
  });
}
