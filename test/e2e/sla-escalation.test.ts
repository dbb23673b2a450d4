import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationRef, InboundMessage } from '../../core/model/inbound-message.js';
import type { OutboundMessage } from '../../core/model/outbound-message.js';
import type { ChatPlatform } from '../../core/ports/chat-platform.js';
import { fixedClock } from '../../core/ports/clock.js';
import { startTestServer, TEST_CONFIG } from '../support/start-test-server.js';
import type { TestServer } from '../support/start-test-server.js';
import { queryDesk } from '../support/query-desk.js';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 10, 23, 14, 0, 0); // Monday 14:00 UTC
const CONFIG = {
  ...TEST_CONFIG,
  // Two-step chain for enterprise breaches: whoever is on call, then the support manager, 10 minutes each.
  sla: {
    escalation: {
      enterprise: [
        { who: 'oncall', ackWaitMinutes: 10 },
        { who: 'support-manager', ackWaitMinutes: 10 },
      ],
    },
  },
};

interface Sent {
  conversation: ConversationRef;
  message: OutboundMessage;
}

/** A ChatPlatform that records what the desk sends, registered in place of Slack. */
function recorder(): ChatPlatform & { sent: Sent[]; to(channelId: string): Sent[] } {
  const sent: Sent[] = [];
  return {
    platform: 'slack',
    sent,
    to: (channelId) => sent.filter((s) => s.conversation.channelId === channelId),
    async send(conversation, message) {
      sent.push({ conversation, message });
      return { messageId: String(sent.length) };
    },
  };
}

const dirs: string[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.dispose().catch(() => undefined)));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(options: { dir?: string; at?: number; record?: boolean; env?: Record<string, string> } = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'desk-sla-'));
  if (!options.dir) dirs.push(dir);
  const clock = fixedClock(options.at ?? T0);
  const server = await startTestServer({
    dir,
    clock,
    config: CONFIG,
    env: { SLA_SWEEP_INTERVAL_MS: '3600000', ...options.env },
  });
  servers.push(server);
  const platform = recorder();
  if (options.record !== false) server.desk.platforms.set('slack', platform);
  let n = 0;
  const say = (text: string, over: Partial<InboundMessage> = {}) =>
    server.desk.engine.handle({
      platform: 'slack',
      eventId: `Ev${clock.now()}-${++n}`,
      conversation: { platform: 'slack', channelId: 'C_ACME', threadId: '1700000000.000100' },
      author: { id: 'U_CASEY', name: 'Casey' },
      customerId: 'acme',
      receivedAt: clock.now(),
      text,
      ...over,
    });
  /** Move the fake clock, sweep and deliver: what the interval and the dispatcher do in production. */
  const at = async (ms: number) => {
    clock.set(ms);
    await server.desk.sla.sweep();
    await server.desk.outbox.flush();
  };
  const outboxRows = () =>
    queryDesk<{ dedupe_key: string; sent_at: number | null }>(
      server.desk.stores,
      'SELECT dedupe_key, sent_at FROM outbox ORDER BY id',
    );
  return { server, dir, clock, platform, say, at, outboxRows };
}

const pagesIn = (sent: Sent[]) => sent.filter((s) => s.message.actions?.some((a) => a.id === 'escalation.ack'));
const ackValue = (s: Sent | undefined) => s?.message.actions?.find((a) => a.id === 'escalation.ack')?.value ?? '';

describe('SLA escalation through the real server', () => {
  it('warns on-call at 75% and escalates a breach two steps, each page a DM with Acknowledge, then gives up in the staff channel', async () => {
    const d = await start();
    expect((await d.say('we hit a bug in the importer')).kind).toBe('ticket-opened');
    await d.at(T0 + 3 * H);
    expect(d.platform.to('dm:U_ALICE').map((s) => s.message.text)).toEqual([
      expect.stringMatching(/^Reminder: the first response for SUP-1 .* is due in 1 h/),
    ]);
    await d.at(T0 + 4 * H);
    const step1 = pagesIn(d.platform.to('dm:U_ALICE'));
    expect(step1.map((s) => s.message.text)).toEqual([
      expect.stringMatching(
        /^Page, escalation step 1 of 2: SUP-1 \(Acme Corp, enterprise, high\).*missed its first response target/,
      ),
    ]);
    await d.at(T0 + 4 * H + 9 * MIN);
    expect(pagesIn(d.platform.sent)).toHaveLength(1);
    await d.at(T0 + 4 * H + 10 * MIN);
    const step2 = pagesIn(d.platform.to('dm:U_MARIA'));
    expect(step2.map((s) => s.message.text)).toEqual([expect.stringMatching(/^Page, escalation step 2 of 2: SUP-1/)]);
    expect(ackValue(step2[0])).toBe(ackValue(step1[0]));
    await d.at(T0 + 4 * H + 20 * MIN);
    expect(d.platform.to('C_STAFF').at(-1)?.message).toMatchObject({
      text: expect.stringMatching(/^Nobody acknowledged the escalation of SUP-1/),
      notifyStaff: true,
    });
    await d.at(T0 + 8 * H);
    expect(pagesIn(d.platform.sent)).toHaveLength(2);
    expect(
      (await d.outboxRows())
        .filter((r) => r.dedupe_key.startsWith('page:'))
        .map((r) => [r.dedupe_key, r.sent_at !== null]),
    ).toEqual([
      [`page:${ackValue(step1[0])}:0:0:alice`, true],
      [`page:${ackValue(step1[0])}:1:0:maria`, true],
    ]);
    const audit = (await d.server.desk.store.listAudit(1)).map((a) => a.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'sla.first-response.warned',
        'sla.first-response.missed',
        'escalation.paged',
        'escalation.exhausted',
      ]),
    );
  });

  it('stops the run when the paged person presses Acknowledge', async () => {
    const d = await start();
    await d.say('we hit a bug in the importer');
    await d.at(T0 + 4 * H);
    const [page] = pagesIn(d.platform.sent);
    const result = await d.server.desk.sla.acknowledge(ackValue(page), { platform: 'slack', userId: 'U_ALICE' });
    expect(result).toMatchObject({ kind: 'acknowledged', run: { state: 'acknowledged', ackedBy: 'alice' } });
    await d.at(T0 + 5 * H);
    await d.at(T0 + 6 * H);
    expect(pagesIn(d.platform.sent)).toHaveLength(1);
    expect(d.platform.to('C_STAFF').some((s) => /Nobody acknowledged/.test(s.message.text))).toBe(false);
    expect(
      (await d.server.desk.store.listAudit(1))
        .filter((a) => a.action === 'escalation.acknowledged')
        .map((a) => a.actor),
    ).toEqual(['alice']);
  });

  it('handles a critical ticket: on-call paged at once, customer and executive told, updates every 15 minutes until resolved', async () => {
    const d = await start();
    const opened = await d.say('the API is down, everything returns 500');
    expect(opened.kind === 'ticket-opened' && opened.ticket.priority).toBe('critical');
    await d.at(T0); // the engine already kicked a sweep; this one must add nothing
    expect(pagesIn(d.platform.to('dm:U_ALICE')).map((s) => s.message.text)).toEqual([
      expect.stringMatching(/SUP-1 .* is a critical incident/),
    ]);
    expect(d.platform.to('dm:U_EVE').map((s) => s.message.text)).toEqual([
      expect.stringMatching(/critical incident SUP-1/),
    ]);
    const thread = () => d.platform.to('C_ACME').map((s) => s.message.text);
    expect(
      thread().some((t) => /A responder is on SUP-1 now\. We will post the next update here within 15 min/.test(t)),
    ).toBe(true);
    await d.at(T0 + 15 * MIN);
    d.clock.set(T0 + 20 * MIN);
    await d.say('Rolling back the bad deploy now.', { author: { id: 'U_ALICE', name: 'Alice' } });
    await d.at(T0 + 30 * MIN);
    const updates = () => thread().filter((t) => t.startsWith('Update on SUP-1'));
    expect(updates()).toEqual([
      expect.stringMatching(/15 min since it was reported; Alice Agent \(on call\) is working on it/),
      expect.stringMatching(/^Update on SUP-1: Rolling back the bad deploy now\./),
    ]);
    expect((await d.server.desk.actions.act('resolve', 'SUP-1', { platform: 'slack', userId: 'U_ALICE' })).kind).toBe(
      'done',
    );
    await d.at(T0 + 45 * MIN);
    await d.at(T0 + 2 * H);
    expect(updates()).toHaveLength(2);
    // Paged at once and again after 15 unacknowledged minutes; Alice's note (the first response) ended the run.
    expect(pagesIn(d.platform.sent).map((s) => s.message.text)).toEqual([
      expect.stringMatching(/step 1 of \d+: SUP-1/),
      expect.stringMatching(/step 1 of \d+ \(reminder 1\): SUP-1/),
    ]);
    expect((await d.server.desk.slaStore.runsOfTicket(1)).map((r) => r.state)).toEqual(['cancelled']);
  });

  it('survives a restart in the middle of an escalation: no page repeated, none lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-sla-restart-'));
    dirs.push(dir);
    // First process: the platform is down, so the breach page is written to the outbox but not delivered yet.
    const first = await start({ dir, record: false });
    await first.say('we hit a bug in the importer');
    await first.at(T0 + 4 * H);
    expect((await first.outboxRows()).filter((r) => r.dedupe_key.startsWith('page:')).map((r) => r.sent_at)).toEqual([
      null,
    ]);
    await first.server.dispose();
    servers.splice(servers.indexOf(first.server), 1);

    // Second process on the same database, a few minutes later: delivers the waiting page once, re-pages nothing.
    const second = await start({ dir, at: T0 + 4 * H + 2 * MIN });
    await second.at(T0 + 4 * H + 2 * MIN);
    await second.at(T0 + 4 * H + 3 * MIN); // the page waited for its platform-down retry
    expect(second.platform.to('dm:U_ALICE').filter((s) => /step 1 of 2/.test(s.message.text))).toHaveLength(1);
    await second.server.dispose();
    servers.splice(servers.indexOf(second.server), 1);

    // Third process after step 2 was due: exactly one step-2 page, still one step-1 page.
    const third = await start({ dir, at: T0 + 4 * H + 15 * MIN });
    await third.at(T0 + 4 * H + 15 * MIN);
    await third.at(T0 + 4 * H + 15 * MIN);
    expect(pagesIn(third.platform.sent).map((s) => s.conversation.channelId)).toEqual(['dm:U_MARIA']);
    const pages = (await third.outboxRows()).filter((r) => r.dedupe_key.startsWith('page:'));
    expect(pages.map((r) => [r.dedupe_key.replace(/^page:\d+:/, ''), r.sent_at !== null])).toEqual([
      ['0:0:alice', true],
      ['1:0:maria', true],
    ]);
  });

  it('sweeps on the SLA_SWEEP_INTERVAL_MS interval without being asked', async () => {
    const d = await start({ env: { SLA_SWEEP_INTERVAL_MS: '50' } });
    await d.say('we hit a bug in the importer');
    d.clock.set(T0 + 4 * H);
    const deadline = Date.now() + 5_000;
    while (!pagesIn(d.platform.sent).length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      await d.server.desk.outbox.flush();
    }
    expect(pagesIn(d.platform.sent)).toHaveLength(1);
  });
});

describe('SLA through the Slack emulator', () => {
  it('posts a critical ticket’s 15-minute updates into its Slack thread and stops at resolution', async () => {
    const { startSlackDesk } = await import('./slack/start-slack-desk.js');
    const { visibleText } = await import('../emulators/slack/create-slack-emulator.js');
    const s = await startSlackDesk();
    try {
      const sent = await s.deliver.userMessage({
        channel: 'C_ACME',
        user: 'U_CUST',
        text: 'Production is down, every request returns 500',
      });
      const ticket = await s.ticketFor('C_ACME', sent.ts);
      expect(ticket).toMatchObject({ priority: 'critical', tier: 'enterprise' });
      const thread = () => s.posts('C_ACME', sent.ts).map((c) => visibleText(c));
      await s.waitForPost((c) => c.args.thread_ts === sent.ts && /A responder is on/.test(visibleText(c)));
      const tick = async (minutes: number) => {
        s.clock.advance(minutes * MIN);
        await s.desk.sla.sweep();
        await s.desk.outbox.flush();
      };
      await tick(15);
      await tick(15);
      expect(thread().filter((t) => t.includes(`Update on ${ticket!.key}`))).toEqual([
        expect.stringMatching(/15 min since it was reported/),
        expect.stringMatching(/30 min since it was reported/),
      ]);
      expect((await s.desk.actions.act('resolve', ticket!.key, { platform: 'slack', userId: 'U_ALICE' })).kind).toBe(
        'done',
      );
      await tick(15);
      await tick(60);
      expect(thread().filter((t) => t.includes(`Update on ${ticket!.key}`))).toHaveLength(2);
    } finally {
      await s.close();
    }
  });

  it('delivers pages and executive notices as Slack DMs (chat.postMessage channel = user id), the page with Acknowledge', async () => {
    const { startSlackDesk, buttonsOf } = await import('./slack/start-slack-desk.js');
    const { visibleText } = await import('../emulators/slack/create-slack-emulator.js');
    const { dmChannelOf } = await import('../emulators/slack/answer-web-api-call.js');
    const s = await startSlackDesk({ env: { SLA_SWEEP_INTERVAL_MS: '3600000' } });
    try {
      const sent = await s.deliver.userMessage({
        channel: 'C_ACME',
        user: 'U_CUST',
        text: 'Production is down, every request returns 500',
      });
      const ticket = (await s.ticketFor('C_ACME', sent.ts))!;
      await s.desk.sla.sweep();
      await s.desk.outbox.flush();
      const [page] = await s.waitForPost(
        (c) => c.args.channel === 'U_ALICE' && /is a critical incident/.test(visibleText(c)),
      );
      const [run] = await s.desk.slaStore.runsOfTicket(ticket.id);
      expect(buttonsOf(page!)).toContainEqual({ actionId: 'escalation.ack', value: String(run!.id) });
      await s.waitForPost(
        (c) => c.args.channel === 'U_EVE' && visibleText(c).includes(`critical incident ${ticket.key}`),
      );
      // Slack answered with the DM channel; the desk never posts its internal `dm:` address.
      expect(s.emulator.store.history(dmChannelOf('U_ALICE')).map((m) => m.text)).toEqual([
        expect.stringMatching(/critical incident/),
      ]);
      expect(
        s.emulator.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('dm:')),
      ).toEqual([]);
      expect(await queryDesk(s.desk.stores, 'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL')).toEqual([
        { n: 0 },
      ]);
    } finally {
      await s.close();
    }
  });
});
