import { describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS, createLoginThrottle, retryAfterMs } from './login-throttle.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9);

describe('retryAfterMs', () => {
  const limit = { failures: 3, windowMs: 10 * MIN };
  it('allows while fewer failures than the limit fall inside the window', () => {
    expect(retryAfterMs([], T0, limit)).toBe(0);
    expect(retryAfterMs([T0, T0 + 1], T0 + 2, limit)).toBe(0);
    // An old failure has left the window.
    expect(retryAfterMs([T0, T0 + MIN, T0 + 2 * MIN], T0 + 10 * MIN, limit)).toBe(0);
  });
  it('waits until the oldest of the counting failures leaves the window', () => {
    expect(retryAfterMs([T0, T0 + MIN, T0 + 2 * MIN], T0 + 2 * MIN, limit)).toBe(8 * MIN);
    expect(retryAfterMs([T0, T0 + MIN, T0 + 2 * MIN], T0 + 10 * MIN - 1, limit)).toBe(1);
    // With more failures than the limit the wait is set by the last `failures` of them.
    expect(retryAfterMs([T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN], T0 + 10 * MIN, limit)).toBe(MIN);
  });
});

describe('login throttle', () => {
  it('throttles an address after 5 failures in 15 minutes, for 15 minutes after the first of them', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 4; i++) {
      expect(t.check('192.0.2.1', T0 + i * MIN)).toEqual({ kind: 'allowed' });
      expect(t.fail('192.0.2.1', T0 + i * MIN)).toEqual({ failures: i + 1, next: { kind: 'allowed' } });
    }
    expect(t.fail('192.0.2.1', T0 + 4 * MIN)).toEqual({
      failures: 5,
      next: { kind: 'throttled', scope: 'address', retryAfterMs: 11 * MIN },
    });
    expect(t.check('192.0.2.1', T0 + 5 * MIN)).toEqual({ kind: 'throttled', scope: 'address', retryAfterMs: 10 * MIN });
    expect(t.check('192.0.2.2', T0 + 5 * MIN)).toEqual({ kind: 'allowed' });
    expect(t.check('192.0.2.1', T0 + 15 * MIN)).toEqual({ kind: 'allowed' });
    // One more failure then: the second-oldest failure now decides (it leaves at T0 + 16 min).
    expect(t.fail('192.0.2.1', T0 + 15 * MIN).next).toEqual({ kind: 'throttled', scope: 'address', retryAfterMs: MIN });
  });

  it('does not count throttled attempts, so hammering does not extend the wait', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 5; i++) t.fail('a', T0);
    for (let i = 0; i < 300; i++) expect(t.check('a', T0 + i).kind).toBe('throttled');
    expect(t.check('a', T0 + 15 * MIN)).toEqual({ kind: 'allowed' });
  });

  it('clears an address after a correct sign-in', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 4; i++) t.fail('a', T0);
    t.succeed('a');
    expect(t.fail('a', T0 + 1).failures).toBe(1);
    expect(t.addresses).toBe(1);
  });

  it('caps failures from all addresses together: the 101st wrong token within a minute waits', () => {
    const t = createLoginThrottle();
    for (let i = 0; i < 100; i++) {
      expect(t.check(`10.0.${i >> 8}.${i & 255}`, T0 + i)).toEqual({ kind: 'allowed' });
      t.fail(`10.0.${i >> 8}.${i & 255}`, T0 + i);
    }
    expect(t.check('203.0.113.9', T0 + 100)).toEqual({ kind: 'throttled', scope: 'global', retryAfterMs: MIN - 100 });
    expect(t.check('203.0.113.9', T0 + MIN)).toEqual({ kind: 'allowed' });
    // An address over its own limit is told its own (longer) wait.
    for (let i = 0; i < 5; i++) t.fail('a', T0 + MIN);
    expect(t.check('a', T0 + MIN)).toMatchObject({ scope: 'address', retryAfterMs: 15 * MIN });
  });

  it('remembers at most maxAddresses, forgetting the least recently failed', () => {
    const t = createLoginThrottle({ ...DEFAULT_LOGIN_LIMITS, maxAddresses: 3 });
    for (const a of ['a', 'b', 'c']) t.fail(a, T0);
    t.fail('a', T0 + 1); // a is now the most recent
    t.fail('d', T0 + 2);
    expect(t.addresses).toBe(3);
    expect(t.fail('b', T0 + 3).failures).toBe(1); // b was forgotten
    expect(t.fail('a', T0 + 4).failures).toBe(3);
  });
});
