import { describe, expect, it } from 'vitest';
import type { NewSignInLink, SignInLinkStore } from '../../core/ports/sign-in-link-store.js';

/** The same cases against every SignInLinkStore implementation. */
export function signInLinkStoreContract(name: string, make: () => Promise<SignInLinkStore>): void {
  const T0 = Date.UTC(2026, 0, 5, 9);
  const M = 60_000;
  const link = (tokenHash: string, over: Partial<NewSignInLink> = {}): NewSignInLink => ({
    tokenHash,
    staffId: 'alice',
    createdAt: T0,
    expiresAt: T0 + 10 * M,
    ip: '192.0.2.7',
    userAgent: 'Mozilla/5.0',
    ...over,
  });

  describe(`SignInLinkStore contract: ${name}`, () => {
    it('consumes a link once for its staff member; later uses report when it was used, even after expiry', async () => {
      const s = await make();
      await s.createLink(link('a'.repeat(64)));
      await s.createLink(link('b'.repeat(64), { staffId: 'bob', ip: null, userAgent: null }));
      expect(await s.consumeLink('a'.repeat(64), T0 + M)).toEqual({ kind: 'consumed', staffId: 'alice' });
      expect(await s.consumeLink('a'.repeat(64), T0 + 2 * M)).toEqual({ kind: 'used', usedAt: T0 + M });
      expect(await s.consumeLink('a'.repeat(64), T0 + 60 * M)).toEqual({ kind: 'used', usedAt: T0 + M });
      expect(await s.consumeLink('b'.repeat(64), T0 + 2 * M)).toEqual({ kind: 'consumed', staffId: 'bob' });
    });

    it('refuses a link from the instant it expires, and keeps refusing it', async () => {
      const s = await make();
      await s.createLink(link('early'));
      await s.createLink(link('late'));
      expect(await s.consumeLink('early', T0 + 10 * M - 1)).toEqual({ kind: 'consumed', staffId: 'alice' });
      expect(await s.consumeLink('late', T0 + 10 * M)).toEqual({ kind: 'expired' });
      expect(await s.consumeLink('late', T0 + 10 * M - 1)).toEqual({ kind: 'consumed', staffId: 'alice' });
    });

    it('says unknown for a hash it never recorded', async () => {
      const s = await make();
      await s.createLink(link('a'));
      expect(await s.consumeLink('b', T0 + M)).toEqual({ kind: 'unknown' });
      expect(await s.consumeLink('', T0 + M)).toEqual({ kind: 'unknown' });
    });

    it('refuses a second link with the same hash, and one that expires before it is created', async () => {
      const s = await make();
      await s.createLink(link('a'));
      await expect(s.createLink(link('a', { staffId: 'mallory' }))).rejects.toThrow();
      expect(await s.consumeLink('a', T0 + M)).toEqual({ kind: 'consumed', staffId: 'alice' });
      await expect(s.createLink(link('b', { expiresAt: T0 }))).rejects.toThrow();
      expect(await s.consumeLink('b', T0 - 1)).toEqual({ kind: 'unknown' });
    });

    it('lets exactly one of 20 concurrent uses of one link consume it', async () => {
      const s = await make();
      await s.createLink(link('race'));
      const results = await Promise.all(Array.from({ length: 20 }, () => s.consumeLink('race', T0 + M)));
      expect(results.filter((r) => r.kind === 'consumed')).toEqual([{ kind: 'consumed', staffId: 'alice' }]);
      expect(results.filter((r) => r.kind !== 'consumed')).toEqual(
        Array.from({ length: 19 }, () => ({ kind: 'used', usedAt: T0 + M })),
      );
    });

    it('counts the links of one person created at or after a time, used or not', async () => {
      const s = await make();
      await s.createLink(link('a1', { createdAt: T0, expiresAt: T0 + 10 * M }));
      await s.createLink(link('a2', { createdAt: T0 + 5 * M, expiresAt: T0 + 15 * M }));
      await s.createLink(link('a3', { createdAt: T0 + 9 * M, expiresAt: T0 + 19 * M }));
      await s.createLink(link('b1', { staffId: 'bob', createdAt: T0 + 5 * M, expiresAt: T0 + 15 * M }));
      await s.consumeLink('a2', T0 + 6 * M);
      expect(await s.countLinksSince('alice', T0)).toBe(3);
      expect(await s.countLinksSince('alice', T0 + 5 * M)).toBe(2); // created_at at `since` counts
      expect(await s.countLinksSince('alice', T0 + 5 * M + 1)).toBe(1);
      expect(await s.countLinksSince('bob', T0)).toBe(1);
      expect(await s.countLinksSince('carol', T0)).toBe(0);
    });

    it('purges links that expired before a time, used or not', async () => {
      const s = await make();
      await s.createLink(link('used', { expiresAt: T0 + 10 * M }));
      await s.createLink(link('idle', { expiresAt: T0 + 10 * M }));
      await s.createLink(link('later', { expiresAt: T0 + 30 * M }));
      await s.consumeLink('used', T0 + M);
      expect(await s.purgeLinks(T0 + 10 * M)).toBe(0); // expires_at is not before T0 + 10 min
      expect(await s.purgeLinks(T0 + 10 * M + 1)).toBe(2);
      expect(await s.purgeLinks(T0 + 10 * M + 1)).toBe(0);
      expect(await s.consumeLink('used', T0 + 2 * M)).toEqual({ kind: 'unknown' });
      expect(await s.countLinksSince('alice', T0)).toBe(1);
      expect(await s.consumeLink('later', T0 + 11 * M)).toEqual({ kind: 'consumed', staffId: 'alice' });
    });
  });
}
