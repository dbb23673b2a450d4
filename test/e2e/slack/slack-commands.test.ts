import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { visibleText } from '../../emulators/slack/create-slack-emulator.js';
import { startSlackDesk } from './start-slack-desk.js';
import type { SlackDesk } from './start-slack-desk.js';

interface Answer {
  response_type?: string;
  text?: string;
  blocks?: unknown[];
}

describe('Slack: /support', () => {
  let s: SlackDesk;
  beforeEach(async () => {
    s = await startSlackDesk();
  });
  afterEach(async () => {
    await s.close();
  });

  const support = async (text: string, user: string, channel: string) => {
    const res = await s.deliver.command({ text, user, channel });
    expect(res.status).toBe(200);
    return res.json as Answer;
  };

  it('status lists only the caller organisation’s open tickets (never another customer’s)', async () => {
    await s.deliver.userMessage({ channel: 'C_ACME', user: 'U_A1', text: 'Acme secret project crashes' });
    await s.deliver.userMessage({ channel: 'C_GLOBEX', user: 'U_G1', text: 'Globex importer error' });
    const [acme, globex] = [
      (await s.tickets()).find((t) => t.customerId === 'acme')!,
      (await s.tickets()).find((t) => t.customerId === 'globex')!,
    ];

    const forGlobex = await support('status', 'U_G1', 'C_GLOBEX');
    expect(forGlobex.response_type).toBe('ephemeral');
    expect(forGlobex.text).toContain(globex.key);
    expect(forGlobex.text).toContain('Globex importer error');
    expect(JSON.stringify(forGlobex)).not.toContain(acme.key);
    expect(JSON.stringify(forGlobex)).not.toContain('Acme secret project');

    const forAcme = await support('status', 'U_A1', 'C_ACME');
    expect(forAcme.text).toContain(acme.key);
    expect(JSON.stringify(forAcme)).not.toContain(globex.key);

    expect(forAcme.text).toMatch(/first response due .* E[SD]T/);

    // Outside a customer channel a person sees only the tickets they opened themselves.
    const elsewhere = await support('status', 'U_A1', 'C_RANDOM');
    expect(elsewhere.text).toContain(acme.key);
    expect(JSON.stringify(elsewhere)).not.toContain(globex.key);
    expect((await support('status', 'U_NOBODY', 'C_RANDOM')).text).toBe('No open tickets for you.');
  });

  it('kb searches the knowledge base and offers vote buttons that are recorded', async () => {
    const answer = await support('kb how do I rotate my api token', 'U_G1', 'C_GLOBEX');
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.blocks)).toContain('https://docs.example.test/kb/rotate-api-token.md');
    expect(JSON.stringify(answer.blocks)).toContain(
      '"action_id":"kb.helpful","text":{"type":"plain_text","text":"Solved it"},"value":"rotate-api-token"',
    );
    await s.deliver.click({
      user: 'U_G1',
      channel: 'C_GLOBEX',
      message: { ts: '1.000001' },
      actionId: 'kb.helpful',
      value: 'rotate-api-token',
    });
    expect((await s.desk.store.articleStats()).get('rotate-api-token')).toMatchObject({ helpful: 1, notHelpful: 0 });
    expect(s.emulator.succeeded('response_url').at(-1)?.args).toMatchObject({
      response_type: 'ephemeral',
      text: 'Glad it helped, thanks for letting us know.',
    });

    expect((await support('kb', 'U_G1', 'C_GLOBEX')).text).toContain('Usage: `/support kb <question>`');
  });

  it('oncall names who is on call now', async () => {
    const answer = await support('oncall', 'U_A1', 'C_ACME');
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.text).toMatch(/^On call now: Alice Agent \(emea shift, until .*16:00/);
  });

  it('new opens a ticket in a fresh thread, answers the caller privately from the outcome and announces it to staff', async () => {
    const answer = await support('new Our nightly export job crashes', 'U_A1', 'C_ACME');
    const [ticket] = await s.tickets();
    expect(ticket).toMatchObject({
      customerId: 'acme',
      requesterId: 'U_A1',
      subject: 'Our nightly export job crashes',
      status: 'open',
    });
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain(`I opened ${ticket!.key} for this (priority: ${ticket!.priority})`);
    // The thread starter comes from the outbox, after the answer; the ticket then lives in the thread it started.
    const [anchor] = await s.waitForPost((c) => c.args.channel === 'C_ACME' && c.args.thread_ts === undefined);
    expect(visibleText(anchor!)).toContain('Our nightly export job crashes');
    const announcement = await s.waitForPost(
      (c) => c.args.channel === 'C_STAFF' && visibleText(c).includes(ticket!.key),
    );
    await s.desk.outbox.flush();
    const threadTs = s.emulator.store.history('C_ACME')[0]!.ts;
    expect((await s.desk.store.getTicket(ticket!.id))!.conversation.threadId).toBe(threadTs);
    expect(visibleText(announcement[0]!)).toContain(`p${threadTs.replace('.', '')}`); // Open the thread
    expect((await support('new', 'U_A1', 'C_ACME')).text).toContain('Usage: `/support new <what you need>`');
  });

  it('stats shows the desk metrics to staff only, privately', async () => {
    await s.deliver.userMessage({ channel: 'C_ACME', user: 'U_A1', text: 'Acme importer crashes' });
    s.clock.advance(60_000); // periods end at now, exclusive
    const stats = await support('stats', 'U_ALICE', 'C_STAFF');
    expect(stats.response_type).toBe('ephemeral');
    expect(stats.text).toMatch(/^Support stats, last 30d\nTickets: 1 opened, 1 still open, 0 resolved\n/);
    expect(stats.text).toContain('SLA compliance:');
    expect((await support('stats 7d', 'U_ALICE', 'C_STAFF')).text).toMatch(/^Support stats, last 7d/);
    expect((await support('stats <!here>', 'U_ALICE', 'C_STAFF')).text).toBe(
      'period "&lt;!here&gt;" is not understood: use a number and a unit, e.g. 30d, 7d, 12w or 24h',
    );
    expect(await support('stats', 'U_A1', 'C_ACME')).toEqual({
      response_type: 'ephemeral',
      text: 'Only support staff can see the desk’s stats.',
    });
  });

  it('help lists the sub-commands, also for an unknown one', async () => {
    const help = await support('help', 'U_A1', 'C_ACME');
    for (const verb of ['status', 'kb', 'oncall', 'oncall override', 'stats', 'new', 'help'])
      expect(help.text).toContain(`/support ${verb}`);
    expect((await support('frobnicate', 'U_A1', 'C_ACME')).text).toMatch(/^Unknown sub-command “frobnicate”/);
  });
});
