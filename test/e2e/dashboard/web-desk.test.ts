import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../emulators/slack/create-slack-emulator.js';
import { queryDesk } from '../../support/query-desk.js';
import { startSlackDesk } from '../slack/start-slack-desk.js';
import type { SlackDesk } from '../slack/start-slack-desk.js';

const CHROMIUM = '/usr/bin/chromium';
const PUBLIC_URL = 'https://desk.example.test';
/** Per store: the sqlite and postgres projects run this file at the same time. */
const OUT = join(process.cwd(), 'test-output', process.env.TEST_STORE ?? 'sqlite');
const LINK = /https:\/\/desk\.example\.test\/login\/link\/([A-Za-z0-9_-]{43})/;
/** The docs' pictures; rewritten when missing, or on UPDATE_SCREENSHOTS=1. */
const DOC_SHOTS = join(process.cwd(), 'docs', 'images');

/**
 * The web desk in real headless Chromium against the real server (npm start's path) with Slack live on the loopback
 * emulator: staff sign in with a link captured from their Slack DM, search, reply, and are refused what their role or
 * a forged form does not allow.
 */
describe('web desk: staff signed in as themselves', () => {
  let s: SlackDesk;
  let browser: Browser;
  let alice: BrowserContext;
  let page: Page;
  const dms = (user: string) =>
    s.emulator.succeeded('chat.postMessage').filter((c) => c.args.channel === user && LINK.test(String(c.args.text)));

  /** Ask for a link on the sign-in page and return the token the Slack DM carried. */
  async function requestLink(p: Page, who: string, user: string): Promise<string> {
    const before = dms(user).length;
    await p.goto(`${s.server.url}/login`);
    await p.fill('#who', who);
    await p.click('#link-form button');
    await p.waitForSelector('#notice');
    const [dm] = (await s.emulator.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === user && LINK.test(String(c.args.text)),
      { count: before + 1 },
    )) as RecordedCall[];
    expect(dm).toBeDefined();
    const last = dms(user).at(-1) as RecordedCall;
    return (LINK.exec(String(last.args.text)) as RegExpExecArray)[1] as string;
  }

  async function redeem(p: Page, token: string) {
    await p.goto(`${s.server.url}/login/link/${token}`);
    await p.click('#redeem-form button');
  }

  /** The CSRF token and form id of the ticket page's forms. */
  async function formFields(p: Page) {
    return {
      csrf: await p.inputValue('#status-form input[name=csrf]').catch(() => p.inputValue('input[name=csrf]')),
      form: await p.inputValue('input[name=form]'),
    };
  }

  beforeAll(async () => {
    s = await startSlackDesk({ env: { PUBLIC_URL, WEB_LIVE_INTERVAL_MS: '300' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    alice = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await alice.newPage();
    await s.deliver.userMessage({
      channel: 'C_ACME',
      user: 'U_CUST',
      text: 'Exports crash with error zebra42 on the CSV job',
    });
    await s.deliver.userMessage({
      channel: 'C_GLOBEX',
      user: 'U_G1',
      text: 'How do I rotate the API key for our account?',
    });
    await s.desk.outbox.flush();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('signs in with a one-time link from a Slack DM, and refuses the link a second time', async () => {
    const token = await requestLink(page, 'alice', 'U_ALICE');
    await redeem(page, token);
    await page.waitForURL(`${s.server.url}/desk`);
    expect(await page.textContent('#signed-in-as')).toBe('Alice Agent');
    const audit = await queryDesk<{ actor: string; action: string }>(
      s.desk.stores,
      "SELECT actor, action FROM audit_log WHERE ticket_id IS NULL AND action LIKE 'staff.%' ORDER BY id",
    );
    expect(audit).toEqual([
      { actor: 'alice', action: 'staff.sign-in-link' },
      { actor: 'alice', action: 'staff.signed-in' },
    ]);

    const other = await browser.newContext();
    const again = await other.newPage();
    await redeem(again, token);
    expect(await again.textContent('.error')).toContain('used already');
    expect(again.url()).toContain('/login/link/redeem');
    await other.close();
  });

  it('refuses an expired link', async () => {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const token = await requestLink(p, 'maria', 'U_MARIA');
    s.clock.advance(10 * 60_000);
    await redeem(p, token);
    expect(await p.textContent('.error')).toContain('expired');
    const r = await p.goto(`${s.server.url}/desk`);
    expect(r?.url()).toContain('/login');
    await ctx.close();
  });

  it('finds a ticket by a word of its transcript', async () => {
    await page.goto(`${s.server.url}/desk`);
    await page.fill('input[name=q]', 'zebra42');
    await page.press('input[name=q]', 'Enter');
    await page.waitForURL(/q=zebra42/);
    const keys = await page
      .locator('#ticket-rows tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    const acme = (await s.tickets()).find((t) => t.customerId === 'acme');
    expect(keys).toEqual([acme?.key]);
    mkdirSync(OUT, { recursive: true });
    await page.goto(`${s.server.url}/desk`);
    const shot = join(OUT, 'web-desk-list.png');
    await page.screenshot({ path: shot, fullPage: true });
    copyShot(shot, 'web-desk-list.png');
  });

  it('replies from the ticket page: the reply reaches the Slack thread and stops the first-response clock', async () => {
    const ticket = (await s.tickets()).find((t) => t.customerId === 'acme');
    if (!ticket) throw new Error('no acme ticket');
    await page.goto(`${s.server.url}/desk/tickets/${ticket.key}`);
    expect(await page.textContent('#ticket-title')).toContain(ticket.key);
    expect(await page.locator('[data-clock="first-response"]').getAttribute('data-state')).toBe('active');
    await page.fill('#reply-text', 'We found it: a malformed row. A fix ships today.');
    await page.click('#reply-form button');
    await page.waitForSelector('#flash');
    expect(await page.textContent('#flash')).toContain('first response recorded');
    await s.desk.outbox.flush();
    const [post] = await s.waitForPost(
      (c) =>
        c.args.channel === 'C_ACME' && String(c.args.text ?? JSON.stringify(c.args.blocks)).includes('malformed row'),
    );
    expect(post).toBeDefined();
    const after = await s.desk.store.getTicketByKey(ticket.key);
    expect(after?.firstResponseAt).toBe(s.clock.now());
    expect(after?.assigneeId).toBe('alice');
    expect(await page.locator('[data-clock="first-response"]').getAttribute('data-state')).toBe('hit');
    const messages = await s.desk.store.listMessages(ticket.id);
    expect(messages.at(-1)).toMatchObject({ role: 'staff', platform: 'web', authorId: 'alice' });
    const audit = await s.desk.store.listAudit(ticket.id);
    expect(audit.find((a) => a.action === 'ticket.first-response')?.actor).toBe('alice');
    const shot = join(OUT, 'web-desk-ticket.png');
    await page.screenshot({ path: shot, fullPage: true });
    copyShot(shot, 'web-desk-ticket.png');
  });

  it('applies the same form once when it is sent twice', async () => {
    const ticket = (await s.tickets()).find((t) => t.customerId === 'acme');
    if (!ticket) throw new Error('no acme ticket');
    await page.goto(`${s.server.url}/desk/tickets/${ticket.key}`);
    const { csrf, form } = await formFields(page);
    const before = (await s.desk.store.listMessages(ticket.id)).length;
    const post = () =>
      alice.request.post(`${s.server.url}/desk/tickets/${ticket.key}`, {
        form: { csrf, form, do: 'reply', text: 'Double-clicked reply' },
        maxRedirects: 0,
      });
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.status(), b.status()]).toEqual([303, 303]);
    expect((await s.desk.store.listMessages(ticket.id)).length).toBe(before + 1);
    await s.desk.outbox.flush();
    expect(s.posts('C_ACME').filter((c) => JSON.stringify(c.args).includes('Double-clicked reply'))).toHaveLength(1);
  });

  it("refuses an agent a manager's action, and a forged CSRF token, on the server", async () => {
    const ticket = (await s.tickets()).find((t) => t.customerId === 'globex');
    if (!ticket) throw new Error('no globex ticket');
    await page.goto(`${s.server.url}/desk/tickets/${ticket.key}`);
    expect(await page.locator('#assign-form').count()).toBe(0);
    const { csrf, form } = await formFields(page);
    const assign = await alice.request.post(`${s.server.url}/desk/tickets/${ticket.key}`, {
      form: { csrf, form, do: 'assign', assignee: 'maria' },
      maxRedirects: 0,
    });
    expect(assign.status()).toBe(403);
    expect(await assign.text()).toContain('support manager');
    const forged = await alice.request.post(`${s.server.url}/desk/tickets/${ticket.key}`, {
      form: { csrf: 'forged-token', form, do: 'resolve' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('CSRF');
    expect(await s.desk.store.getTicketByKey(ticket.key)).toMatchObject({ assigneeId: null, status: 'open' });
    // What the agent may do works: claim, then change the priority (clocks re-timed).
    await page.click('#status-form button[value=claim]');
    await page.waitForSelector('#flash');
    expect(await page.textContent('#assignee')).toBe('Alice Agent');
  });

  it('shows a new ticket in the open list without a reload', async () => {
    await page.goto(`${s.server.url}/desk`);
    await page.locator('#live', { hasText: 'live' }).waitFor();
    const count = await page.locator('#ticket-rows tr[data-key]').count();
    await s.deliver.userMessage({
      channel: 'C_INITECH',
      user: 'U_I1',
      text: 'Our nightly sync has been failing since 02:00',
    });
    // The page's CSP allows no eval, so wait on elements rather than on a script.
    await page.locator('#ticket-rows tr[data-key]').nth(count).waitFor({ timeout: 15_000 });
    const newest = (await s.tickets()).find((t) => t.customerId === 'initech');
    expect(await page.locator('#ticket-rows tr[data-key]').first().getAttribute('data-key')).toBe(newest?.key);
  });
});

function copyShot(shot: string, name: string) {
  const target = join(DOC_SHOTS, name);
  if (!existsSync(target) || process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(shot, target);
}
