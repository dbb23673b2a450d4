import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../emulators/slack/create-slack-emulator.js';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { buttonsOf, startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';

describe('Slack: announcement buttons and satisfaction surveys', () => {
  let s: SlackDesk;
  beforeEach(async () => {
    s = await startSlackDesk();
  });
  afterEach(async () => {
    await s.close();
  });

  async function announced(channel: string, user: string, text: string) {
    const sent = await s.deliver.userMessage({ channel, user, text });
    const [announcement] = await s.waitForPost(
      (c) =>
        c.args.channel === 'C_STAFF' &&
        visibleText(c).includes('Open the thread') &&
        c.args.blocks !== undefined &&
        JSON.stringify(c.args.blocks).includes(`p${sent.ts.replace('.', '')}`),
    );
    const ts = s.emulator.store
      .history('C_STAFF')
      .find((m) => m.blocks && JSON.stringify(m.blocks).includes(sent.ts.replace('.', '')))!.ts;
    const ticket = (await s.ticketFor(channel, sent.ts))!;
    const click = (user: string, actionId: string) =>
      s.deliver.click({
        user,
        channel: 'C_STAFF',
        message: { ts, blocks: s.emulator.store.find('C_STAFF', ts)!.blocks },
        actionId,
        value: ticket.key,
      });
    return { sent, announcement: announcement!, ts, ticket, click };
  }

  const updatesOf = (ts: string) => s.emulator.succeeded('chat.update').filter((c) => c.args.ts === ts);
  const ephemeralTexts = () =>
    s.emulator
      .succeeded('response_url')
      .map((c) => ({ text: String(c.args.text), type: c.args.response_type, replace: c.args.replace_original }));

  it('Claim, Escalate and Resolve update the announcement to show who did what', async () => {
    const a = await announced('C_ACME', 'U_CUST', 'Dashboard crashes when I open reports');
    expect((await a.click('U_ALICE', 'ticket.claim')).status).toBe(200);
    expect((await s.desk.store.getTicketByKey(a.ticket.key))!.assigneeId).toBe('alice');
    let update: RecordedCall | undefined = updatesOf(a.ts)[0];
    expect(update!.args.channel).toBe('C_STAFF');
    expect(visibleText(update!)).toContain('Claimed by <@U_ALICE>');

    await a.click('U_MARIA', 'ticket.escalate');
    expect((await s.desk.store.getTicketByKey(a.ticket.key))!.escalated).toBe(true);
    update = updatesOf(a.ts).at(-1);
    expect(visibleText(update!)).toContain('Claimed by <@U_ALICE>');
    expect(visibleText(update!)).toContain('Escalated by <@U_MARIA>');
    expect(buttonsOf(update!).map((b) => b.actionId)).toEqual(['ticket.claim', 'ticket.resolve']);

    await a.click('U_ALICE', 'ticket.resolve');
    expect((await s.desk.store.getTicketByKey(a.ticket.key))!.status).toBe('resolved');
    update = updatesOf(a.ts).at(-1);
    expect(visibleText(update!)).toContain('Resolved by <@U_ALICE>');
    expect(visibleText(update!)).toContain('(resolved)');
    expect(buttonsOf(update!)).toEqual([]);
  });

  it('refuses staff actions to a non-staff user with an ephemeral explanation and changes nothing', async () => {
    const a = await announced('C_GLOBEX', 'U_G1', 'Import fails with an error');
    expect((await a.click('U_G1', 'ticket.resolve')).status).toBe(200);
    expect(ephemeralTexts()).toEqual([{ text: 'Only support staff can do that.', type: 'ephemeral', replace: false }]);
    expect((await s.desk.store.getTicketByKey(a.ticket.key))!.status).toBe('open');
    expect(s.emulator.succeeded('chat.update')).toEqual([]);
  });

  it('asks for CSAT after resolve (and NPS for enterprise), and stores the ratings the customer gives', async () => {
    const a = await announced('C_ACME', 'U_CUST', 'Login page shows an error');
    await a.click('U_ALICE', 'ticket.resolve');
    const [survey] = await s.waitForPost(
      (c) => c.args.channel === 'C_ACME' && c.args.thread_ts === a.sent.ts && visibleText(c).includes('is resolved'),
    );
    const buttons = buttonsOf(survey!);
    expect(buttons.filter((b) => b.actionId.startsWith('rate.csat')).map((b) => b.value)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `${a.ticket.key}:${n}`),
    );
    expect(buttons.filter((b) => b.actionId.startsWith('rate.nps'))).toHaveLength(11);
    // action_ids are unique within a block (a Slack rule); the router strips the #n suffix.
    expect(new Set(buttons.map((b) => b.actionId)).size).toBe(buttons.length);

    const surveyTs = s.emulator.store.replies('C_ACME', a.sent.ts).at(-1)!.ts;
    const rate = (user: string, kind: 'csat' | 'nps', score: number) => {
      const b = buttons.find((x) => x.actionId.startsWith(`rate.${kind}`) && x.value === `${a.ticket.key}:${score}`)!;
      return s.deliver.click({
        user,
        channel: 'C_ACME',
        message: { ts: surveyTs, thread_ts: a.sent.ts },
        actionId: b.actionId,
        value: b.value,
      });
    };
    await rate('U_CUST', 'csat', 4);
    await rate('U_CUST', 'nps', 9);
    await rate('U_ALICE', 'csat', 1); // staff may not rate their own work
    await rate('U_COLLEAGUE', 'nps', 9); // a colleague in the customer's shared channel may answer for the organisation
    const ratings = await s.desk.store.listRatings(a.ticket.id);
    expect(ratings.map((r) => [r.kind, r.score, r.raterId]).sort()).toEqual([
      ['csat', 4, 'U_CUST'],
      ['nps', 9, 'U_COLLEAGUE'],
    ]);
    const answers = ephemeralTexts().map((e) => e.text);
    expect(answers).toContain(`Thank you! Your CSAT rating (4/5) for ${a.ticket.key} was recorded.`);
    expect(answers).toContain('Support staff cannot rate tickets.');
  });

  it('asks professional customers for CSAT only', async () => {
    const a = await announced('C_GLOBEX', 'U_G1', 'Webhook delivery error');
    await a.click('U_ALICE', 'ticket.resolve');
    const [survey] = await s.waitForPost(
      (c: RecordedCall) => c.args.thread_ts === a.sent.ts && visibleText(c).includes('is resolved'),
    );
    expect(buttonsOf(survey!).map((b) => b.actionId.split('#')[0])).toEqual([
      'rate.csat',
      'rate.csat',
      'rate.csat',
      'rate.csat',
      'rate.csat',
    ]);
  });
});
