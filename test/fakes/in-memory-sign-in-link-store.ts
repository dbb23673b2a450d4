import type { NewSignInLink, SignInLinkStore } from '../../core/ports/sign-in-link-store.js';

interface LinkRecord extends NewSignInLink {
  usedAt: number | null;
}

/** In-memory fake of the sign-in link store; the shared contract test keeps it in step with SQLite and PostgreSQL. */
export function createInMemorySignInLinkStore(): SignInLinkStore {
  const links = new Map<string, LinkRecord>();
  return {
    async createLink(link) {
      if (links.has(link.tokenHash))
        throw Object.assign(new Error('sign-in link exists'), { code: 'sign-in-link.duplicate' });
      if (link.expiresAt <= link.createdAt)
        throw Object.assign(new Error('a link must expire after it is created'), { code: 'sign-in-link.invalid' });
      links.set(link.tokenHash, { ...link, usedAt: null });
    },
    async consumeLink(tokenHash, now) {
      // One synchronous step: no await between the check and the write, so concurrent calls cannot both pass.
      const link = links.get(tokenHash);
      if (!link) return { kind: 'unknown' };
      if (link.usedAt !== null) return { kind: 'used', usedAt: link.usedAt };
      if (now >= link.expiresAt) return { kind: 'expired' };
      link.usedAt = now;
      return { kind: 'consumed', staffId: link.staffId };
    },
    async countLinksSince(staffId, since) {
      let n = 0;
      for (const l of links.values()) if (l.staffId === staffId && l.createdAt >= since) n++;
      return n;
    },
    async purgeLinks(before) {
      let n = 0;
      for (const [k, l] of links) {
        if (l.expiresAt < before) {
          links.delete(k);
          n++;
        }
      }
      return n;
    },
  };
}
