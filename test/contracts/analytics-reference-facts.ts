import { expect } from 'vitest';
import type { RatingKind } from '../../core/model/ticket.js';
import type { Millis } from '../../core/model/types.js';
import type {
  AnalyticsStore,
  CustomerSupportRow,
  DailyTicketRow,
  DurationRow,
  TicketGroupRow,
  TimeRange,
} from '../../core/ports/analytics-store.js';
import type { SeedTicket } from './analytics-contract-seed.js';

const DAY = 86_400_000;

/** What the test wrote through the SupportStore port, kept beside the store to compute the expected figures. */
export interface DeskModel {
  tickets: Map<number, SeedTicket>;
  /** By `${ticketId}:${kind}`: one rating per ticket and kind. */
  ratings: Map<string, { ticketId: number; kind: RatingKind; score: number; at: Millis }>;
}

const inRange = (at: number, r: TimeRange) => at >= r.from && at < r.to;
const dimsOf = (t: SeedTicket) => ({
  tier: t.tier,
  platform: t.platform,
  category: t.category,
  priority: t.priority,
  agent: t.agent,
});
const bump = <T>(map: Map<string, T>, key: string, init: () => T, add: (row: T) => void) => {
  const row = map.get(key) ?? map.set(key, init()).get(key)!;
  add(row);
};
/** Rows as order-free values (key order too), for comparing with what a store returns. */
export const canon = (rows: readonly object[]) => rows.map((x) => JSON.stringify(x, Object.keys(x).sort())).sort();

/** Each ticket's contribution, as the AnalyticsStore port defines it (the doc comments of TicketGroupRow). */
function flagsOf(t: SeedTicket, now: number) {
  const answered = t.responded !== null;
  return {
    hit: t.due !== null && answered && (t.responded as number) <= t.due ? 1 : 0,
    missed: t.due !== null && (answered ? (t.responded as number) > t.due : t.due < now) ? 1 : 0,
    fcr: t.resolved !== null && t.staffReplies === 1 ? 1 : 0,
    escalated: t.escalated ? 1 : 0,
    reopened: (t.reopen ?? 0) > 0 ? 1 : 0,
    everResolved: t.resolved !== null || (t.reopen ?? 0) > 0 ? 1 : 0,
    active: t.status === 'open' || t.status === 'pending' ? 1 : 0,
  };
}

/** The ticket facts, ratings and per-customer figures a store must give for the model. */
export function referenceFigures(model: DeskModel, range: TimeRange, now: number) {
  const groups = new Map<string, TicketGroupRow>();
  const daily = new Map<string, DailyTicketRow>();
  const durations: DurationRow[] = [];
  const customers = new Map<string, CustomerSupportRow>();
  const blankCustomer = (customerId: string): CustomerSupportRow => ({
    customerId,
    ...{ tickets: 0, critical: 0, high: 0, escalated: 0, slaMissed: 0, active: 0 },
    ...{ csatCount: 0, csatSum: 0, npsCount: 0, npsPromoters: 0, npsDetractors: 0 },
  });
  for (const t of model.tickets.values()) {
    if (!inRange(t.created, range)) continue;
    const f = flagsOf(t, now);
    const fr = t.responded === null ? null : t.responded - t.created;
    const rs = t.resolved === null ? null : t.resolved - t.created;
    const day = Math.floor(t.created / DAY) * DAY;
    const blank = { tickets: 0, responded: 0, responseMsSum: 0, slaHit: 0, slaMissed: 0, resolved: 0 };
    const rest = { resolutionMsSum: 0, fcr: 0, escalated: 0, reopened: 0, everResolved: 0, active: 0 };
    bump(
      groups,
      JSON.stringify(dimsOf(t)),
      () => ({ ...dimsOf(t), ...blank, ...rest }),
      (g) => {
        g.tickets++;
        if (fr !== null) Object.assign(g, { responded: g.responded + 1, responseMsSum: g.responseMsSum + fr });
        if (rs !== null) Object.assign(g, { resolved: g.resolved + 1, resolutionMsSum: g.resolutionMsSum + rs });
        g.slaHit += f.hit;
        g.slaMissed += f.missed;
        g.fcr += f.fcr;
        g.escalated += f.escalated;
        g.reopened += f.reopened;
        g.everResolved += f.everResolved;
        g.active += f.active;
      },
    );
    bump(
      daily,
      String(day),
      () => ({ day, tickets: 0, slaHit: 0, slaMissed: 0, resolved: 0 }),
      (d) => {
        Object.assign(d, { tickets: d.tickets + 1, slaHit: d.slaHit + f.hit, slaMissed: d.slaMissed + f.missed });
        if (rs !== null) d.resolved++;
      },
    );
    if (fr !== null || rs !== null) durations.push({ ...dimsOf(t), day, firstResponseMs: fr, resolutionMs: rs });
    if (t.customer !== null)
      bump(
        customers,
        t.customer,
        () => blankCustomer(t.customer as string),
        (c) => {
          c.tickets++;
          if (t.priority === 'critical') c.critical++;
          if (t.priority === 'high') c.high++;
          c.escalated += f.escalated;
          c.slaMissed += f.missed;
          c.active += f.active;
        },
      );
  }
  const ratingGroups = new Map<string, object & { count: number }>();
  const dailyRatings = new Map<string, { day: number; kind: RatingKind; score: number; count: number }>();
  for (const r of model.ratings.values()) {
    if (!inRange(r.at, range)) continue;
    const t = model.tickets.get(r.ticketId) as SeedTicket;
    const group = { ...dimsOf(t), kind: r.kind, score: r.score };
    bump(
      ratingGroups,
      JSON.stringify(group),
      () => ({ ...group, count: 0 }),
      (g) => void g.count++,
    );
    const day = Math.floor(r.at / DAY) * DAY;
    bump(
      dailyRatings,
      `${day}:${r.kind}:${r.score}`,
      () => ({ day, kind: r.kind, score: r.score, count: 0 }),
      (d) => {
        d.count++;
      },
    );
    if (t.customer !== null)
      bump(
        customers,
        t.customer,
        () => blankCustomer(t.customer as string),
        (c) => {
          if (r.kind === 'csat') Object.assign(c, { csatCount: c.csatCount + 1, csatSum: c.csatSum + r.score });
          else {
            c.npsCount++;
            if (r.score >= 9) c.npsPromoters++;
            if (r.score <= 6) c.npsDetractors++;
          }
        },
      );
  }
  return {
    groups: [...groups.values()],
    daily: [...daily.values()].sort((a, b) => a.day - b.day),
    durations,
    ratingGroups: [...ratingGroups.values()],
    dailyRatings: [...dailyRatings.values()],
    customers: [...customers.values()],
  };
}

/** The store gives the reference figures for the range at `now`. */
export async function expectReferenceFigures(store: AnalyticsStore, model: DeskModel, range: TimeRange, now: number) {
  const want = referenceFigures(model, range, now);
  const facts = await store.ticketFacts(range, now);
  const where = `range ${range.from}..${range.to} at ${now}`;
  expect(canon(facts.groups), where).toEqual(canon(want.groups));
  expect(facts.daily, where).toEqual(want.daily);
  expect(canon(facts.durations), where).toEqual(canon(want.durations));
  expect(canon(await store.ratingGroups(range)), where).toEqual(canon(want.ratingGroups));
  expect(canon(await store.dailyRatings(range)), where).toEqual(canon(want.dailyRatings));
  expect(canon(await store.customerSupport(range, now)), where).toEqual(canon(want.customers));
}
