import { describe, expect, it } from 'vitest';
import { createCoalescingRunner } from './create-coalescing-runner.js';

/** Rounds that wait until the test releases them, numbered from 1. */
function gatedRounds() {
  const gates: (() => void)[] = [];
  let started = 0;
  return {
    started: () => started,
    release: () => gates.shift()?.(),
    round: async () => {
      const n = ++started;
      await new Promise<void>((resolve) => gates.push(resolve));
      return n;
    },
  };
}
const settle = () => new Promise((r) => setImmediate(r));

describe('createCoalescingRunner', () => {
  it('runs one round when nothing else asks, with its result', async () => {
    const runner = createCoalescingRunner({ round: async () => 'done', onError: () => undefined });
    expect(runner.running).toBe(false);
    const run = runner.run();
    expect(runner.running).toBe(true);
    expect(await run).toBe('done');
    expect(runner.running).toBe(false);
  });

  it('turns any number of asks during a round into exactly one more round, and shares the promise', async () => {
    const gated = gatedRounds();
    const runner = createCoalescingRunner({ round: gated.round, onError: () => undefined });
    const first = runner.run();
    const second = runner.run();
    runner.kick();
    runner.kick();
    expect(second).toBe(first);
    expect(gated.started()).toBe(1);
    gated.release();
    await settle();
    expect(gated.started()).toBe(2); // one more round, not three
    gated.release();
    expect(await first).toBe(2); // the last round's result by default
    expect(gated.started()).toBe(2);
    expect(runner.running).toBe(false);
  });

  it('folds the rounds of a run with combine', async () => {
    const gated = gatedRounds();
    const runner = createCoalescingRunner({ round: gated.round, combine: (a, b) => a + b, onError: () => undefined });
    const run = runner.run();
    runner.kick();
    gated.release();
    await settle();
    gated.release();
    expect(await run).toBe(3); // 1 + 2
  });

  it('starts a new run after the last one finished', async () => {
    let rounds = 0;
    const runner = createCoalescingRunner({ round: async () => ++rounds, onError: () => undefined });
    expect(await runner.run()).toBe(1);
    expect(await runner.run()).toBe(2);
  });

  it('never hands a call the result of a round that started before it, however the call is timed', async () => {
    for (let ticks = 0; ticks < 12; ticks++) {
      let started = 0;
      const runner = createCoalescingRunner({
        round: async () => {
          const n = ++started;
          await Promise.resolve();
          return n;
        },
        onError: () => undefined,
      });
      runner.kick();
      for (let i = 0; i < ticks; i++) await Promise.resolve();
      const before = started;
      expect(await runner.run()).toBeGreaterThan(before);
    }
  });

  it('idle() resolves once the run in flight and its extra round are done', async () => {
    const gated = gatedRounds();
    const runner = createCoalescingRunner({ round: gated.round, onError: () => undefined });
    await runner.idle(); // nothing running
    runner.kick();
    runner.kick();
    let idle = false;
    const waiting = runner.idle().then(() => (idle = true));
    gated.release();
    await settle();
    expect(idle).toBe(false);
    gated.release();
    await waiting;
    expect(gated.started()).toBe(2);
  });

  it('sends a kicked run’s failure to onError, rejects run() callers, and recovers', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const runner = createCoalescingRunner({
      round: async () => {
        if (fail) throw new Error('boom');
        return 'ok';
      },
      onError: (err) => errors.push(err),
    });
    runner.kick();
    await runner.idle();
    expect(errors.map(String)).toEqual(['Error: boom']);
    await expect(runner.run()).rejects.toThrow('boom');
    fail = false;
    expect(await runner.run()).toBe('ok');
    expect(runner.running).toBe(false);
  });
});
