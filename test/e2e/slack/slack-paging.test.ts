import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmChannelOf } from '../../emulators/slack/answer-web-api-call.js';
import type { RecordedCall } from '../../emulators/slack/create-slack-emulator.js';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { buttonsOf, START, startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';
import { queryDesk } from '../../support/query-desk.js';

const MIN = 60_000;
const H = 60 * MIN;

interface Answer {
  response_type?: string;
  text?: string;
}

/** Issue 7 on Slack: pages as DMs with Acknowledge, the ack button, and `/support oncall [override]`. */
describe('Slack: SLA pages, acknowledgements and on-call overrides', () => {
  let s: SlackDesk;
  beforeEach(async () => {
    s = await startSlackDesk({
      // Enterprise breaches page whoever is on call, then the support manager, 10 minutes each.
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
    });
  });
  afterEach(async () => {
    await s.close();
  });

  const isPage = (c: RecordedCall) => buttonsOf(c).some((b) => b.actionId === 'escalation.ack');
  const pagesTo = (user: string) => s.posts(user).filter(isPage);
  const ephemerals = () => s.emulator.succeeded('response_url').map((c) => String(c.args.text));
  const support = async (text: string, user: string, channel = 'C_STAFF') => {
    const res = await s.deliver.command({ text, user, channel });
    expect(res.status).toBe(200);
    return res.json as Answer;
  };
  /** The page as Slack stored it in the app's DM with `user`, and a click on one of its buttons. */
  const storedPage = (user: string) => {
    const dm = dmChannelOf(user);
    const page = s.emulator.store.history(dm).find((m) => JSON.stringify(m.blocks ?? []).includes('escalation.ack'))!;
    const click = (by: string, actionId: string, value: string) =>
      s.deliver.click({
        user: by,
        channel: dm,
        message: { ts: page.ts, text: page.text, blocks: s.emulator.store.find(dm, page.ts)!.blocks },
        actionId,
        value,
      });
    return { dm, page, click };
  };

  it('delivers a breach page as a DM to the on-call person (channel = user id) with Acknowledge; Acknowledge stops the run, non-staff are refused', async () => {
    const sent = await s.deliver.userMessage({
      channel: 'C_ACME',
      user: 'U_CUST',
      text: 'The dashboard crashes with an error when I open reports',
    });
    const ticket = (await s.ticketFor('C_ACME', sent.ts))!;
    expect(ticket).toMatchObject({ tier: 'enterprise', priority: 'high' });
    await s.at(START + 3 * H); // 75%: a reminder, no page yet
    expect(s.posts('U_ALICE').map((c) => visibleText(c))).toEqual([
      expect.stringMatching(/Reminder: the first response for SUP-1/),
    ]);
    await s.at(START + 4 * H);

    // The page: chat.postMessage to U_ALICE itself (never the desk's internal `dm:` address), with Acknowledge + Claim.
    const [page] = pagesTo('U_ALICE');
    expect(page).toBeDefined();
    expect(visibleText(page!)).toMatch(
      /Page, escalation step 1 of 2: SUP-1 \(Acme Corp, enterprise, high\).*missed its first response target/,
    );
    const [run] = await s.desk.slaStore.runsOfTicket(ticket.id);
    expect(buttonsOf(page!)).toEqual([
      { actionId: 'escalation.ack', value: String(run!.id) },
      { actionId: 'ticket.claim', value: ticket.key },
    ]);
    expect(page!.args.thread_ts).toBeUndefined();
    expect(s.emulator.succeeded('chat.postMessage').filter((c) => String(c.args.channel).startsWith('dm:'))).toEqual(
      [],
    );
    const { dm, page: stored, click } = storedPage('U_ALICE');

    // A customer cannot acknowledge: refused privately, the run goes on, the page is unchanged.
    expect((await click('U_CUST', 'escalation.ack', String(run!.id))).status).toBe(200);
    expect(ephemerals()).toEqual(['Only support staff can acknowledge a page.']);
    expect(s.emulator.succeeded('response_url').at(-1)!.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
    });
    expect((await s.desk.slaStore.runsOfTicket(ticket.id))[0]!.state).toBe('active');
    expect(s.emulator.succeeded('chat.update')).toEqual([]);

    // Alice acknowledges: told privately, the page (in the DM channel Slack answered with) shows who, without the button.
    await click('U_ALICE', 'escalation.ack', String(run!.id));
    expect(ephemerals().at(-1)).toMatch(/^Acknowledged at .*The escalation has stopped/);
    const [update] = s.emulator.succeeded('chat.update');
    expect(update!.args).toMatchObject({ channel: dm, ts: stored.ts });
    expect(visibleText(update!)).toContain('Page, escalation step 1 of 2: SUP-1');
    expect(visibleText(update!)).toContain('Acknowledged by <@U_ALICE>');
    expect(buttonsOf(update!).map((b) => b.actionId)).toEqual(['ticket.claim']);
    expect((await s.desk.slaStore.runsOfTicket(ticket.id))[0]).toMatchObject({
      state: 'acknowledged',
      ackedBy: 'alice',
    });
    expect(
      (await s.desk.store.listAudit(ticket.id))
        .filter((a) => a.action === 'escalation.acknowledged')
        .map((a) => a.actor),
    ).toEqual(['alice']);

    // The clock runs past step 2 and the final wait: nobody else is paged, the staff channel hears nothing.
    await s.at(START + 4 * H + 10 * MIN);
    await s.at(START + 4 * H + 20 * MIN);
    await s.at(START + 6 * H);
    expect(pagesTo('U_ALICE')).toHaveLength(1);
    expect(pagesTo('U_MARIA')).toEqual([]);
    expect(s.posts('C_STAFF').some((c) => visibleText(c).includes('Nobody acknowledged'))).toBe(false);

    // A second click (a stale copy of the page) says who acknowledged it and changes nothing.
    await click('U_MARIA', 'escalation.ack', String(run!.id));
    expect(ephemerals().at(-1)).toMatch(/^Already acknowledged by Alice Agent at /);
    expect(s.emulator.succeeded('chat.update')).toHaveLength(1);

    // Claim on the page assigns the ticket and keeps the page's text and history.
    await click('U_ALICE', 'ticket.claim', ticket.key);
    expect((await s.desk.store.getTicketByKey(ticket.key))!.assigneeId).toBe('alice');
    const claimed = s.emulator.succeeded('chat.update').at(-1)!;
    expect(claimed.args).toMatchObject({ channel: dm, ts: stored.ts });
    expect(visibleText(claimed)).toContain('Page, escalation step 1 of 2');
    expect(visibleText(claimed)).toContain('Acknowledged by <@U_ALICE>');
    expect(visibleText(claimed)).toContain('Claimed by <@U_ALICE>');
    expect(buttonsOf(claimed)).toEqual([]);
  });

  it('/support oncall override puts someone on call: /support oncall shows it and the next page goes to them', async () => {
    expect((await support('oncall', 'U_A1', 'C_ACME')).text).toMatch(
      /^On call now: Alice Agent \(emea shift, until .*16:00/,
    );

    // Staff only, with the core's reason; malformed input gets the usage.
    expect(await support('oncall override <@U_MARIA|maria> now +8h', 'U_CUST')).toEqual({
      response_type: 'ephemeral',
      text: 'Only support staff can change who is on call.',
    });
    expect((await support('oncall override <@U_MARIA|maria> now', 'U_ALICE')).text).toMatch(
      /^Usage: `\/support oncall override @person &lt;from&gt; &lt;to&gt;`/,
    );
    expect((await support('oncall override <@U_NOBODY|nobody> now +8h', 'U_ALICE')).text).toMatch(
      /not in the staff list/,
    );
    expect((await support('oncall override <!here> now +8h', 'U_ALICE')).text).toMatch(
      /^“&lt;!here&gt;” is not a person/,
    );
    expect((await support('oncall override <@U_MARIA|maria> +8h now', 'U_ALICE')).text).toBe(
      'The override must end after it starts.',
    );
    expect(await s.desk.sla.oncall.listOverrides(START - H, START + 24 * H)).toEqual([]);

    const set = await support('oncall override <@U_MARIA|maria> now +8h', 'U_ALICE');
    expect(set.response_type).toBe('ephemeral');
    expect(set.text).toMatch(
      /^Maria Manager is on call from Wed 4 Mar 2026, 14:00 UTC to Wed 4 Mar 2026, 22:00 UTC\.\nOn call now: Maria Manager \(.*override.*\)/,
    );
    expect(await s.desk.sla.oncall.listOverrides(START, START + H)).toEqual([
      expect.objectContaining({ staffId: 'maria', startsAt: START, endsAt: START + 8 * H, createdBy: 'alice' }),
    ]);
    expect(await queryDesk(s.desk.stores, "SELECT actor FROM audit_log WHERE action = 'oncall.override'")).toEqual([
      { actor: 'alice' },
    ]);

    const shown = await support('oncall', 'U_A1', 'C_ACME');
    expect(shown).toEqual({
      response_type: 'ephemeral',
      text: 'On call now: Maria Manager (emea shift, override, until Wed 4 Mar 2026, 16:00 UTC).\nNext: Maria Manager (apac shift, override, from Wed 4 Mar 2026, 16:00 UTC).',
    });

    // A critical ticket pages whoever is on call at once: Maria, by DM, not Alice.
    const sent = await s.deliver.userMessage({
      channel: 'C_ACME',
      user: 'U_CUST',
      text: 'Production is down, every request returns 500',
    });
    const ticket = (await s.ticketFor('C_ACME', sent.ts))!;
    expect(ticket.priority).toBe('critical');
    await s.at(START);
    const [page] = await s.waitForPost((c) => c.args.channel === 'U_MARIA' && isPage(c));
    expect(visibleText(page!)).toMatch(/SUP-1 .* is a critical incident/);
    expect(pagesTo('U_ALICE')).toEqual([]);
  });
});
