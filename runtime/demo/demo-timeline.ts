import type { Millis } from '../../core/model/types.js';

/** A scene: runs until its next `yield`, which says when (epoch ms) it wants to continue; returning ends it. */
export type Scene = AsyncGenerator<Millis, void, void>;

interface Entry {
  at: Millis;
  seq: number;
  scene: Scene;
}

/**
 * Interleaves scenes by simulated time: the earliest waiting scene runs next (ties in the order they were added), so
 * a run with the same seed takes the same steps in the same order.
 */
export function createTimeline() {
  const queue: Entry[] = [];
  let seq = 0;
  const insert = (e: Entry) => {
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = queue[mid] as Entry;
      if (m.at < e.at || (m.at === e.at && m.seq < e.seq)) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, e);
  };
  return {
    add(at: Millis, scene: Scene): void {
      insert({ at: Math.round(at), seq: seq++, scene });
    },
    /** When the next scene wants to run, or null when none waits. */
    peek(): Millis | null {
      return queue[0]?.at ?? null;
    },
    /** Run the next scene's step (the caller has moved the clock to `peek()`), and requeue it at its next time. */
    async step(): Promise<void> {
      const e = queue.shift();
      if (!e) return;
      const next = await e.scene.next();
      if (!next.done) insert({ at: Math.max(Math.round(next.value), e.at), seq: seq++, scene: e.scene }); // whole ms, as a real clock
    },
    get size() {
      return queue.length;
    },
  };
}
