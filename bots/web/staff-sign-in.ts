import { createHash, randomBytes } from 'node:crypto';
import { personConversation } from '../../core/index.js';
import type { Logger, Platform, SignInLinkStore, StaffConfig, SupportStore } from '../../core/index.js';

/** A sign-in link works for 10 minutes, once. */
export const LINK_TTL_MS = 10 * 60_000;
/** At most this many links per person within LINK_WINDOW_MS (a link request names someone else's inbox). */
export const LINKS_PER_WINDOW = 5;
export const LINK_WINDOW_MS = 15 * 60_000;
/** 32 random bytes, base64url. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** The platforms a link can be sent through, in order of preference. */
const LINK_PLATFORMS = ['slack', 'discord', 'email'] as const;

export const linkTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export type LinkRequestResult =
  /** `via` is never shown to the person who asked (that would say who is staff); it is logged and audited. */
  | { kind: 'sent'; staffId: string; via: Platform }
  | { kind: 'unknown' }
  | { kind: 'no-address'; staffId: string }
  | { kind: 'too-many'; staffId: string };

export type RedeemResult =
  | { kind: 'ok'; staff: StaffConfig }
  | { kind: 'expired' }
  | { kind: 'used' }
  | { kind: 'unknown' }
  /** The link was good but the person is no longer in the configuration's staff list. */
  | { kind: 'not-staff' };

export interface StaffSignInDeps {
  links: SignInLinkStore;
  /** The link message goes out through the outbox like any other message (an audit row in the same commit). */
  store: Pick<SupportStore, 'commit'>;
  staff: () => readonly StaffConfig[];
  /** Whether the desk can deliver on this platform (its credentials are set). */
  canDeliver: (platform: Platform) => boolean;
  /** The desk's address as staff reach it (PUBLIC_URL), never taken from a request's Host header. */
  publicUrl: string;
  deskName: string;
  now: () => number;
  log: Logger;
}

/** Who a person typed into the form: a staff id, or a staff member's email address (any case). */
export function findStaff(staff: readonly StaffConfig[], who: string): StaffConfig | null {
  const w = who.trim().toLowerCase();
  if (!w) return null;
  return staff.find((s) => s.id.toLowerCase() === w || (s.email && s.email.toLowerCase() === w)) ?? null;
}

/** Where a link for this person goes: a Slack DM, a Discord DM or a mail, the first the desk can deliver. */
export function linkAddress(
  staff: StaffConfig,
  canDeliver: (p: Platform) => boolean,
): { platform: Platform; userId: string } | null {
  for (const platform of LINK_PLATFORMS) {
    const userId = staff[platform];
    if (userId && canDeliver(platform)) return { platform, userId };
  }
  return null;
}

/**
 * One-time sign-in links: no password database. A link is 32 random bytes; the store keeps only its SHA-256, for 10
 * minutes, and a link is consumed by one atomic update, so two clicks (or two instances) cannot both sign in with it.
 */
export function createStaffSignIn(deps: StaffSignInDeps) {
  const { links, log } = deps;
  return {
    enabled: () => deps.staff().some((s) => linkAddress(s, deps.canDeliver) !== null),

    async request(who: string, from: { ip: string | null; userAgent: string | null }): Promise<LinkRequestResult> {
      const staff = findStaff(deps.staff(), who);
      if (!staff) return { kind: 'unknown' };
      const address = linkAddress(staff, deps.canDeliver);
      if (!address) return { kind: 'no-address', staffId: staff.id };
      const now = deps.now();
      if ((await links.countLinksSince(staff.id, now - LINK_WINDOW_MS)) >= LINKS_PER_WINDOW)
        return { kind: 'too-many', staffId: staff.id };
      const token = randomBytes(32).toString('base64url');
      const tokenHash = linkTokenHash(token);
      await links.createLink({
        tokenHash,
        staffId: staff.id,
        createdAt: now,
        expiresAt: now + LINK_TTL_MS,
        ip: from.ip,
        userAgent: from.userAgent ? from.userAgent.slice(0, 256) : null,
      });
      const url = `${deps.publicUrl.replace(/\/+$/, '')}/login/link/${token}`;
      await deps.store.commit({
        at: now,
        audits: [
          {
            ticketId: null,
            actor: staff.id,
            action: 'staff.sign-in-link',
            detail: { via: address.platform, ip: from.ip, link: tokenHash.slice(0, 12) },
            at: now,
          },
        ],
        outbox: [
          {
            platform: address.platform,
            conversation: personConversation(address.platform, address.userId),
            message: {
              text: `Sign in to ${deps.deskName} as ${staff.name}: ${url}\nThe link works once, for 10 minutes. If you did not ask for it, ignore this message.`,
            },
            dedupeKey: `sign-in:${tokenHash.slice(0, 24)}`,
          },
        ],
      });
      log.info({ staff: staff.id, via: address.platform, ip: from.ip }, 'sign-in link sent');
      return { kind: 'sent', staffId: staff.id, via: address.platform };
    },

    /** Consume a link: exactly once, before it expires, for someone who is still on the staff list. */
    async redeem(token: string, from: { ip: string | null }): Promise<RedeemResult> {
      if (!LINK_TOKEN.test(token)) return { kind: 'unknown' };
      const tokenHash = linkTokenHash(token);
      const now = deps.now();
      const r = await links.consumeLink(tokenHash, now);
      if (r.kind !== 'consumed') return { kind: r.kind };
      const staff = deps.staff().find((s) => s.id === r.staffId);
      if (!staff) return { kind: 'not-staff' };
      await deps.store.commit({
        at: now,
        audits: [
          {
            ticketId: null,
            actor: staff.id,
            action: 'staff.signed-in',
            detail: { method: 'link', ip: from.ip, link: tokenHash.slice(0, 12) },
            at: now,
          },
        ],
      });
      log.info({ staff: staff.id, ip: from.ip }, 'staff signed in with a link');
      return { kind: 'ok', staff };
    },

    /** Housekeeping: forget links that expired more than a day ago. */
    purge: () => links.purgeLinks(deps.now() - 24 * 3_600_000),
  };
}

export type StaffSignIn = ReturnType<typeof createStaffSignIn>;
