/** At most `failures` wrong credentials within a sliding `windowMs`. */
export interface ThrottleLimit {
  failures: number;
  windowMs: number;
}

export interface LoginThrottleLimits {
  /** Per client address (IPv6 by /64): guessing from one place. */
  perAddress: ThrottleLimit;
  /** All addresses together: a guess spread over many places is slowed too. */
  global: ThrottleLimit;
  /** Addresses remembered at most (the least recently failed are forgotten first). */
  maxAddresses: number;
}

/** 5 wrong tokens per address in 15 minutes; 100 wrong tokens a minute in all. */
export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = {
  perAddress: { failures: 5, windowMs: 15 * 60_000 },
  global: { failures: 100, windowMs: 60_000 },
  maxAddresses: 10_000,
};

export type ThrottleVerdict =
  | { kind: 'allowed' }
  | { kind: 'throttled'; scope: 'address' | 'global'; retryAfterMs: number };

/**
 * How long until one more attempt may be checked, given the times of earlier failures (oldest first): 0 when it may
 * be now. A failure counts while `now < at + windowMs`; when `failures` of them count, the next attempt waits until
 * the oldest of those leaves the window.
 */
export function retryAfterMs(failureTimes: readonly number[], now: number, limit: ThrottleLimit): number {
  const recent = failureTimes.filter((at) => now < at + limit.windowMs);
  if (recent.length < limit.failures) return 0;
  return (recent[recent.length - limit.failures] as number) + limit.windowMs - now;
}

/** Keep the last `n` times: older ones can never decide a verdict. */
const keepLast = (times: number[], at: number, n: number) => [...times, at].slice(-n);

/**
 * Failed sign-ins by client address and in all, in this process's memory. A throttled attempt is answered without
 * its credential being compared and does not count as a failure (so it does not extend the wait). Time is passed in.
 */
export function createLoginThrottle(limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS) {
  // Insertion order = least recently failed first (an address is re-inserted on each failure).
  const byAddress = new Map<string, number[]>();
  let global: number[] = [];

  /** Forget the least recently failed addresses until there is room for one more. */
  const makeRoom = () => {
    for (const key of byAddress.keys()) {
      if (byAddress.size < limits.maxAddresses) return;
      byAddress.delete(key);
    }
  };
  const check = (address: string, now: number): ThrottleVerdict => {
    const own = retryAfterMs(byAddress.get(address) ?? [], now, limits.perAddress);
    if (own > 0) return { kind: 'throttled', scope: 'address', retryAfterMs: own };
    const all = retryAfterMs(global, now, limits.global);
    if (all > 0) return { kind: 'throttled', scope: 'global', retryAfterMs: all };
    return { kind: 'allowed' };
  };

  return {
    /** Whether an attempt from `address` may have its credential compared now. */
    check,
    /** Count a wrong credential; returns the failures now counting against the address and the verdict for its next attempt. */
    fail(address: string, now: number): { failures: number; next: ThrottleVerdict } {
      const times = byAddress.get(address) ?? [];
      byAddress.delete(address);
      makeRoom();
      const kept = keepLast(times, now, limits.perAddress.failures);
      byAddress.set(address, kept);
      global = keepLast(global, now, limits.global.failures);
      return { failures: kept.filter((at) => now < at + limits.perAddress.windowMs).length, next: check(address, now) };
    },
    /** A correct sign-in from the address clears its failures (not the global count). */
    succeed(address: string): void {
      byAddress.delete(address);
    },
    /** Addresses with failures remembered (for tests and the memory bound). */
    get addresses(): number {
      return byAddress.size;
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
