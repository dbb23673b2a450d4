import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingStatus } from '../../../core/calls/call-booking.js';
import { quotaMonth } from '../../../core/calls/quota-month.js';
import type { NewTicket } from '../../../core/model/ticket.js';
import { startTestServer, TEST_CONFIG } from '../../support/start-test-server.js';
import type { TestServer } from '../../support/start-test-server.js';

const TOKEN = 'calls-dash-token-for-tests';
const MIN = 60_000;
/** TEST_CONFIG's customers (acme enterprise in New York, globex professional in Berlin, initech white-glove in Tokyo) and a community one. */
const CONFIG = {
  ...TEST_CONFIG,
  customers: [
    ...(TEST_CONFIG.customers ?? []),
    { id: 'hooli', name: 'Hooli', tier: 'community' as const, slack: { channels: ['C_HOOLI'] } },
  ],
};

interface Row {
  customerId: string;
  name: string;
  tier: string;
  month: string;
  booked: number;
  held: number;
  remaining: number | string;
}

/**
 * The dashboard's "Video calls this month", `GET /api/calls` and `npm run report` on a desk with bookings made through
 * its call store. The desk runs on the system clock (as `npm run report` does), and every booking starts at the first
 * instant of the customer's current month in their zone plus a few minutes, so it is in "this month" whenever the
 * test runs (the store takes bookings in the past).
 */
describe('dashboard: video calls this month', () => {
  let server: TestServer;
  let conversation = 0;

  async function book(customerId: string, timezone: string, offsetMinutes: number, status: BookingStatus) {
    const now = Date.now();
    const ticket: NewTicket = {
      status: 'open',
      priority: 'medium',
      category: 'setup-help',
      tier: customerId === 'acme' ? 'enterprise' : 'professional',
      customerId,
      requesterId: 'U1',
      requesterName: 'Ann',
      conversation: { platform: 'slack', channelId: 'C_CALLS', threadId: `1.${++conversation}` },
      subject: 'A call please',
      assigneeId: null,
      createdAt: now,
      updatedAt: now,
      firstResponseDueAt: null,
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      reopenCount: 0,
      escalated: false,
    };
    const opened = await server.desk.store.commit({ at: now, openTicket: ticket });
    if (opened.kind !== 'committed' || !opened.ticket) throw new Error(`no ticket: ${opened.kind}`);
    const calls = server.desk.stores.calls;
    const month = quotaMonth(now, timezone);
    const startsAt = month.start + offsetMinutes * MIN;
    const offer = await calls.createOffer({
      ticketId: opened.ticket.id,
      customerId,
      requester: { platform: 'slack', userId: 'U1', name: 'Ann', email: null },
      topic: 'SSO',
      timezone,
      slots: [{ staffId: 'alice', startsAt, endsAt: startsAt + 30 * MIN }],
      createdAt: now,
      expiresAt: now + 3_600_000,
      rescheduleOf: null,
    });
    const held = await calls.holdSlot({ offerId: offer.id, slotIndex: 0, month, limit: null, now });
    if (held.kind !== 'held') throw new Error(`not held: ${held.kind}`);
    if (status === 'confirmed')
      await calls.confirm(held.booking.id, { provider: 'jitsi', url: 'https://meet.test/r', meetingId: null }, now);
    else if (status !== 'held') await calls.setStatus(held.booking.id, status, now, { summary: 'Went through SSO' });
  }

  beforeAll(async () => {
    server = await startTestServer({ env: { DASHBOARD_TOKEN: TOKEN }, config: CONFIG });
    await book('acme', 'America/New_York', 0, 'done');
    await book('acme', 'America/New_York', 60, 'confirmed');
    await book('acme', 'America/New_York', 120, 'cancelled');
    await book('globex', 'Europe/Berlin', 30, 'done');
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const expected = () => [
    {
      customerId: 'acme',
      name: 'Acme Corp',
      tier: 'enterprise',
      month: quotaMonth(Date.now(), 'America/New_York').label,
      booked: 2,
      held: 1,
      remaining: 'unlimited',
    },
    {
      customerId: 'globex',
      name: 'Globex',
      tier: 'professional',
      month: quotaMonth(Date.now(), 'Europe/Berlin').label,
      booked: 1,
      held: 1,
      remaining: 0,
    },
    {
      customerId: 'initech',
      name: 'Initech',
      tier: 'white-glove',
      month: quotaMonth(Date.now(), 'Asia/Tokyo').label,
      booked: 0,
      held: 0,
      remaining: 'unlimited',
    },
  ];

  it('GET /api/calls: booked, held and remaining per customer whose tier has calls, behind the bearer token', async () => {
    expect((await fetch(`${server.url}/api/calls`)).status).toBe(401);
    const res = await fetch(`${server.url}/api/calls`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const { calls } = (await res.json()) as { calls: Row[] };
    expect(
      calls.map(({ customerId, name, tier, month, booked, held, remaining }) => ({
        customerId,
        name,
        tier,
        month,
        booked,
        held,
        remaining,
      })),
    ).toEqual(expected());
  });

  it('shows the panel on the dashboard', async () => {
    const res = await fetch(`${server.url}/`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const panel = /<section class="panel wide" id="video-calls">.*?<\/section>/s.exec(html)?.[0] ?? '';
    expect(panel).toContain('Video calls this month');
    const rows = [...panel.matchAll(/<tr data-customer="([^"]+)"[^>]*>(.*?)<\/tr>/g)].map((m) => [
      m[1],
      ...[...(m[2] as string).matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]),
    ]);
    expect(rows).toEqual([
      ['acme', 'Acme Corp', 'enterprise', '2', '1', 'unlimited'],
      ['globex', 'Globex', 'professional', '1', '1', '0'],
      ['initech', 'Initech', 'white-glove', '0', '0', 'unlimited'],
    ]);
    expect(panel).not.toContain('Hooli');
  });

  it('npm run report prints the same rows (text and JSON)', () => {
    const env = {
      ...process.env,
      SUPPORT_CONFIG: join(server.dir, 'support.config.yaml'),
      DATABASE_PATH: server.databasePath,
      DATABASE_URL: server.store === 'postgres' ? readFileSync(join(server.dir, 'database-url'), 'utf8') : '',
      MODEL_CACHE_PATH: join(server.dir, 'model.json'),
      LOG_LEVEL: 'warn',
    };
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], { encoding: 'utf8', env });
    const json = run(['--format', 'json']);
    expect(json.status, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout).calls as Row[]).map((r) => [r.customerId, r.booked, r.held, r.remaining])).toEqual(
      expected().map((r) => [r.customerId, r.booked, r.held, r.remaining]),
    );
    const text = run([]);
    expect(text.status, text.stderr).toBe(0);
    const section = text.stdout.slice(text.stdout.indexOf('Video calls this month'));
    expect(section).toMatch(/^Video calls this month, in each customer's zone/);
    expect(section).toMatch(/\n {2}Acme Corp +enterprise +\d{4}-\d\d {2}booked +2 {2}held +1 {2}remaining unlimited\n/);
    expect(section).toMatch(/\n {2}Globex +professional +\d{4}-\d\d {2}booked +1 {2}held +1 {2}remaining 0\n/);
    expect(section).not.toContain('Hooli');
  });
});
