import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/index.js';
import type { Platform, StaffConfig } from '../../core/index.js';
import { createInMemorySignInLinkStore } from '../../test/fakes/in-memory-sign-in-link-store.js';
import { createInMemorySupportStore } from '../../test/fakes/in-memory-support-store.js';
import { createStaffSignIn, LINK_TTL_MS, LINKS_PER_WINDOW } from './staff-sign-in.js';

const member = (s: Partial<StaffConfig> & Pick<StaffConfig, 'id' | 'name'>): StaffConfig => ({
  roles: ['agent'],
  timezone: 'UTC',
  ...s,
});
const config = {
  staff: [
    member({ id: 'alice', name: 'Alice', slack: 'U_ALICE', email: 'alice@desk.test' }),
    member({ id: 'dora', name: 'Dora', discord: '200' }),
    member({ id: 'nobody', name: 'No Address' }),
  ],
};

function setup(live: Platform[] = ['slack', 'discord', 'email']) {
  let now = Date.UTC(2026, 11, 5, 9);
  const store = createInMemorySupportStore();
  let staff = config.staff;
  const signIn = createStaffSignIn({
    links: createInMemorySignInLinkStore(),
    store,
    staff: () => staff,
    canDeliver: (p) => live.includes(p),
    publicUrl: 'https://desk.example.test/',
    deskName: 'Desk',
    now: () => now,
    log: silentLogger,
  });
  const sentLinks = async () => (await store.dueOutbox(now + LINK_TTL_MS, 100)).map((o) => o);
  return {
    signIn,
    store,
    sentLinks,
    advance: (ms: number) => {
      now += ms;
    },
    removeStaff: (id: string) => {
      staff = staff.filter((s) => s.id !== id);
    },
  };
}
const from = { ip: '203.0.113.9', userAgent: 'test' };
const tokenOf = (text: string) => /\/login\/link\/([A-Za-z0-9_-]{43})$/m.exec(text)?.[1] ?? '';

describe('staff sign-in links', () => {
  it('sends a link as a Slack DM to the person named by id or email, and signs them in once', async () => {
    const t = setup();
    expect(await t.signIn.request('ALICE@desk.test', from)).toMatchObject({
      kind: 'sent',
      staffId: 'alice',
      via: 'slack',
    });
    const [item] = await t.sentLinks();
    expect(item?.conversation).toEqual({ platform: 'slack', channelId: 'dm:U_ALICE' });
    const text = item?.message.text.split('\n')[0] ?? '';
    expect(text).toMatch(/^Sign in to Desk as Alice: https:\/\/desk\.example\.test\/login\/link\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(text);
    expect(await t.signIn.redeem(token, { ip: null })).toMatchObject({ kind: 'ok', staff: { id: 'alice' } });
    expect(await t.signIn.redeem(token, { ip: null })).toEqual({ kind: 'used' });
  });

  it('uses the next platform the desk can deliver on, and says when there is none', async () => {
    const t = setup(['email']);
    expect(await t.signIn.request('alice', from)).toMatchObject({ kind: 'sent', via: 'email' });
    expect(await t.signIn.request('dora', from)).toEqual({ kind: 'no-address', staffId: 'dora' });
    expect(await t.signIn.request('nobody', from)).toEqual({ kind: 'no-address', staffId: 'nobody' });
    expect(await t.signIn.request('mallory', from)).toEqual({ kind: 'unknown' });
    expect(await t.signIn.request('   ', from)).toEqual({ kind: 'unknown' });
  });

  it('refuses an expired link, a made-up one, and one of a person no longer on staff', async () => {
    const t = setup();
    await t.signIn.request('alice', from);
    await t.signIn.request('dora', from);
    const [a, d] = (await t.sentLinks()).map((o) => tokenOf(o.message.text.split('\n')[0] ?? ''));
    t.advance(LINK_TTL_MS);
    expect(await t.signIn.redeem(a as string, { ip: null })).toEqual({ kind: 'expired' });
    expect(await t.signIn.redeem('x'.repeat(43), { ip: null })).toEqual({ kind: 'unknown' });
    expect(await t.signIn.redeem('not a token', { ip: null })).toEqual({ kind: 'unknown' });
    const t2 = setup();
    await t2.signIn.request('dora', from);
    const [d2] = (await t2.sentLinks()).map((o) => tokenOf(o.message.text.split('\n')[0] ?? ''));
    t2.removeStaff('dora');
    expect(await t2.signIn.redeem(d2 as string, { ip: null })).toEqual({ kind: 'not-staff' });
    expect(d).toBeTruthy();
  });

  it(`sends at most ${LINKS_PER_WINDOW} links per person in 15 minutes`, async () => {
    const t = setup();
    for (let i = 0; i < LINKS_PER_WINDOW; i++) expect((await t.signIn.request('alice', from)).kind).toBe('sent');
    expect(await t.signIn.request('alice', from)).toEqual({ kind: 'too-many', staffId: 'alice' });
    t.advance(15 * 60_000 + 1);
    expect((await t.signIn.request('alice', from)).kind).toBe('sent');
  });
});
