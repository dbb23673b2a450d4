import type { Millis } from '../model/types.js';

/** Time is injected: production uses the system clock, tests drive a fake one. */
export interface Clock {
  now(): Millis;
}

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(start: Millis): Clock & { set(at: Millis): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (at) => {
      t = at;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
