import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalytics } from '../core/analytics/create-analytics.js';
import { seededRandom } from '../core/classifier/seeded-random.js';
import { parseSupportConfig } from '../core/config/support-config.js';
import { fixedClock } from '../core/ports/clock.js';
import type { AnalyticsStore, TimeRange } from '../core/ports/analytics-store.js';
import { openDatabase } from './open-database.js';
import type { SqliteDatabase } from './open-database.js';
import { createSqliteAnalyticsStore } from './sqlite-analytics-store.js';
import { refreshDailyRollups } from './sqlite-daily-rollups.js';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.UTC(2025, 5, 30, 12);
const MIDNIGHT = Date.UTC(2025, 5, 30);

/** 3,000 varied tickets over 60 days (some unanswered past or before their due time, one or two staff replies, ratings). */
function seed(db: SqliteDatabase) {
  const r = seededRandom(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const ticket =
    db.prepare(`INSERT INTO tickets (key, status, priority, category, tier, customer_id, requester_id, platform, channel_id, conversation_key, subject, assignee_id,
    created_at, updated_at, first_response_due_at, first_response_at, resolved_at, reopen_count, escalated) VALUES (?, ?, ?, ?, ?, ?, 'u1', ?, 'C1', ?, 's', ?, ?, ?, ?, ?, ?, ?, ?)`);
  const msg = db.prepare(
    "INSERT INTO ticket_messages (ticket_id, platform, author_id, role, text, at) VALUES (?, 'slack', 'a', ?, 'hello', ?)",
  );
  const rating = db.prepare("INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES (?, ?, ?, 'u1', ?)");
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      const created = NOW - Math.floor(r() * 60 * D);
      const due = r() < 0.15 ? null : created + Math.floor(r() * 30 * H);
      const responded = r() < 0.85 && created + 10 * H < NOW ? created + Math.floor(r() * 10 * H) : null;
      const resolved = responded !== null && r() < 0.7 ? responded + Math.floor(r() * 2 * D) : null;
      const status = resolved === null ? pick(['open', 'pending', 'closed']) : pick(['resolved', 'closed']);
      const id = Number(
        ticket.run(
          `SUP-${i}`,
          status,
          pick(['critical', 'high', 'medium', 'low']),
          pick(['bug', 'setup-help', 'data-loss']),
          pick(['community', 'enterprise']),
          null,
          pick(['slack', 'github']),
          `k${i}`,
          r() < 0.2 ? null : pick(['alice', 'bob', 'carol']),
          created,
          created,
          due,
          responded,
          resolved,
          r() < 0.1 ? 1 : 0,
          r() < 0.1 ? 1 : 0,
        ).lastInsertRowid,
      );
      msg.run(id, 'customer', created);
      if (responded !== null) for (let k = r() < 0.3 ? 2 : 1; k > 0; k--) msg.run(id, 'staff', responded + k);
      if (resolved !== null && r() < 0.4)
        rating.run(id, 'csat', 1 + Math.floor(r() * 5), Math.min(resolved + Math.floor(r() * 3 * D), NOW - 1));
      if (resolved !== null && r() < 0.3) rating.run(id, 'nps', Math.floor(r() * 11), Math.min(resolved + H, NOW - 1));
    }
  })();
}

const sortRows = <T>(rows: readonly T[]) => rows.map((x) => JSON.stringify(x)).sort();

/** Store outputs as order-free values: the two paths may list groups in a different order. */
async function storeView(store: AnalyticsStore, range: TimeRange, now: number) {
  const f = await store.ticketFacts(range, now);
  return {
    groups: sortRows(f.groups),
    daily: f.daily,
    durations: sortRows(f.durations),
    ratings: sortRows(await store.ratingGroups(range)),
    dailyRatings: sortRows(await store.dailyRatings(range)),
  };
}

describe('daily roll-ups (migration 005) against the direct computation', () => {
  let dir: string;
  let db: SqliteDatabase;
  const config = parseSupportConfig({ staff: [{ id: 'alice', name: 'Alice', roles: ['agent'] }] });
  if (!config.ok) throw new Error(config.problems.join());
  const rollup = () => createSqliteAnalyticsStore(db);
  const direct = () => createSqliteAnalyticsStore(db, { rollups: false });
  const metrics = (store: AnalyticsStore, now: number, period: string) =>
    createAnalytics({
      store,
      tickets: { commit: async () => ({ kind: 'duplicate' }) } as never,
      config: config.config,
      clock: fixedClock(now),
    }).metrics(period);
  const dirty = () =>
    (
      db.prepare('SELECT kind, day FROM rollup_dirty_days ORDER BY kind, day').all() as { kind: string; day: number }[]
    ).map((d) => `${d.kind}:${d.day}`);

  /** Every period and `now` (mid-day and exactly midnight) gives the same metrics and store rows both ways. */
  async function expectSame() {
    for (const now of [NOW, MIDNIGHT, NOW - 3 * D + 1]) {
      for (const period of ['1d', '7d', '30d', '90d'])
        expect(await metrics(rollup(), now, period)).toEqual(await metrics(direct(), now, period));
      for (const range of [
        { from: now - 30 * D, to: now },
        { from: MIDNIGHT - 2 * D, to: MIDNIGHT },
        { from: NOW - 5 * H, to: NOW - 2 * H },
      ]) {
        expect(await storeView(rollup(), range, now)).toEqual(await storeView(direct(), range, now));
      }
    }
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rollups-'));
    db = openDatabase(join(dir, 'desk.sqlite'));
    seed(db);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks the seeded days dirty, builds them once, and then matches the direct computation', async () => {
    expect(dirty().length).toBeGreaterThan(60);
    expect(refreshDailyRollups(db)).toBeGreaterThan(60);
    expect(dirty()).toEqual([]);
    expect(refreshDailyRollups(db)).toBe(0);
    const m = await metrics(rollup(), NOW, '30d');
    expect(m.overall.tickets).toBeGreaterThan(1000);
    expect(m.overall.sla.missed).toBeGreaterThan(0);
    expect(m.overall.csat.count).toBeGreaterThan(0);
    await expectSame();
  });

  it('recomputes the days dirtied by inserts, across a day boundary', async () => {
    const insert =
      db.prepare(`INSERT INTO tickets (key, status, priority, category, tier, requester_id, platform, channel_id, conversation_key, subject, assignee_id, created_at, updated_at, first_response_due_at)
      VALUES (?, 'open', 'high', 'bug', 'enterprise', 'u', 'slack', 'C', ?, 's', 'alice', ?, ?, ?)`);
    const before = await metrics(rollup(), NOW, '30d');
    // The last millisecond of one day and the first of the next; one unanswered past due, one not yet due.
    insert.run('B-1', 'b1', MIDNIGHT - 1, MIDNIGHT - 1, MIDNIGHT - 1 + H);
    insert.run('B-2', 'b2', MIDNIGHT, MIDNIGHT, NOW + H);
    expect(dirty()).toEqual([`tickets:${(MIDNIGHT - 1 - ((MIDNIGHT - 1) % D)) / D}`, `tickets:${MIDNIGHT / D}`]);
    const after = await metrics(rollup(), NOW, '30d');
    expect(dirty()).toEqual([]);
    expect(after.overall.tickets).toBe(before.overall.tickets + 2);
    expect(after.overall.sla.missed).toBe(before.overall.sla.missed + 1);
    expect(after.daily.at(-2)!.tickets - before.daily.at(-2)!.tickets).toBe(1);
    expect(after.daily.at(-1)!.tickets - before.daily.at(-1)!.tickets).toBe(1);
    await expectSame();
  });

  it('follows resolves, reopens, staff replies, reassignment and ratings written by any code', async () => {
    const id = (key: string) => (db.prepare('SELECT id FROM tickets WHERE key = ?').get(key) as { id: number }).id;
    const b1 = id('B-1');
    const before = await metrics(rollup(), NOW, '30d');
    // Answer and resolve B-1 with one staff reply: a first-contact resolution.
    db.prepare(
      "INSERT INTO ticket_messages (ticket_id, platform, author_id, role, text, at) VALUES (?, 'slack', 'alice', 'staff', 'fixed', ?)",
    ).run(b1, MIDNIGHT + H);
    db.prepare("UPDATE tickets SET status = 'resolved', first_response_at = ?, resolved_at = ? WHERE id = ?").run(
      MIDNIGHT + H,
      MIDNIGHT + 2 * H,
      b1,
    );
    expect(dirty()).toEqual([`tickets:${Math.floor((MIDNIGHT - 1) / D)}`]);
    const resolved = await metrics(rollup(), NOW, '30d');
    expect(resolved.overall.resolution.resolved).toBe(before.overall.resolution.resolved + 1);
    expect(resolved.overall.sla.missed).toBe(before.overall.sla.missed); // now answered late instead of unanswered past due
    await expectSame();
    // A rating on it, then a changed score (the upsert the support store does), then reassignment moves the rating's slice.
    db.prepare("INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES (?, 'csat', 5, 'u', ?)").run(
      b1,
      NOW - H,
    );
    expect(dirty()).toEqual([`ratings:${Math.floor((NOW - H) / D)}`]);
    expect((await metrics(rollup(), NOW, '30d')).overall.csat.count).toBe(before.overall.csat.count + 1);
    db.prepare(
      "INSERT INTO ratings (ticket_id, kind, score, rater_id, at) VALUES (?, 'csat', 2, 'u', ?) ON CONFLICT (ticket_id, kind) DO UPDATE SET score = excluded.score",
    ).run(b1, NOW - H);
    db.prepare("UPDATE tickets SET assignee_id = 'bob' WHERE id = ?").run(b1);
    expect(dirty()).toEqual([`ratings:${Math.floor((NOW - H) / D)}`, `tickets:${Math.floor((MIDNIGHT - 1) / D)}`]);
    const rated = await metrics(rollup(), NOW, '30d');
    expect(rated.by.agent.find((s) => s.key === 'bob')!.csat.distribution[1]).toBeGreaterThan(0);
    await expectSame();
    // Reopen: resolved_at cleared, reopen_count bumped; a second staff reply ends first-contact resolution.
    db.prepare(
      "UPDATE tickets SET status = 'open', resolved_at = NULL, reopen_count = reopen_count + 1 WHERE id = ?",
    ).run(b1);
    db.prepare(
      "INSERT INTO ticket_messages (ticket_id, platform, author_id, role, text, at) VALUES (?, 'slack', 'bob', 'staff', 'again', ?)",
    ).run(b1, NOW - 1);
    const reopened = await metrics(rollup(), NOW, '30d');
    expect(reopened.overall.resolution.resolved).toBe(before.overall.resolution.resolved);
    await expectSame();
    // Old tickets too: resolving one from 50 days ago dirties only its own day.
    const old = db
      .prepare(
        'SELECT id, created_at AS c FROM tickets WHERE created_at < ? AND resolved_at IS NULL AND first_response_at IS NOT NULL LIMIT 1',
      )
      .get(NOW - 50 * D) as { id: number; c: number };
    db.prepare("UPDATE tickets SET status = 'resolved', resolved_at = ? WHERE id = ?").run(old.c + D, old.id);
    expect(dirty()).toEqual([`tickets:${Math.floor(old.c / D)}`]);
    await expectSame();
  });

  it('reads a roll-up table, not the tickets, once the days are clean', () => {
    refreshDailyRollups(db);
    db.prepare('UPDATE ticket_fact_days SET facts = zeroblob(0), tickets = 0').run();
    return metrics(rollup(), NOW, '30d').then((m) => {
      expect(m.overall.tickets).toBe(0);
      // Marking the days dirty rebuilds them from the tickets.
      db.exec("INSERT OR IGNORE INTO rollup_dirty_days (kind, day) SELECT 'tickets', day FROM ticket_fact_days");
      return expectSame();
    });
  });
});
