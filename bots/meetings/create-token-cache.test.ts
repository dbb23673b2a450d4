import { describe, expect, it } from 'vitest';
import { createTokenCache } from './create-token-cache.js';

function issuer(expiresInSeconds = 3600) {
  let n = 0;
  const issue = async () => ({ token: `t${++n}`, expiresInSeconds });
  return { issue, count: () => n };
}

describe('createTokenCache', () => {
  it('keeps a token until the margin before its expiry', async () => {
    let now = 0;
    const { issue, count } = issuer();
    const cache = createTokenCache(issue, { now: () => now }, 60_000);
    expect(await cache.get()).toBe('t1');
    now = 3_539_999;
    expect(await cache.get()).toBe('t1');
    now = 3_540_000;
    expect(await cache.get()).toBe('t2');
    expect(count()).toBe(2);
  });

  it('shares one request among callers at the same time', async () => {
    const { issue, count } = issuer();
    const cache = createTokenCache(issue, { now: () => 0 });
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(['t1', 't1', 't1']);
    expect(count()).toBe(1);
  });

  it('drops an invalidated token, but not a newer one', async () => {
    const { issue } = issuer();
    const cache = createTokenCache(issue, { now: () => 0 });
    const first = await cache.get();
    cache.invalidate(first);
    expect(await cache.get()).toBe('t2');
    cache.invalidate(first);
    expect(await cache.get()).toBe('t2');
  });

  it('does not cache a failure', async () => {
    let fail = true;
    const cache = createTokenCache(
      async () => {
        if (fail) throw new Error('down');
        return { token: 'ok', expiresInSeconds: 3600 };
      },
      { now: () => 0 },
    );
    await expect(cache.get()).rejects.toThrow('down');
    fail = false;
    expect(await cache.get()).toBe('ok');
  });
});
