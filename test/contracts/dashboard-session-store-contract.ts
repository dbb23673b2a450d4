import { describe, expect, it } from 'vitest';
import type { DashboardSessionStore, NewDashboardSession } from '../../core/ports/dashboard-session-store.js';

/** The same cases against every DashboardSessionStore implementation. */
export function dashboardSessionStoreContract(name: string, make: () => Promise<DashboardSessionStore>): void {
  const T0 = Date.UTC(2026, 0, 5, 9);
  const H = 3_600_000;
  const session = (idHash: string, over: Partial<NewDashboardSession> = {}): NewDashboardSession => ({
    idHash,
    method: 'token',
    staffId: null,
    credentialFingerprint: 'fp-1',
    createdAt: T0,
    expiresAt: T0 + 12 * H,
    ip: '192.0.2.7',
    userAgent: 'Mozilla/5.0',
    ...over,
  });

  describe(`DashboardSessionStore contract: ${name}`, () => {
    it('finds a live session by its id hash with everything recorded, and nothing else', async () => {
      const s = await make();
      await s.create(session('a'.repeat(64), { staffId: 'alice', ip: null, userAgent: null }));
      await s.create(session('b'.repeat(64)));
      expect(await s.find('a'.repeat(64), T0 + H)).toEqual({
        idHash: 'a'.repeat(64),
        method: 'token',
        staffId: 'alice',
        credentialFingerprint: 'fp-1',
        createdAt: T0,
        expiresAt: T0 + 12 * H,
        lastSeenAt: T0,
        revokedAt: null,
        ip: null,
        userAgent: null,
      });
      expect(await s.find('b'.repeat(64), T0)).toMatchObject({
        ip: '192.0.2.7',
        userAgent: 'Mozilla/5.0',
        staffId: null,
      });
      expect(await s.find('c'.repeat(64), T0)).toBeNull();
    });

    it('refuses a second session with the same id hash, and one that ends before it starts', async () => {
      const s = await make();
      await s.create(session('a'));
      await expect(s.create(session('a', { credentialFingerprint: 'other' }))).rejects.toThrow();
      expect(await s.find('a', T0)).toMatchObject({ credentialFingerprint: 'fp-1' });
      await expect(s.create(session('b', { expiresAt: T0 }))).rejects.toThrow();
    });

    it('refuses a session from the instant it expires', async () => {
      const s = await make();
      await s.create(session('a'));
      expect(await s.find('a', T0 + 12 * H - 1)).not.toBeNull();
      expect(await s.find('a', T0 + 12 * H)).toBeNull();
      expect(await s.revoke('a', T0 + 12 * H)).toBe(false);
    });

    it('moves lastSeenAt forward only, and only on a live session', async () => {
      const s = await make();
      await s.create(session('a'));
      await s.touch('a', T0 + 2 * H);
      await s.touch('a', T0 + H);
      expect((await s.find('a', T0 + 3 * H))?.lastSeenAt).toBe(T0 + 2 * H);
      await s.touch('missing', T0 + H);
      await s.revoke('a', T0 + 3 * H);
      await s.touch('a', T0 + 4 * H);
      expect(await s.find('a', T0 + 4 * H)).toBeNull();
    });

    it('revokes one session for good; a second revoke is a no-op', async () => {
      const s = await make();
      await s.create(session('a'));
      await s.create(session('b'));
      expect(await s.revoke('a', T0 + H)).toBe(true);
      expect(await s.revoke('a', T0 + 2 * H)).toBe(false);
      expect(await s.revoke('unknown', T0 + H)).toBe(false);
      expect(await s.find('a', T0 + H)).toBeNull();
      expect(await s.find('a', T0)).toBeNull(); // revocation is not undone by reading at an earlier time
      expect(await s.find('b', T0 + H)).not.toBeNull();
    });

    it('revokes every live session, or those of another credential', async () => {
      const s = await make();
      await s.create(session('old1', { credentialFingerprint: 'fp-old' }));
      await s.create(session('old2', { credentialFingerprint: 'fp-old' }));
      await s.create(session('gone', { credentialFingerprint: 'fp-old', expiresAt: T0 + H }));
      await s.create(session('new', { credentialFingerprint: 'fp-new' }));
      expect(await s.revokeAll(T0 + 2 * H, { exceptFingerprint: 'fp-new' })).toBe(2); // the expired one is not counted
      expect(await s.find('old1', T0 + 2 * H)).toBeNull();
      expect(await s.find('new', T0 + 2 * H)).not.toBeNull();
      expect(await s.revokeAll(T0 + 2 * H, { exceptFingerprint: 'fp-new' })).toBe(0);
      expect(await s.revokeAll(T0 + 3 * H)).toBe(1);
      expect(await s.find('new', T0 + 3 * H)).toBeNull();
    });

    it('records how a staff session was signed in', async () => {
      const s = await make();
      await s.create(session('l', { method: 'link', staffId: 'alice' }));
      await s.create(session('o', { method: 'oidc', staffId: 'bob' }));
      expect(await s.find('l', T0)).toMatchObject({ method: 'link', staffId: 'alice' });
      expect(await s.find('o', T0)).toMatchObject({ method: 'oidc', staffId: 'bob' });
    });

    it('revokes only the sessions signed in one way, or of one person, with the options combined', async () => {
      const s = await make();
      await s.create(session('tok-old', { credentialFingerprint: 'fp-old' }));
      await s.create(session('tok-new', { credentialFingerprint: 'fp-new' }));
      await s.create(session('alice-1', { method: 'link', staffId: 'alice', credentialFingerprint: 'staff' }));
      await s.create(session('alice-2', { method: 'oidc', staffId: 'alice', credentialFingerprint: 'staff' }));
      await s.create(session('bob-1', { method: 'link', staffId: 'bob', credentialFingerprint: 'staff' }));
      await s.create(session('bob-gone', { method: 'link', staffId: 'bob', expiresAt: T0 + H }));
      // The token changed: only token sessions of another token go; staff sessions (another fingerprint) stay.
      expect(await s.revokeAll(T0 + 2 * H, { exceptFingerprint: 'fp-new', method: 'token' })).toBe(1);
      expect(await s.find('tok-old', T0 + 2 * H)).toBeNull();
      for (const id of ['tok-new', 'alice-1', 'alice-2', 'bob-1'])
        expect(await s.find(id, T0 + 2 * H), id).not.toBeNull();
      // Sign alice out everywhere, whatever way she signed in.
      expect(await s.revokeAll(T0 + 2 * H, { staffId: 'alice' })).toBe(2);
      expect(await s.find('alice-1', T0 + 2 * H)).toBeNull();
      expect(await s.find('alice-2', T0 + 2 * H)).toBeNull();
      expect(await s.find('bob-1', T0 + 2 * H)).not.toBeNull();
      // A person with no live sessions, and a method nobody used: nothing to revoke.
      expect(await s.revokeAll(T0 + 2 * H, { staffId: 'alice' })).toBe(0);
      expect(await s.revokeAll(T0 + 2 * H, { method: 'oidc' })).toBe(0);
      expect(await s.revokeAll(T0 + 2 * H, { method: 'link', staffId: 'carol' })).toBe(0);
      // Every link session (bob's expired one is not counted); the token session stays.
      expect(await s.revokeAll(T0 + 2 * H, { method: 'link' })).toBe(1);
      expect(await s.find('bob-1', T0 + 2 * H)).toBeNull();
      expect(await s.find('tok-new', T0 + 2 * H)).not.toBeNull();
    });

    it("lists the live sessions newest first, everyone's or one person's", async () => {
      const s = await make();
      await s.create(session('tok', { createdAt: T0 }));
      await s.create(session('a-old', { method: 'link', staffId: 'alice', createdAt: T0 + 1 }));
      await s.create(session('a-new-y', { method: 'oidc', staffId: 'alice', createdAt: T0 + H }));
      await s.create(session('a-new-x', { method: 'link', staffId: 'alice', createdAt: T0 + H, ip: null }));
      await s.create(session('a-revoked', { method: 'link', staffId: 'alice', createdAt: T0 + 2 * H }));
      await s.create(session('a-expired', { method: 'link', staffId: 'alice', expiresAt: T0 + 3 * H }));
      await s.create(session('b', { method: 'link', staffId: 'bob', createdAt: T0 + 2 * H }));
      await s.revoke('a-revoked', T0 + 2 * H + 1);
      await s.touch('a-old', T0 + 2 * H);
      const at = T0 + 3 * H;
      expect((await s.listLive(at)).map((x) => x.idHash)).toEqual(['b', 'a-new-x', 'a-new-y', 'a-old', 'tok']);
      const alice = await s.listLive(at, 'alice');
      expect(alice.map((x) => x.idHash)).toEqual(['a-new-x', 'a-new-y', 'a-old']);
      expect(alice[0]).toEqual({
        ...session('a-new-x', { method: 'link', staffId: 'alice', createdAt: T0 + H, ip: null }),
        lastSeenAt: T0 + H,
        revokedAt: null,
      });
      expect(alice[2]).toMatchObject({ lastSeenAt: T0 + 2 * H, method: 'link' });
      expect(await s.listLive(at, 'carol')).toEqual([]);
      expect(await s.listLive(T0 + 12 * H + 1)).toEqual([]); // all expired by then
    });

    it('purges the records of sessions that expired before a time, revoked or not', async () => {
      const s = await make();
      await s.create(session('short', { expiresAt: T0 + H }));
      await s.create(session('revoked', { expiresAt: T0 + 2 * H }));
      await s.create(session('long', { expiresAt: T0 + 48 * H }));
      await s.revoke('revoked', T0 + 10);
      expect(await s.purgeExpired(T0 + H)).toBe(0); // expires_at is not before T0 + H
      expect(await s.purgeExpired(T0 + 3 * H)).toBe(2);
      expect(await s.purgeExpired(T0 + 3 * H)).toBe(0);
      expect(await s.find('long', T0 + 3 * H)).not.toBeNull();
    });
  });
}
