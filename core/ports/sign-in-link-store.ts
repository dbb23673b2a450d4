import type { Millis } from '../model/types.js';

export interface NewSignInLink {
  /** SHA-256 (hex) of the link's random token; the store never holds a usable link. */
  tokenHash: string;
  staffId: string;
  createdAt: Millis;
  /** The link is refused from this instant on. */
  expiresAt: Millis;
  /** Who asked for it, for the audit. */
  ip: string | null;
  userAgent: string | null;
}

export type ConsumeLinkResult =
  | { kind: 'consumed'; staffId: string }
  | { kind: 'expired' }
  | { kind: 'used'; usedAt: Millis }
  | { kind: 'unknown' };

/**
 * One-time sign-in links for staff (issue 24). A link is live while it is unused and `now < expiresAt`. A link that
 * was used reports `used` (with when) even after it expired, so a second click can be told apart from a late one.
 */
export interface SignInLinkStore {
  /** Record a link. Rejects when the hash exists (and when it expires at or before its creation). */
  createLink(link: NewSignInLink): Promise<void>;
  /** Use the link once: of any number of concurrent calls for one live link exactly one gets `consumed` (an atomic conditional UPDATE ... RETURNING, not read-then-write). */
  consumeLink(tokenHash: string, now: Millis): Promise<ConsumeLinkResult>;
  /** Links of one staff member created at or after `since` (to cap how many a person can ask for: throttling). */
  countLinksSince(staffId: string, since: Millis): Promise<number>;
  /** Delete links that expired before `before`. Returns how many. */
  purgeLinks(before: Millis): Promise<number>;
}
