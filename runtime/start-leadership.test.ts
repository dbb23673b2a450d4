import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/ports/logger.js';
import type { LeaderLock } from '../data/postgres-advisory-lock.js';
import { startLeadership } from './start-leadership.js';

/** A lock shared by fake instances: `owner` holds it; `cut(i)` is instance i's connection dying. */
function sharedLock() {
  const state = { owner: null as number | null };
  const lockOf = (i: number): LeaderLock => ({
    tryAcquire: async () => {
      if (state.owner === null) state.owner = i;
      return state.owner === i;
    },
    stillHeld: async () => state.owner === i,
    release: async () => {
      if (state.owner === i) state.owner = null;
    },
  });
  const cut = (i: number) => {
    if (state.owner === i) state.owner = null;
  };
  return { state, lockOf, cut };
}

describe('leadership', () => {
  it('runs the work on one instance; when its lock is lost, it stops there and another instance takes over', async () => {
    const lock = sharedLock();
    const running = new Set<number>();
    const start = (i: number) =>
      startLeadership({
        name: 'discord',
        lock: lock.lockOf(i),
        retryMs: 20,
        log: silentLogger,
        lead: async () => {
          running.add(i);
          return async () => void running.delete(i);
        },
      });
    const one = await start(1);
    const two = await start(2);
    expect([one.leading(), two.leading(), [...running]]).toEqual([true, false, [1]]);
    lock.cut(1);
    await expect.poll(() => [...running], { timeout: 2_000 }).toEqual([2]);
    expect([one.leading(), two.leading()]).toEqual([false, true]);
    await two.stop();
    expect(running.size).toBe(0);
    await expect.poll(() => one.leading(), { timeout: 2_000 }).toBe(true);
    await one.stop();
    expect(lock.state.owner).toBeNull();
  });

  it('fails the start when the first attempt cannot start the work, and releases the lock', async () => {
    const lock = sharedLock();
    await expect(
      startLeadership({
        name: 'discord',
        lock: lock.lockOf(1),
        retryMs: 20,
        log: silentLogger,
        lead: async () => {
          throw new Error('bad token');
        },
      }),
    ).rejects.toThrow('bad token');
    expect(lock.state.owner).toBeNull();
  });
});
