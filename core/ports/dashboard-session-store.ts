import type { Millis } from '../model/types.js';

/**
 * How a dashboard session was signed in: `token` = the shared DASHBOARD_TOKEN on the login form; `link` = a staff
 * member's one-time sign-in link (issue 24); `oidc` = a staff member through the identity provider. The last two fill
 * `staffId`.
 */
export type DashboardSessionMethod = 'token' | 'link' | 'oidc';

export interface RevokeAllOptions {
  /** Spare the sessions granted under this credential (the token changed: revoke the older ones). */
  exceptFingerprint?: string;
  /** Only sessions signed in this way (a changed DASHBOARD_TOKEN revokes `token` sessions, never staff ones). */
  method?: DashboardSessionMethod;
  /** Only this staff member's sessions (sign a person out everywhere). */
  staffId?: string;
}

export interface NewDashboardSession {
  /** SHA-256 (hex) of the cookie's random id. The store never holds a usable cookie. */
  idHash: string;
  method: DashboardSessionMethod;
  /** The staff member signed in; null for a token sign-in, set for `link` and `oidc`. */
  staffId: string | null;
  /**
   * A fingerprint of the credential the session was granted under (for a token sign-in, a slow hash of
   * DASHBOARD_TOKEN). A session whose fingerprint is not the current one is void: changing the token signs everyone out.
   */
  credentialFingerprint: string;
  createdAt: Millis;
  /** Absolute end of the session; it is refused from this instant on. */
  expiresAt: Millis;
  /** For the audit: where the sign-in came from. */
  ip: string | null;
  userAgent: string | null;
}

export interface DashboardSession extends NewDashboardSession {
  lastSeenAt: Millis;
  revokedAt: Millis | null;
}

/** Server-side records of dashboard sign-ins: each cookie is valid only while its row is live. */
export interface DashboardSessionStore {
  /** Record a new session (lastSeenAt = createdAt). Rejects when the id hash exists already. */
  create(session: NewDashboardSession): Promise<void>;
  /** The session with this id hash when it is live at `now` (not revoked, now < expiresAt), else null. */
  find(idHash: string, now: Millis): Promise<DashboardSession | null>;
  /** Note activity on a live session (lastSeenAt only moves forward). */
  touch(idHash: string, at: Millis): Promise<void>;
  /** Revoke one live session (sign-out); false when it was unknown, expired or revoked already. */
  revoke(idHash: string, at: Millis): Promise<boolean>;
  /**
   * Revoke every session live at `at`, narrowed by each option given (they combine): `exceptFingerprint` spares those
   * granted under that credential, `method` keeps to one way of signing in, `staffId` to one person. Returns how many
   * were revoked.
   */
  revokeAll(at: Millis, options?: RevokeAllOptions): Promise<number>;
  /**
   * The sessions live at `now` (not revoked, now < expiresAt), of one staff member when `staffId` is given, newest
   * first (by createdAt, ties by idHash ascending): the "signed-in sessions" view.
   */
  listLive(now: Millis, staffId?: string): Promise<DashboardSession[]>;
  /** Delete the records of sessions that expired before `before` (revoked ones included). Returns how many. */
  purgeExpired(before: Millis): Promise<number>;
}
