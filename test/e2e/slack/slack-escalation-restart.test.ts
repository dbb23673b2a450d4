import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../emulators/slack/create-slack-emulator.js';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { buttonsOf, START, startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';
import { queryDesk } from '../../support/query-desk.js';

const MIN = 60_000;
const H = 60 * MIN;
/** The enterprise breach chain under test: whoever is on call (alice), then the support manager (maria), 10 minutes each. */
const OPTIONS = {
  config: {
    sla: {
      escalation: {
        enterprise: [
          { who: 'oncall', ackWaitMinutes: 10 },
          { who: 'support-manager', ackWaitMinutes: 10 },
        ],
      },
    },
  },
  env: { SLA_SWEEP_INTERVAL_MS: '3600000' }, // the tests sweep themselves, at the instants they choose
};
const BREACH = START + 4 * H; // enterprise/high: first response due 4 h after the message
const STEP2 = BREACH + 10 * MIN;
const EXHAUSTED = BREACH + 20 * MIN;

const isPage = (c: RecordedCall) => buttonsOf(c).some((b) => b.actionId === 'escalation.ack');
/** Every chat.postMessage the emulator answered (also failed ones), reduced to what the test compares. */
const postsIn = (s: SlackDesk) =>
  s.emulator.calls
    .filter((c) => c.method === 'chat.postMessage')
    .map((c) => ({ status: c.status, channel: String(c.args.channel), page: isPage(c), text: visibleText(c) }));

const desks: SlackDesk[] = [];
const dirs: string[] = [];
afterEach(async () => {
  // Only the newest desk of a test owns the emulator; earlier ones were stopped by the restart.
  for (const s of desks.splice(0).reverse()) await s.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(options: { dir?: string } = {}) {
  const s = await startSlackDesk({ ...OPTIONS, ...options });
  desks.push(s);
  const sent = await s.deliver.userMessage({
    channel: 'C_ACME',
    user: 'U_CUST',
    text: 'The dashboard crashes with an error when I open reports',
  });
  const ticket = (await s.ticketFor('C_ACME', sent.ts))!;
  expect(ticket).toMatchObject({ key: 'SUP-1', tier: 'enterprise', priority: 'high' });
  await s.at(START + 3 * H); // 75%: the on-call reminder (no page)
  expect(
    postsIn(s)
      .filter((p) => p.channel === 'U_ALICE')
      .map((p) => [p.status, p.page]),
  ).toEqual([[200, false]]);
  return { s, ticket };
}

/** Stop the process (a crash or deploy): the emulator and the database folder stay; start a new server there at `at`. */
async function restart(old: SlackDesk, dir: string, at: number): Promise<SlackDesk> {
  await old.server.dispose();
  desks.splice(desks.indexOf(old), 1);
  const s = await startSlackDesk({ ...OPTIONS, dir, emulator: old.emulator, at });
  desks.push(s);
  return s;
}

const pageRows = async (s: SlackDesk) =>
  (
    await queryDesk<{ dedupe_key: string; sent_at: number | null }>(
      s.desk.stores,
      "SELECT dedupe_key, sent_at FROM outbox WHERE dedupe_key LIKE 'page:%' ORDER BY id",
    )
  ).map((r) => [r.dedupe_key, r.sent_at]);

describe('Slack: a breach escalating two steps, and a restart in the middle of it', () => {
  it('pages the on-call person by DM, then, unacknowledged after 10 minutes, the support manager; then tells the staff channel', async () => {
    const { s, ticket } = await open();
    const before = postsIn(s).length;
    const [run] = await s.desk.slaStore.runsOfTicket(ticket.id);
    expect(run).toBeUndefined(); // no run before the breach

    await s.at(BREACH);
    const [started] = await s.desk.slaStore.runsOfTicket(ticket.id);
    const buttons = [
      { actionId: 'escalation.ack', value: String(started!.id) },
      { actionId: 'ticket.claim', value: 'SUP-1' },
    ];
    const step1 = s.emulator.calls.filter((c) => c.method === 'chat.postMessage').slice(before);
    expect(step1.map((c) => [c.status, c.args.channel, c.args.thread_ts])).toEqual([[200, 'U_ALICE', undefined]]);
    expect(visibleText(step1[0]!)).toMatch(
      /Page, escalation step 1 of 2: SUP-1 \(Acme Corp, enterprise, high\).*missed its first response target/,
    );
    expect(buttonsOf(step1[0]!)).toEqual(buttons);

    await s.at(STEP2 - MIN); // not yet
    expect(postsIn(s)).toHaveLength(before + 1);

    await s.at(STEP2);
    const step2 = s.emulator.calls.filter((c) => c.method === 'chat.postMessage').slice(before + 1);
    expect(step2.map((c) => [c.status, c.args.channel, c.args.thread_ts])).toEqual([[200, 'U_MARIA', undefined]]);
    expect(visibleText(step2[0]!)).toMatch(/Page, escalation step 2 of 2: SUP-1 \(Acme Corp, enterprise, high\)/);
    expect(buttonsOf(step2[0]!)).toEqual(buttons); // the same run: either person's Acknowledge stops it

    await s.at(EXHAUSTED);
    await s.at(EXHAUSTED + 2 * H);
    const after = postsIn(s).slice(before);
    expect(after.map((p) => [p.status, p.channel, p.page])).toEqual([
      [200, 'U_ALICE', true],
      [200, 'U_MARIA', true],
      [200, 'C_STAFF', false],
    ]);
    expect(after[2]!.text).toMatch(/Nobody acknowledged the escalation of SUP-1/);
    expect(postsIn(s).filter((p) => p.channel.startsWith('dm:'))).toEqual([]);
    expect((await s.desk.slaStore.runsOfTicket(ticket.id)).map((r) => r.state)).not.toContain('active');
  });

  it('restarted after step 1 was delivered: step 1 is not sent again, step 2 is sent exactly once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-slack-restart-'));
    dirs.push(dir);
    const { s: first, ticket } = await open({ dir });
    await first.at(BREACH);
    const pages = () => postsIn(first).filter((p) => p.page);
    expect(pages().map((p) => [p.status, p.channel])).toEqual([[200, 'U_ALICE']]);
    const [run] = await first.desk.slaStore.runsOfTicket(ticket.id);

    // A new process on the same database, after step 2 was due: its start-up sweep and ours race on purpose.
    const second = await restart(first, dir, STEP2 + 5 * MIN);
    await second.at(STEP2 + 5 * MIN);
    await second.at(STEP2 + 6 * MIN);
    const now = postsIn(second).filter((p) => p.page);
    expect(now.map((p) => [p.status, p.channel])).toEqual([
      [200, 'U_ALICE'],
      [200, 'U_MARIA'],
    ]);
    expect(now[1]!.text).toMatch(/Page, escalation step 2 of 2: SUP-1/);
    expect(buttonsOf(second.emulator.succeeded('chat.postMessage').filter(isPage)[1]!)).toContainEqual({
      actionId: 'escalation.ack',
      value: String(run!.id),
    });
    expect((await pageRows(second)).map(([k, sent]) => [k, sent !== null])).toEqual([
      [`page:${run!.id}:0:0:alice`, true],
      [`page:${run!.id}:1:0:maria`, true],
    ]);

    // And the run still ends once: one "nobody acknowledged" in the staff channel, no more pages.
    await second.at(EXHAUSTED + 5 * MIN);
    await second.at(EXHAUSTED + 2 * H);
    expect(postsIn(second).filter((p) => p.page)).toHaveLength(2);
    expect(postsIn(second).filter((p) => p.channel === 'C_STAFF' && /Nobody acknowledged/.test(p.text))).toHaveLength(
      1,
    );
  });

  it('restarted after the page row was written but before Slack took it: the page is delivered exactly once after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-slack-restart-'));
    dirs.push(dir);
    const { s: first, ticket } = await open({ dir });
    first.emulator.fail('chat.postMessage', { status: 500, times: Infinity }); // Slack is down from the breach on
    await first.at(BREACH);
    const [run] = await first.desk.slaStore.runsOfTicket(ticket.id);
    expect(await pageRows(first)).toEqual([[`page:${run!.id}:0:0:alice`, null]]);
    const failed = postsIn(first).filter((p) => p.page);
    // One outbox attempt = one Web API call (the client does not retry by itself: runtime/platforms/slack.ts).
    expect(failed.map((p) => [p.status, p.channel])).toEqual([[500, 'U_ALICE']]);

    // The process stops with the page undelivered; Slack comes back; a new process starts two minutes later.
    const second = await restart(first, dir, BREACH + 2 * MIN);
    second.emulator.recover('chat.postMessage');
    await second.at(BREACH + 2 * MIN);
    await second.at(BREACH + 3 * MIN);
    const delivered = () => second.emulator.succeeded('chat.postMessage').filter(isPage);
    expect(delivered().map((c) => c.args.channel)).toEqual(['U_ALICE']);
    expect(visibleText(delivered()[0]!)).toMatch(/Page, escalation step 1 of 2: SUP-1/);
    expect(buttonsOf(delivered()[0]!)).toContainEqual({ actionId: 'escalation.ack', value: String(run!.id) });
    expect((await pageRows(second)).map(([k, sent]) => [k, sent !== null])).toEqual([
      [`page:${run!.id}:0:0:alice`, true],
    ]);

    // Step 2 still comes on time (10 minutes after step 1 went out, not after its delivery), once.
    await second.at(STEP2);
    await second.at(STEP2 + MIN);
    expect(delivered().map((c) => c.args.channel)).toEqual(['U_ALICE', 'U_MARIA']);
    expect((await pageRows(second)).map(([k, sent]) => [k, sent !== null])).toEqual([
      [`page:${run!.id}:0:0:alice`, true],
      [`page:${run!.id}:1:0:maria`, true],
    ]);
  });

  it('stopped while Slack is still answering the page: the stop waits for it, and the new process does not send it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-slack-restart-'));
    dirs.push(dir);
    const { s: first, ticket } = await open({ dir });
    first.emulator.slowDown('chat.postMessage', 400);
    first.clock.set(BREACH);
    await first.desk.sla.sweep();
    const flushing = first.desk.outbox.flush(); // the page is in flight when the stop begins
    await new Promise((r) => setTimeout(r, 100));
    const second = await restart(first, dir, BREACH + 2 * MIN);
    await flushing;
    second.emulator.slowDown('chat.postMessage', 0);
    await second.at(BREACH + 2 * MIN);
    await second.at(BREACH + 5 * MIN);
    const [run] = await second.desk.slaStore.runsOfTicket(ticket.id);
    expect(
      postsIn(second)
        .filter((p) => p.page)
        .map((p) => [p.status, p.channel]),
    ).toEqual([[200, 'U_ALICE']]);
    expect(await pageRows(second)).toEqual([[`page:${run!.id}:0:0:alice`, BREACH]]); // marked sent by the first process
  });
});
