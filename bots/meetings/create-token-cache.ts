import type { Clock, Millis } from '../../core/index.js';

export interface IssuedToken {
  token: string;
  /** As the OAuth server said it (`expires_in`). */
  expiresInSeconds: number;
}

export interface TokenCache {
  /** The cached token, or a new one when there is none or it expires within the margin. */
  get(): Promise<string>;
  /** Drop `token` (the API answered 401 to it), unless a newer one has replaced it meanwhile. */
  invalidate(token: string): void;
}

/**
 * An OAuth access token kept until shortly before it expires. Callers that ask at the same time share one token
 * request; a failed request is not cached, so the next call asks again.
 */
export function createTokenCache(
  issue: () => Promise<IssuedToken>,
  clock: Clock,
  /** Renew this long before the expiry, so a token never expires on the way to the API. */
  marginMs = 60_000,
): TokenCache {
  let current: { token: string; expiresAt: Millis } | null = null;
  let pending: Promise<string> | null = null;

  async function renew(): Promise<string> {
    const issued = await issue();
    current = { token: issued.token, expiresAt: clock.now() + issued.expiresInSeconds * 1000 };
    return issued.token;
  }

  return {
    get() {
      if (current && clock.now() < current.expiresAt - marginMs) return Promise.resolve(current.token);
      pending ??= renew().finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate(token) {
      if (current?.token === token) current = null;
    },
  };
}
