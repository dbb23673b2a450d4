import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CORRECTION, T0, fillSqliteDesk } from '../test/support/fill-sqlite-desk.js';
import { closeTestPostgres, openTestPostgres } from '../test/support/postgres/test-postgres.js';
import type { CopyReport } from './copy-sqlite-to-postgres.js';
import { CopyError, copySqliteToPostgres } from './copy-sqlite-to-postgres.js';
import type { SqliteDatabase } from './open-database.js';
import { openDatabase } from './open-database.js';
import type { PostgresDatabase } from './open-postgres.js';
import { createPostgresCallStore } from './postgres-call-store.js';
import { createPostgresCorrectionStore } from './postgres-correction-store.js';
import { createPostgresDashboardSessionStore } from './postgres-dashboard-session-store.js';
import { createPostgresEmailStore } from './postgres-email-store.js';
import { createSqliteCallStore } from './sqlite-call-store.js';
import { createSqliteCorrectionStore } from './sqlite-correction-store.js';
import { createSqliteDashboardSessionStore } from './sqlite-dashboard-session-store.js';
import { createSqliteEmailStore } from './sqlite-email-store.js';
import { createSqliteSupportStore } from './sqlite-support-store.js';

const dir = mkdtempSync(join(tmpdir(), 'db-copy-'));
afterAll(async () => {
  await closeTestPostgres();
  rmSync(dir, { recursive: true, force: true });
});

const H = 3600_000;
const CALL_MONTH = { label: '2026-11', start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 11, 1) };

/** Video calls on the filled desk's first ticket: a confirmed booking from one offer, and an offer not picked yet. */
async function addCalls(db: SqliteDatabase): Promise<void> {
  const calls = createSqliteCallStore(db);
  const ticketId = db.prepare('SELECT MIN(id) FROM tickets').pluck().get() as number;
  const offer = (rescheduleOf: number | null) =>
    calls.createOffer({
      ticketId,
      customerId: 'acme',
      requester: { platform: 'slack', userId: 'U1', name: 'Ann', email: 'ann@acme.test' },
      topic: 'SSO',
      timezone: 'Europe/Berlin',
      slots: [
        { staffId: 'sam', startsAt: T0 + 24 * H, endsAt: T0 + 24.5 * H },
        { staffId: 'kim', startsAt: T0 + 26 * H, endsAt: T0 + 27 * H },
      ],
      createdAt: T0,
      expiresAt: T0 + 48 * H,
      rescheduleOf,
    });
  const first = await offer(null);
  const held = await calls.holdSlot({ offerId: first.id, slotIndex: 1, month: CALL_MONTH, limit: 2, now: T0 + H });
  if (held.kind !== 'held') throw new Error(held.kind);
  await calls.confirm(held.booking.id, { provider: 'zoom', url: 'https://zoom.test/j/1', meetingId: '1' }, T0 + H);
  await offer(held.booking.id);
}

/** Every row of a table as comparable values: booleans as booleans, bytes as hex, sorted. */
async function pgRows(pg: PostgresDatabase, table: string, columns: readonly string[]): Promise<string[]> {
  const { rows } = await pg.pool.query(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`);
  return rows.map((r) => JSON.stringify(columns.map((c) => normal(r[c], false)))).sort();
}

function sqliteRows(db: SqliteDatabase, table: string, columns: readonly string[], booleans: Set<string>): string[] {
  const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).all() as Record<
    string,
    unknown
  >[];
  return rows.map((r) => JSON.stringify(columns.map((c) => normal(r[c], booleans.has(c))))).sort();
}

const normal = (v: unknown, boolean: boolean) =>
  Buffer.isBuffer(v) ? v.toString('hex') : boolean && v !== null ? v === 1 || v === true : v;

describe('copySqliteToPostgres', () => {
  let sqlite: SqliteDatabase;
  let pg: PostgresDatabase;
  let report: CopyReport;
  const seen: [string, number][] = [];

  beforeAll(async () => {
    sqlite = await fillSqliteDesk(join(dir, 'desk.sqlite'));
    await addCalls(sqlite);
    pg = await openTestPostgres();
    report = await copySqliteToPostgres(sqlite, pg, { onTable: (name, rows) => seen.push([name, rows]) });
  });
  afterAll(() => sqlite?.close());

  it('copies every row of every base table, each row equal field by field', async () => {
    const expected = [
      'audit_log',
      'call_bookings',
      'call_offers',
      'dashboard_sessions',
      'email_acknowledgements',
      'email_attachments',
      'email_cursors',
      'email_messages',
      'email_threads',
      'escalation_runs',
      'inbound_events',
      'kb_searches',
      'kb_votes',
      'oncall_overrides',
      'outbox',
      'outreach_notifications',
      'ratings',
      'sla_timers',
      'tickets',
      'ticket_messages',
      'training_corrections',
      'usage_imports',
    ];
    expect(report.tables.map((t) => t.name).sort()).toEqual(expected.sort());
    expect(report.droppedColumns).toEqual([]);
    expect(report.skipped.every((s) => /roll-up/.test(s.reason) || s.name === 'sign_in_links')).toBe(true);
    expect(report.skipped).toContainEqual({ name: 'sign_in_links', reason: expect.stringMatching(/10 minutes/) });
    expect(seen).toEqual(report.tables.map((t) => [t.name, t.rows]));
    expect(report.total).toBe(report.tables.reduce((n, t) => n + t.rows, 0));
    const { rows: columns } = await pg.pool.query<{ table_name: string; column_name: string; data_type: string }>(
      'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()',
    );
    for (const { name, rows } of report.tables) {
      const count = sqlite.prepare(`SELECT COUNT(*) FROM "${name}"`).pluck().get() as number;
      expect(rows, name).toBe(count);
      expect(count, `${name} has test rows`).toBeGreaterThan(0);
      const sqliteColumns = new Set((sqlite.pragma(`table_info("${name}")`) as { name: string }[]).map((c) => c.name));
      const shared = columns.filter((c) => c.table_name === name && sqliteColumns.has(c.column_name));
      const booleans = new Set(shared.filter((c) => c.data_type === 'boolean').map((c) => c.column_name));
      const names = shared.map((c) => c.column_name);
      expect(await pgRows(pg, name, names), name).toEqual(sqliteRows(sqlite, name, names, booleans));
    }
  });

  it('copies tickets and their SLA clocks as they were, booleans as booleans', async () => {
    const ticket = await pg.pool.query('SELECT id, key, status, escalated, assignee_id FROM tickets ORDER BY id');
    expect(ticket.rows).toEqual(
      (
        sqlite.prepare('SELECT id, key, status, escalated, assignee_id FROM tickets ORDER BY id').all() as {
          escalated: number;
        }[]
      ).map((r) => ({ ...r, escalated: r.escalated === 1 })),
    );
    expect(ticket.rows.map((r) => r.escalated)).toEqual([true, false, false]);
    const timers =
      'SELECT id, ticket_id, kind, state, due_at, warn_at, next_check_at, version FROM sla_timers ORDER BY id';
    const pgTimers = (await pg.pool.query(timers)).rows;
    expect(pgTimers).toEqual(sqlite.prepare(timers).all());
    expect(pgTimers.some((t) => t.kind === 'first-response' && t.state === 'hit')).toBe(true);
    const runs = 'SELECT id, ticket_id, reason, policy, state FROM escalation_runs ORDER BY id';
    expect((await pg.pool.query(runs)).rows).toEqual(sqlite.prepare(runs).all());
  });

  it('reads the same through the PostgreSQL stores: mails in recorded order, bytes, cursor, session, correction', async () => {
    const email = createPostgresEmailStore(pg);
    const before = createSqliteEmailStore(sqlite);
    expect(await email.threadMessageIds('z-start@acme.test', 10)).toEqual([
      'z-start@acme.test',
      'm-ack@desk.test',
      'a-reply@acme.test',
    ]);
    expect(await email.lastInboundMessageId('z-start@acme.test')).toBe('a-reply@acme.test');
    expect(await email.findThread(['a-reply@acme.test'])).toEqual(await before.findThread(['a-reply@acme.test']));
    expect(await email.getCursor('INBOX')).toEqual({ mailbox: 'INBOX', uidValidity: 4_000_000_000, lastUid: 42 });
    expect(await email.readAttachment('z-start@acme.test', 0)).toEqual(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]),
    );
    expect(await email.listAttachments('z-start@acme.test')).toEqual(await before.listAttachments('z-start@acme.test'));
    expect(await email.claimAcknowledgement('jane@acme.test', T0 + 1, 600_000, 'other@acme.test')).toBe(false);
    const sessionHash = 'f'.repeat(64);
    expect(await createPostgresDashboardSessionStore(pg).find(sessionHash, T0 + H)).toEqual(
      await createSqliteDashboardSessionStore(sqlite).find(sessionHash, T0 + H),
    );
    expect(await createPostgresCorrectionStore(pg).listCorrections()).toEqual(
      await createSqliteCorrectionStore(sqlite).listCorrections(),
    );
  });

  it('reads video calls the same through the PostgreSQL call store, and books on after them', async () => {
    const calls = createPostgresCallStore(pg);
    const before = createSqliteCallStore(sqlite);
    const [booking] = await before.bookingsBetween(CALL_MONTH.start, CALL_MONTH.end);
    expect(booking).toMatchObject({ status: 'confirmed', staffId: 'kim', followUps: [] });
    expect(await calls.getBooking(booking!.id)).toEqual(booking);
    for (const id of [1, 2]) expect(await calls.getOffer(id)).toEqual(await before.getOffer(id));
    expect(await calls.busyTimes(['sam', 'kim'], CALL_MONTH.start, CALL_MONTH.end)).toEqual(
      await before.busyTimes(['sam', 'kim'], CALL_MONTH.start, CALL_MONTH.end),
    );
    // The copied booking counts: the offer of its reschedule moves it within its month's limit.
    const moved = await calls.reschedule({
      id: booking!.id,
      slot: { staffId: 'sam', startsAt: T0 + 24 * H, endsAt: T0 + 24.5 * H },
      month: CALL_MONTH,
      limit: 1,
      now: T0 + 2 * H,
    });
    expect(moved).toMatchObject({ kind: 'rescheduled', booking: { id: booking!.id, sequence: 1 } });
    const next = await calls.createOffer({ ...(await before.getOffer(1))!, createdAt: T0 + 3 * H });
    expect(next.id).toBe(3);
  });

  it('continues every id after the copied ones (after SQLite AUTOINCREMENT counter where that is ahead)', async () => {
    const maxTicket = sqlite.prepare('SELECT MAX(id) FROM tickets').pluck().get() as number;
    const { rows } = await pg.pool.query<{ id: number }>(
      `INSERT INTO tickets (key, status, priority, category, tier, requester_id, platform, channel_id, conversation_key,
        subject, created_at, updated_at) VALUES ('NEW-1', 'open', 'low', 'bug', 'community', 'U9', 'slack', 'C9', 'slack:C9',
        'new', 1, 1) RETURNING id`,
    );
    expect(rows[0]?.id).toBe(maxTicket + 1);
    const audit = await pg.pool.query<{ id: number }>(
      "INSERT INTO audit_log (actor, action, at) VALUES ('t', 'x', 1) RETURNING id",
    );
    expect(audit.rows[0]?.id).toBe((sqlite.prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number) + 1);
    // The duplicate correction used up id 2 in SQLite: the next one is 3 there, and 3 here too.
    const next = { ...SAMPLE_CORRECTION, eventId: 'delivery-2' };
    await createSqliteCorrectionStore(sqlite).recordCorrection(next);
    await createPostgresCorrectionStore(pg).recordCorrection(next);
    const pgIds = (await createPostgresCorrectionStore(pg).listCorrections()).map((c) => c.id);
    expect(pgIds).toEqual((await createSqliteCorrectionStore(sqlite).listCorrections()).map((c) => c.id));
    expect(pgIds).toEqual([1, 3]);
    const email = await pg.pool.query<{ seq: number }>(
      "INSERT INTO email_messages (message_id, thread_id, direction, at) VALUES ('n@x', 'z-start@acme.test', 'in', 1) RETURNING seq",
    );
    expect(email.rows[0]?.seq).toBe(4);
  });

  it('refuses a target that has rows, and changes nothing there', async () => {
    const counts = async (db: PostgresDatabase) =>
      (
        await db.pool.query<{ table_name: string; n: number }>(
          `SELECT table_name, (xpath('/row/n/text()', query_to_xml(format('SELECT COUNT(*) AS n FROM %I', table_name),
            false, true, '')))[1]::text::int AS n FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
        )
      ).rows;
    const before = await counts(pg);
    const error = await copySqliteToPostgres(sqlite, pg).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyError);
    expect(error).toMatchObject({ code: 'target-not-empty', message: expect.stringMatching(/tickets.*never merges/) });
    expect(await counts(pg)).toEqual(before);

    // One row in one table is enough to refuse, and the refusal writes nothing.
    const other = await openTestPostgres();
    await createPostgresDashboardSessionStore(other).create({
      idHash: 'x',
      method: 'token',
      staffId: null,
      credentialFingerprint: 'fp',
      createdAt: 1,
      expiresAt: 2,
      ip: null,
      userAgent: null,
    });
    await expect(copySqliteToPostgres(sqlite, other)).rejects.toThrow(/dashboard_sessions/);
    expect((await other.pool.query('SELECT COUNT(*) AS n FROM tickets')).rows[0]).toEqual({ n: 0 });
  });

  it('refuses a SQLite file that is not migrated to the latest schema', async () => {
    const old = openDatabase(join(dir, 'old.sqlite'));
    old.prepare('DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)').run();
    await expect(copySqliteToPostgres(old, await openTestPostgres())).rejects.toMatchObject({
      code: 'source-not-migrated',
    });
    old.close();
  });
});

describe('copySqliteToPostgres in batches', () => {
  const search = (i: number) => ({
    query: `q${i}`,
    platform: 'slack' as const,
    tier: 'community' as const,
    customerId: null,
    resultCount: i % 3,
    topArticleId: i % 2 ? 'a' : null,
    topScore: i % 2 ? i / 7 : null,
    intent: null,
    at: T0 + i,
  });

  it('copies more rows than a batch holds, skips roll-ups and tables SQLite lacks, and says so', async () => {
    const db = openDatabase(join(dir, 'many.sqlite'));
    const support = createSqliteSupportStore(db);
    for (let i = 0; i < 2_345; i++) await support.recordSearch(search(i));
    const pg = await openTestPostgres();
    await pg.pool.query('CREATE TABLE rollup_test_days (day BIGINT PRIMARY KEY, n BIGINT NOT NULL)');
    await pg.pool.query('CREATE TABLE instance_leases (name TEXT PRIMARY KEY)');
    const report = await copySqliteToPostgres(db, pg, { batchRows: 1_000 });
    expect(report.tables.find((t) => t.name === 'kb_searches')).toEqual({ name: 'kb_searches', rows: 2_345 });
    expect(report.total).toBe(2_345);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { name: 'instance_leases', reason: 'not in the SQLite file' },
        { name: 'rollup_test_days', reason: 'derived roll-up: rebuilt from the base tables, not copied' },
      ]),
    );
    const { rows } = await pg.pool.query(
      'SELECT id, top_score FROM kb_searches WHERE id IN (1, 1000, 1001, 2345) ORDER BY id',
    );
    expect(rows).toEqual(
      db.prepare('SELECT id, top_score FROM kb_searches WHERE id IN (1, 1000, 1001, 2345) ORDER BY id').all(),
    );
    db.close();
  });

  it('writes nothing when a value cannot be converted midway (a flag that is neither 0 nor 1)', async () => {
    const db = openDatabase(join(dir, 'bad.sqlite'));
    const support = createSqliteSupportStore(db);
    for (let i = 0; i < 5; i++) await support.recordSearch(search(i));
    await support.recordVote({
      articleId: 'a',
      voterId: 'U1',
      context: 'c',
      helpful: true,
      platform: 'slack',
      ticketId: null,
      at: T0,
    });
    db.prepare('UPDATE kb_votes SET helpful = 2').run();
    const pg = await openTestPostgres();
    await expect(copySqliteToPostgres(db, pg, { batchRows: 2 })).rejects.toMatchObject({
      code: 'bad-value',
      message: 'kb_votes.helpful holds 2, which is not a boolean (0 or 1)',
    });
    expect((await pg.pool.query('SELECT COUNT(*) AS n FROM kb_searches')).rows[0]).toEqual({ n: 0 });
    db.close();
  });
});
